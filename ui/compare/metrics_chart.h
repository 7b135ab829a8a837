// The Charts tab of a comparison: horizontal bars of each target's generation speed (tokens/s)
// and time to first token (milliseconds), each the mean over the target's finished answers to
// all prompts (failed, cancelled and unfinished answers are left out, as is a missing value).
// Bars are named as the columns are: letters while a blind comparison is not revealed.
#pragma once

#include "ui/compare/comparison_snapshot.h"

#include <QWidget>

#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QLabel;
class QValueAxis;

namespace kurabe::ui {

struct TargetSpeed
{
    std::optional<double> tokens_per_s; // mean generation speed
    std::optional<double> ttft_ms;      // mean time to first token, milliseconds
    int answers = 0;                    // finished answers the means are over
};

// By display column of `snapshot`.
std::vector<TargetSpeed> target_speeds(const ComparisonSnapshot& snapshot);

class MetricsChart : public QWidget
{
    Q_OBJECT
public:
    // `snapshot` must outlive the chart.
    explicit MetricsChart(const ComparisonSnapshot& snapshot, QWidget* parent = nullptr);

    // Reads the snapshot again: after an answer finished, or the names changed.
    void refresh();

    // One value per display column (0 where a target has no finished answer), in the order
    // of categories(); the first category is drawn at the top.
    QBarSet* speedBars() const { return speed_bars_; }
    QBarSet* firstTokenBars() const { return ttft_bars_; }
    QStringList categories() const;

private:
    struct Chart
    {
        QChart* chart = nullptr;
        QBarSet* bars = nullptr;
        QBarCategoryAxis* names = nullptr;
        QValueAxis* values = nullptr;
    };
    Chart makeChart(const QString& title, const QString& unit);
    void fill(Chart& chart, const QStringList& names,
              const std::vector<std::optional<double>>& values);

    const ComparisonSnapshot& snapshot_;
    Chart speed_;
    Chart ttft_;
    QBarSet* speed_bars_ = nullptr;
    QBarSet* ttft_bars_ = nullptr;
    QLabel* note_ = nullptr;
};

} // namespace kurabe::ui
