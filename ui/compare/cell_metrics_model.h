// The measurements of one prompt's answers: a row per metric (state, time to first token,
// prompt and generation tokens/s, tokens in/out, wall time, cost, finish reason, error, checks,
// rating), a column per target in display order. In each comparable metric the best value
// (fastest, cheapest) is highlighted: bold on a tinted background, and BestRole true.
#pragma once

#include "ui/compare/comparison_snapshot.h"

#include <QAbstractTableModel>

#include <optional>

namespace kurabe::ui {

class CellMetricsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Metric
    {
        State,
        TimeToFirstToken, // milliseconds, lower is better
        PromptSpeed,      // prompt tokens per second, higher is better
        GenerationSpeed,  // generated tokens per second, higher is better
        TokensIn,
        TokensOut,
        WallTime, // milliseconds, lower is better
        Cost,     // US dollars, lower is better
        Finish,
        Error,
        Checks, // "2/3 passed"
        Rating,
        MetricCount
    };
    enum Role
    {
        BestRole = Qt::UserRole + 1, // bool: the best value of its row
        ValueRole,                   // double for numeric metrics, else invalid
    };

    // `snapshot` must outlive the model.
    explicit CellMetricsModel(const ComparisonSnapshot& snapshot, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setPrompt(int prompt);
    int prompt() const { return prompt_; }
    void refresh(); // the snapshot changed shape (other comparison, columns)
    void cellChanged(int prompt, int target);

private:
    std::optional<double> value(Metric metric, int target) const;
    bool isBest(Metric metric, int column) const;

    const ComparisonSnapshot& snapshot_;
    int prompt_ = 0;
};

} // namespace kurabe::ui
