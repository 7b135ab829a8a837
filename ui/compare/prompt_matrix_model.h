// The matrix of a prompt set: a row per prompt, a column per target (display order), each cell
// a one-line summary of the answer (state, its start, tokens/s). Activating a cell opens that
// prompt in the column view.
#pragma once

#include "ui/compare/comparison_snapshot.h"

#include <QAbstractTableModel>

namespace kurabe::ui {

class PromptMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // `snapshot` must outlive the model.
    explicit PromptMatrixModel(const ComparisonSnapshot& snapshot, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void refresh();
    void cellChanged(int prompt, int target);

private:
    const ComparisonSnapshot& snapshot_;
};

} // namespace kurabe::ui
