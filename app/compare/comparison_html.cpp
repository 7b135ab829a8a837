// The self-contained HTML report: one file that opens anywhere, offline. Inline CSS only; no
// scripts, fonts, images or links to load. Every piece of user or model text is escaped, so an
// answer containing "<script>" shows as text.
#include "compare/comparison_export.h"
#include "version.h"

#include <QDateTime>
#include <QJsonArray>

namespace kurabe::app {
namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString metric(const std::optional<double>& value, int decimals, const char* unit)
{
    return value ? QString::number(*value, 'f', decimals) + QLatin1String(unit)
                 : QStringLiteral("–");
}

QString metric(const std::optional<qint64>& value)
{
    return value ? QString::number(*value) : QStringLiteral("–");
}

const char* kStyle = R"css(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em;
       color: #1d1d1f; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; }
.prompt, .answer { white-space: pre-wrap; font-family: ui-monospace, monospace;
                   font-size: 0.9em; background: #f5f5f7; padding: 0.6em; border-radius: 4px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18em, 1fr));
           gap: 1em; }
.column h3 { font-size: 1em; margin: 0.4em 0; }
.metrics { font-size: 0.8em; color: #555; }
.error { color: #b00020; }
.pass { color: #1b7f3b; } .fail { color: #b00020; }
table { border-collapse: collapse; font-size: 0.85em; }
td, th { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: right; }
td:first-child, th:first-child { text-align: left; }
footer { margin-top: 3em; font-size: 0.8em; color: #777; }
)css";

} // namespace

QByteArray comparison_to_html(const storage::Comparison& comparison)
{
    const QString title = comparison.info.title.isEmpty()
                              ? QStringLiteral("Comparison %1").arg(comparison.info.id)
                              : comparison.info.title;
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width\">\n");
    html += QStringLiteral("<title>%1</title>\n<style>%2</style>\n</head><body>\n")
                .arg(esc(title), QLatin1String(kStyle));
    html += QStringLiteral("<h1>%1</h1>\n").arg(esc(title));
    if (!comparison.info.notes.isEmpty()) {
        html += QStringLiteral("<p>%1</p>\n").arg(esc(comparison.info.notes));
    }
    if (!comparison.tags.isEmpty()) {
        html += QStringLiteral("<p>Tags: %1</p>\n").arg(esc(comparison.tags.join(", ")));
    }

    for (const storage::ComparisonPrompt& prompt : comparison.prompts) {
        html += QStringLiteral("<section>\n<h2>Prompt %1</h2>\n").arg(prompt.position + 1);
        if (!prompt.system_prompt.isEmpty()) {
            html += QStringLiteral("<p><b>System:</b> %1</p>\n").arg(esc(prompt.system_prompt));
        }
        html += QStringLiteral("<div class=\"prompt\">%1</div>\n").arg(esc(prompt.content));
        html += QStringLiteral("<div class=\"columns\">\n");
        for (const storage::ComparisonTarget& target : comparison.targets) {
            const storage::ComparisonResult* r = find_result(comparison, prompt.id, target.id);
            html += QStringLiteral("<div class=\"column\"><h3>%1</h3>\n").arg(esc(target.label));
            if (!r) {
                html += QStringLiteral("<p class=\"metrics\">not run</p></div>\n");
                continue;
            }
            const storage::MessageMetrics& m = r->metrics;
            html +=
                QStringLiteral("<p class=\"metrics\">first token %1 · %2 · prompt %3 · %4 "
                               "in / %5 out · wall %6 · cost %7 · %8%9</p>\n")
                    .arg(metric(m.ttft_ms, 0, " ms"), metric(m.tokens_per_s, 1, " tok/s"),
                         metric(r->measurements.prompt_tokens_per_s, 1, " tok/s"),
                         metric(m.tokens_in), metric(m.tokens_out),
                         metric(r->measurements.wall_ms, 0, " ms"), metric(m.cost_usd, 6, " USD"),
                         esc(m.finish_reason),
                         r->rating ? QStringLiteral(" · rated %1/5").arg(*r->rating) : QString());
            if (!m.error.isEmpty()) {
                html += QStringLiteral("<p class=\"error\">%1</p>\n").arg(esc(m.error));
            }
            html += QStringLiteral("<div class=\"answer\">%1</div>\n").arg(esc(r->content));
            const QJsonArray checks =
                r->measurements.details.value(QStringLiteral("checks")).toArray();
            for (const QJsonValue& value : checks) {
                const QJsonObject check = value.toObject();
                const bool passed = check.value(QStringLiteral("passed")).toBool();
                html += QStringLiteral("<p class=\"%1\">%2 %3 %4</p>\n")
                            .arg(passed ? QStringLiteral("pass") : QStringLiteral("fail"),
                                 passed ? QStringLiteral("✓") : QStringLiteral("✗"),
                                 esc(check.value(QStringLiteral("check")).toString()),
                                 esc(check.value(QStringLiteral("reason")).toString()));
            }
            if (!r->note.isEmpty()) {
                html += QStringLiteral("<p><i>%1</i></p>\n").arg(esc(r->note));
            }
            html += QStringLiteral("</div>\n");
        }
        html += QStringLiteral("</div>\n</section>\n");
    }
    html += QStringLiteral("<footer>Made with Kurabe %1 on %2.</footer>\n</body></html>\n")
                .arg(QStringLiteral(KURABE_VERSION),
                     esc(QDateTime::fromMSecsSinceEpoch(comparison.info.updated_at_ms)
                             .toUTC()
                             .toString(Qt::ISODate)));
    return html.toUtf8();
}

} // namespace kurabe::app
