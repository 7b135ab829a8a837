// The saved comparisons, most recently updated first: one row each, titled, with its last
// change time. Read from the ComparisonStore on reload(), and again whenever the store says a
// comparison was created, changed or deleted.
#pragma once

#include "storage/stores/comparison_store.h"

#include <QAbstractListModel>

#include <vector>

namespace kurabe::ui {

class SavedComparisonsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64
    };

    // `store` must outlive the model.
    explicit SavedComparisonsModel(storage::ComparisonStore& store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // Reads the list again; false (with storageError) when the store cannot be read.
    bool reload();
    qint64 idAt(int row) const;
    int rowOf(qint64 id) const; // -1 when not listed

signals:
    void storageError(const QString& message);

private:
    storage::ComparisonStore& store_;
    std::vector<storage::ComparisonInfo> rows_;
};

} // namespace kurabe::ui
