#include "ui/compare/cell_metrics_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonArray>
#include <QLocale>

namespace kurabe::ui {

namespace {

// +1: higher is better; -1: lower is better; 0: not compared.
int direction(CellMetricsModel::Metric metric)
{
    switch (metric) {
    case CellMetricsModel::PromptSpeed:
    case CellMetricsModel::GenerationSpeed:
        return 1;
    case CellMetricsModel::TimeToFirstToken:
    case CellMetricsModel::WallTime:
    case CellMetricsModel::Cost:
        return -1;
    default:
        return 0;
    }
}

QString metric_name(int metric)
{
    switch (metric) {
    case CellMetricsModel::State:
        return CellMetricsModel::tr("State");
    case CellMetricsModel::TimeToFirstToken:
        return CellMetricsModel::tr("Time to first token");
    case CellMetricsModel::PromptSpeed:
        return CellMetricsModel::tr("Prompt tokens/s");
    case CellMetricsModel::GenerationSpeed:
        return CellMetricsModel::tr("Tokens/s");
    case CellMetricsModel::TokensIn:
        return CellMetricsModel::tr("Tokens in");
    case CellMetricsModel::TokensOut:
        return CellMetricsModel::tr("Tokens out");
    case CellMetricsModel::WallTime:
        return CellMetricsModel::tr("Wall time");
    case CellMetricsModel::Cost:
        return CellMetricsModel::tr("Cost");
    case CellMetricsModel::Finish:
        return CellMetricsModel::tr("Finish");
    case CellMetricsModel::Error:
        return CellMetricsModel::tr("Error");
    case CellMetricsModel::Checks:
        return CellMetricsModel::tr("Checks");
    case CellMetricsModel::Rating:
        return CellMetricsModel::tr("Rating");
    default:
        return {};
    }
}

template <typename T>
std::optional<double> as_double(const std::optional<T>& v)
{
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

} // namespace

CellMetricsModel::CellMetricsModel(const ComparisonSnapshot& snapshot, QObject* parent)
    : QAbstractTableModel(parent), snapshot_(snapshot)
{}

int CellMetricsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : MetricCount;
}

int CellMetricsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : snapshot_.columnCount();
}

std::optional<double> CellMetricsModel::value(Metric metric, int target) const
{
    const storage::ComparisonResult* r = snapshot_.result(prompt_, target);
    // Only finished answers are measured; a streaming one has no final numbers yet.
    if (!r || r->metrics.finish_reason.isEmpty())
        return std::nullopt;
    switch (metric) {
    case TimeToFirstToken:
        return r->metrics.ttft_ms;
    case PromptSpeed:
        return r->measurements.prompt_tokens_per_s;
    case GenerationSpeed:
        return r->metrics.tokens_per_s;
    case TokensIn:
        return as_double(r->metrics.tokens_in);
    case TokensOut:
        return as_double(r->metrics.tokens_out);
    case WallTime:
        return r->measurements.wall_ms;
    case Cost:
        return r->metrics.cost_usd;
    case Rating:
        return as_double(r->rating);
    default:
        return std::nullopt;
    }
}

bool CellMetricsModel::isBest(Metric metric, int column) const
{
    const int sign = direction(metric);
    const std::optional<double> mine = value(metric, snapshot_.targetAt(column));
    if (sign == 0 || !mine)
        return false;
    int measured = 0;
    for (int c = 0; c < columnCount(); ++c) {
        const std::optional<double> other = value(metric, snapshot_.targetAt(c));
        if (!other)
            continue;
        ++measured;
        if (sign * *other > sign * *mine)
            return false;
    }
    // A lone value is not "best" of anything.
    return measured >= 2;
}

QVariant CellMetricsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto metric = static_cast<Metric>(index.row());
    const int target = snapshot_.targetAt(index.column());
    const storage::ComparisonResult* r = snapshot_.result(prompt_, target);
    const std::optional<double> v = value(metric, target);
    const bool best = isBest(metric, index.column());
    if (role == BestRole)
        return best;
    if (role == ValueRole)
        return v ? QVariant(*v) : QVariant();
    if (role == Qt::FontRole && best) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::BackgroundRole && best)
        return QBrush(QColor(0x4c, 0xaf, 0x50, 70)); // translucent green: works on dark themes
    if (role == Qt::ToolTipRole && metric == Error && r)
        return r->metrics.error;
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (metric) {
    case State:
        return app::cellStateName(snapshot_.state(prompt_, target));
    case TimeToFirstToken:
    case WallTime:
        return v ? tr("%1 ms").arg(locale.toString(*v, 'f', 0)) : QString();
    case PromptSpeed:
    case GenerationSpeed:
        return v ? locale.toString(*v, 'f', 1) : QString();
    case TokensIn:
    case TokensOut:
    case Rating:
        return v ? locale.toString(static_cast<qint64>(*v)) : QString();
    case Cost:
        return v ? QStringLiteral("$%1").arg(*v, 0, 'f', 4) : QString();
    case Finish:
        return r ? r->metrics.finish_reason : QString();
    case Error:
        return r ? r->metrics.error : QString();
    case Checks: {
        if (!r)
            return {};
        const QJsonArray checks = r->measurements.details.value(QStringLiteral("checks")).toArray();
        if (checks.isEmpty())
            return {};
        int passed = 0;
        for (const QJsonValue& check : checks)
            passed += check.toObject().value(QStringLiteral("passed")).toBool() ? 1 : 0;
        return tr("%1/%2 passed").arg(passed).arg(checks.size());
    }
    default:
        return {};
    }
}

QVariant CellMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section >= 0 && section < MetricCount ? metric_name(section) : QVariant();
    return section >= 0 && section < snapshot_.headers.size() ? snapshot_.headers[section]
                                                              : QVariant();
}

void CellMetricsModel::setPrompt(int prompt)
{
    prompt_ = prompt;
    refresh();
}

void CellMetricsModel::refresh()
{
    beginResetModel();
    endResetModel();
}

void CellMetricsModel::cellChanged(int prompt, int /*target*/)
{
    // "Best" depends on every column of the row, so the whole prompt is repainted.
    if (prompt != prompt_ || columnCount() == 0)
        return;
    emit dataChanged(index(0, 0), index(MetricCount - 1, columnCount() - 1));
}

} // namespace kurabe::ui
