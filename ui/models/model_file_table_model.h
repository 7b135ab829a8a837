// The Models page's table: one row per GGUF file in the library, with its summary (name,
// architecture, parameters, quantization mix, context length, size, chat template) and its
// state: hashing (with progress), the sha256, or why the file cannot be used.
#pragma once

#include "app/library/model_library.h"

#include <QAbstractTableModel>

#include <vector>

namespace kurabe::ui {

class ModelFileTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Architecture,
        Parameters,
        Quantization,
        Context,
        Size,
        ChatTemplate,
        Status,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        PathRole,
        RunnableRole,
        ProgressRole, // 0..1 while hashing, -1 otherwise
    };

    explicit ModelFileTableModel(app::ModelLibrary& library, QObject* parent = nullptr);

    storage::StorageResult<void> reload();
    const storage::ModelFile& file(int row) const { return rows_[static_cast<size_t>(row)]; }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void storageError(const QString& message);

private:
    QString status(const storage::ModelFile& f) const;

    app::ModelLibrary& library_;
    std::vector<storage::ModelFile> rows_;
};

} // namespace kurabe::ui
