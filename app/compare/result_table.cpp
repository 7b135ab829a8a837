#include "compare/result_table.h"

#include "compare/comparison_export.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>

namespace kurabe::app {
namespace {

// Pads each column to its widest cell; `right` columns are right-aligned (numbers).
QString render(const std::vector<QStringList>& rows, const std::vector<bool>& right)
{
    std::vector<qsizetype> widths;
    for (const QStringList& row : rows) {
        widths.resize(std::max(widths.size(), static_cast<size_t>(row.size())), 0);
        for (qsizetype i = 0; i < row.size(); ++i) {
            widths[static_cast<size_t>(i)] =
                std::max(widths[static_cast<size_t>(i)], row[i].size());
        }
    }
    QString text;
    for (const QStringList& row : rows) {
        QStringList cells;
        for (qsizetype i = 0; i < row.size(); ++i) {
            const auto width = static_cast<int>(widths[static_cast<size_t>(i)]);
            const bool align_right = static_cast<size_t>(i) < right.size() && right[i];
            cells << (align_right ? row[i].rightJustified(width) : row[i].leftJustified(width));
        }
        text += cells.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    }
    return text;
}

// The index of the best measured value (lowest or highest), or -1 with fewer than two values.
int best_index(const std::vector<std::optional<double>>& values, bool lower_is_better)
{
    int best = -1, measured = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        if (!values[i]) {
            continue;
        }
        ++measured;
        if (best < 0 || (lower_is_better ? *values[i] < *values[static_cast<size_t>(best)]
                                         : *values[i] > *values[static_cast<size_t>(best)])) {
            best = static_cast<int>(i);
        }
    }
    return measured >= 2 ? best : -1;
}

QString shown(const std::optional<double>& value, int decimals, bool best)
{
    if (!value) {
        return QStringLiteral("-");
    }
    return QString::number(*value, 'f', decimals) + (best ? QStringLiteral("*") : QString());
}

} // namespace

QString comparison_text_table(const storage::Comparison& comparison, int answer_chars)
{
    QString text;
    for (const storage::ComparisonPrompt& prompt : comparison.prompts) {
        QString first_line = prompt.content.simplified();
        if (first_line.size() > 70) {
            first_line = first_line.left(69) + QStringLiteral("…");
        }
        text += QStringLiteral("Prompt %1: %2\n").arg(prompt.position + 1).arg(first_line);
        std::vector<const storage::ComparisonResult*> results;
        for (const storage::ComparisonTarget& target : comparison.targets) {
            results.push_back(find_result(comparison, prompt.id, target.id));
        }
        auto column =
            [&](const std::function<std::optional<double>(const storage::ComparisonResult&)>& get) {
                std::vector<std::optional<double>> values;
                for (const storage::ComparisonResult* r : results) {
                    values.push_back(r ? get(*r) : std::nullopt);
                }
                return values;
            };
        const auto ttft = column([](const auto& r) { return r.metrics.ttft_ms; });
        const auto speed = column([](const auto& r) { return r.metrics.tokens_per_s; });
        const auto prompt_speed =
            column([](const auto& r) { return r.measurements.prompt_tokens_per_s; });
        const auto wall = column([](const auto& r) { return r.measurements.wall_ms; });
        const auto cost = column([](const auto& r) { return r.metrics.cost_usd; });
        const int best_ttft = best_index(ttft, true), best_speed = best_index(speed, false),
                  best_prompt = best_index(prompt_speed, false), best_wall = best_index(wall, true),
                  best_cost = best_index(cost, true);

        std::vector<QStringList> rows{{"target", "ttft ms", "prompt t/s", "gen t/s", "in", "out",
                                       "wall ms", "cost $", "finish", "checks", "answer"}};
        for (size_t i = 0; i < results.size(); ++i) {
            const storage::ComparisonResult* r = results[i];
            const int index = static_cast<int>(i);
            QStringList row{comparison.targets[i].label};
            if (!r) {
                row << "-"
                    << "-"
                    << "-"
                    << "-"
                    << "-"
                    << "-"
                    << "-"
                    << "not run"
                    << ""
                    << "";
                rows.push_back(row);
                continue;
            }
            int passed = 0;
            const QJsonArray checks =
                r->measurements.details.value(QStringLiteral("checks")).toArray();
            for (const QJsonValue& check : checks) {
                passed += check.toObject().value(QStringLiteral("passed")).toBool() ? 1 : 0;
            }
            QString answer = r->metrics.error.isEmpty()
                                 ? r->content.simplified()
                                 : QStringLiteral("error: ") + r->metrics.error.simplified();
            if (answer.size() > answer_chars) {
                answer = answer.left(answer_chars - 1) + QStringLiteral("…");
            }
            row << shown(ttft[i], 0, index == best_ttft)
                << shown(prompt_speed[i], 1, index == best_prompt)
                << shown(speed[i], 1, index == best_speed)
                << (r->metrics.tokens_in ? QString::number(*r->metrics.tokens_in)
                                         : QStringLiteral("-"))
                << (r->metrics.tokens_out ? QString::number(*r->metrics.tokens_out)
                                          : QStringLiteral("-"))
                << shown(wall[i], 0, index == best_wall) << shown(cost[i], 6, index == best_cost)
                << r->metrics.finish_reason
                << (checks.isEmpty() ? QString()
                                     : QStringLiteral("%1/%2").arg(passed).arg(checks.size()))
                << answer;
            rows.push_back(row);
        }
        text += render(rows, {false, true, true, true, true, true, true, true, false, true});
        text += QLatin1Char('\n');
    }
    return text;
}

QString leaderboard_text_table(const std::vector<PlayerRating>& ratings)
{
    std::vector<QStringList> rows{{"rank", "target", "rating", "95% interval", "games", "wins"}};
    int rank = 0;
    for (const PlayerRating& r : ratings) {
        rows.push_back({QString::number(++rank), r.name, QString::number(r.rating, 'f', 0),
                        QStringLiteral("%1 – %2").arg(QString::number(r.ci_low, 'f', 0),
                                                      QString::number(r.ci_high, 'f', 0)),
                        QString::number(r.games), QString::number(r.wins, 'f', 1)});
    }
    return render(rows, {true, false, true, true, true, true});
}

} // namespace kurabe::app
