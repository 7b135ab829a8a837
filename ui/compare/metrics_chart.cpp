#include "ui/compare/metrics_chart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace kurabe::ui {

namespace {

// The answer ran to its end: not failed, cancelled or still streaming (as the run reads it).
bool finished(const storage::ComparisonResult& result)
{
    const QString& finish = result.metrics.finish_reason;
    return !finish.isEmpty() && finish != QLatin1String("cancelled") &&
           finish != QLatin1String("error") && result.metrics.error.isEmpty();
}

struct Mean
{
    double sum = 0;
    int count = 0;

    void add(const std::optional<double>& value)
    {
        if (value) {
            sum += *value;
            ++count;
        }
    }
    std::optional<double> value() const
    {
        return count > 0 ? std::optional<double>(sum / count) : std::nullopt;
    }
};

// A category axis drops repeated names; the same model twice with one label must stay two bars.
QStringList unique_names(const QStringList& names)
{
    QStringList unique;
    for (int i = 0; i < names.size(); ++i) {
        QString name = names[i].isEmpty() ? QString::number(i + 1) : names[i];
        if (unique.contains(name))
            name = QStringLiteral("%1 (%2)").arg(name).arg(i + 1);
        unique << name;
    }
    return unique;
}

} // namespace

std::vector<TargetSpeed> target_speeds(const ComparisonSnapshot& snapshot)
{
    std::vector<TargetSpeed> speeds;
    for (int c = 0; c < snapshot.columnCount(); ++c) {
        Mean speed;
        Mean ttft;
        int answers = 0;
        for (int p = 0; p < snapshot.promptCount(); ++p) {
            const storage::ComparisonResult* r = snapshot.result(p, snapshot.targetAt(c));
            if (!r || !finished(*r))
                continue;
            ++answers;
            speed.add(r->metrics.tokens_per_s);
            ttft.add(r->metrics.ttft_ms);
        }
        speeds.push_back(TargetSpeed{speed.value(), ttft.value(), answers});
    }
    return speeds;
}

MetricsChart::MetricsChart(const ComparisonSnapshot& snapshot, QWidget* parent)
    : QWidget(parent), snapshot_(snapshot)
{
    setObjectName(QStringLiteral("compare-charts"));
    speed_ = makeChart(tr("Generation speed (mean over finished answers)"), tr("tokens/s"));
    ttft_ = makeChart(tr("Time to first token (mean over finished answers)"), tr("ms"));
    speed_bars_ = speed_.bars;
    ttft_bars_ = ttft_.bars;
    note_ = new QLabel(this);
    note_->setWordWrap(true);

    auto* charts = new QHBoxLayout;
    for (QChart* chart : {speed_.chart, ttft_.chart}) {
        auto* view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(160); // pixels: room for a few bars
        charts->addWidget(view, 1);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(charts, 1);
    layout->addWidget(note_);
    refresh();
}

MetricsChart::Chart MetricsChart::makeChart(const QString& title, const QString& unit)
{
    Chart made;
    made.chart = new QChart; // owned by its QChartView
    made.chart->setTitle(title);
    made.chart->legend()->hide();
    made.bars = new QBarSet(unit);
    auto* series = new QHorizontalBarSeries;
    series->append(made.bars);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(4);
    made.chart->addSeries(series);
    made.names = new QBarCategoryAxis;
    made.names->setReverse(true); // the first column at the top
    made.values = new QValueAxis;
    made.values->setTitleText(unit);
    made.values->setLabelFormat(QStringLiteral("%.0f"));
    made.chart->addAxis(made.names, Qt::AlignLeft);
    made.chart->addAxis(made.values, Qt::AlignBottom);
    series->attachAxis(made.names);
    series->attachAxis(made.values);
    return made;
}

void MetricsChart::fill(Chart& chart, const QStringList& names,
                        const std::vector<std::optional<double>>& values)
{
    if (chart.bars->count() > 0)
        chart.bars->remove(0, chart.bars->count());
    double highest = 0;
    for (const std::optional<double>& value : values) {
        chart.bars->append(value.value_or(0.0));
        highest = std::max(highest, value.value_or(0.0));
    }
    chart.names->clear();
    chart.names->append(names);
    // 10% headroom for the value labels; a flat axis when nothing is measured yet.
    chart.values->setRange(0, highest > 0 ? highest * 1.1 : 1.0);
}

void MetricsChart::refresh()
{
    const std::vector<TargetSpeed> speeds = target_speeds(snapshot_);
    QStringList headers;
    for (int c = 0; c < snapshot_.columnCount(); ++c)
        headers << snapshot_.headers.value(c);
    const QStringList names = unique_names(headers);
    std::vector<std::optional<double>> speed;
    std::vector<std::optional<double>> ttft;
    QStringList unmeasured;
    for (size_t c = 0; c < speeds.size(); ++c) {
        speed.push_back(speeds[c].tokens_per_s);
        ttft.push_back(speeds[c].ttft_ms);
        if (speeds[c].answers == 0)
            unmeasured << names.value(static_cast<int>(c));
    }
    fill(speed_, names, speed);
    fill(ttft_, names, ttft);
    note_->setText(unmeasured.isEmpty() ? QString()
                                        : tr("No finished answer yet from %1 (shown as 0).")
                                              .arg(unmeasured.join(QStringLiteral(", "))));
}

QStringList MetricsChart::categories() const
{
    return speed_.names->categories();
}

} // namespace kurabe::ui
