#include "compare/comparison_export.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace kurabe::app {
namespace {

QString number_or_empty(const std::optional<double>& value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : QString();
}

QString integer_or_empty(const std::optional<qint64>& value)
{
    return value ? QString::number(*value) : QString();
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
QString csv_field(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'))) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void insert_optional(QJsonObject& object, const char* key, const std::optional<double>& value)
{
    if (value) {
        object.insert(QLatin1String(key), *value);
    }
}

void insert_optional(QJsonObject& object, const char* key, const std::optional<qint64>& value)
{
    if (value) {
        object.insert(QLatin1String(key), *value);
    }
}

// A table cell in Markdown: one line, pipes escaped.
QString markdown_cell(const QString& text)
{
    QString cell = text;
    cell.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    cell.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    cell.replace(QLatin1Char('\n'), QLatin1Char(' '));
    cell.remove(QLatin1Char('\r'));
    return cell;
}

// A fence longer than any run of backticks inside, so the answer cannot close it.
QString markdown_fence(const QString& text)
{
    int longest = 0, run = 0;
    for (QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), QLatin1Char('`'));
}

QString target_label(const storage::Comparison& comparison, qint64 target_id)
{
    for (const storage::ComparisonTarget& target : comparison.targets) {
        if (target.id == target_id) {
            return target.label;
        }
    }
    return {};
}

} // namespace

std::optional<ExportFormat> export_format_for_path(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) {
        return ExportFormat::Csv;
    }
    if (suffix == QLatin1String("json")) {
        return ExportFormat::Json;
    }
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown")) {
        return ExportFormat::Markdown;
    }
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        return ExportFormat::Html;
    }
    return std::nullopt;
}

const storage::ComparisonResult* find_result(const storage::Comparison& comparison,
                                             qint64 prompt_id, qint64 target_id)
{
    for (const storage::ComparisonResult& result : comparison.results) {
        if (result.prompt_id == prompt_id && result.target_id == target_id) {
            return &result;
        }
    }
    return nullptr;
}

QStringList comparison_csv_columns()
{
    return {QStringLiteral("prompt_index"),
            QStringLiteral("system_prompt"),
            QStringLiteral("prompt"),
            QStringLiteral("target"),
            QStringLiteral("answer"),
            QStringLiteral("tokens_in"),
            QStringLiteral("tokens_out"),
            QStringLiteral("ttft_ms"),
            QStringLiteral("prompt_tokens_per_s"),
            QStringLiteral("tokens_per_s"),
            QStringLiteral("wall_ms"),
            QStringLiteral("cost_usd"),
            QStringLiteral("finish_reason"),
            QStringLiteral("error"),
            QStringLiteral("rating"),
            QStringLiteral("note")};
}

QByteArray comparison_to_csv(const storage::Comparison& comparison)
{
    QString csv = comparison_csv_columns().join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const storage::ComparisonPrompt& prompt : comparison.prompts) {
        for (const storage::ComparisonTarget& target : comparison.targets) {
            const storage::ComparisonResult* result = find_result(comparison, prompt.id, target.id);
            QStringList row{QString::number(prompt.position + 1), prompt.system_prompt,
                            prompt.content, target.label};
            if (result) {
                const storage::MessageMetrics& m = result->metrics;
                row << result->content << integer_or_empty(m.tokens_in)
                    << integer_or_empty(m.tokens_out) << number_or_empty(m.ttft_ms, 1)
                    << number_or_empty(result->measurements.prompt_tokens_per_s, 2)
                    << number_or_empty(m.tokens_per_s, 2)
                    << number_or_empty(result->measurements.wall_ms, 1)
                    << number_or_empty(m.cost_usd, 6) << m.finish_reason << m.error
                    << (result->rating ? QString::number(*result->rating) : QString())
                    << result->note;
            } else {
                for (int i = 0; i < 12; ++i) {
                    row << QString();
                }
            }
            QStringList fields;
            for (const QString& field : row) {
                fields << csv_field(field);
            }
            csv += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
        }
    }
    return csv.toUtf8();
}

QJsonObject comparison_to_json(const storage::Comparison& comparison)
{
    QJsonArray targets;
    for (const storage::ComparisonTarget& target : comparison.targets) {
        targets.append(QJsonObject{{"id", target.id},
                                   {"position", target.position},
                                   {"label", target.label},
                                   {"target", target.target},
                                   {"sampling", target.sampling}});
    }
    QJsonArray prompts;
    for (const storage::ComparisonPrompt& prompt : comparison.prompts) {
        prompts.append(QJsonObject{{"id", prompt.id},
                                   {"position", prompt.position},
                                   {"system_prompt", prompt.system_prompt},
                                   {"content", prompt.content}});
    }
    QJsonArray results;
    for (const storage::ComparisonResult& result : comparison.results) {
        QJsonObject object{{"id", result.id},
                           {"prompt_id", result.prompt_id},
                           {"target_id", result.target_id},
                           {"content", result.content},
                           {"finish_reason", result.metrics.finish_reason},
                           {"error", result.metrics.error},
                           {"note", result.note},
                           {"details", result.measurements.details},
                           {"created_at_ms", result.created_at_ms},
                           {"updated_at_ms", result.updated_at_ms}};
        insert_optional(object, "tokens_in", result.metrics.tokens_in);
        insert_optional(object, "tokens_out", result.metrics.tokens_out);
        insert_optional(object, "ttft_ms", result.metrics.ttft_ms);
        insert_optional(object, "tokens_per_s", result.metrics.tokens_per_s);
        insert_optional(object, "prompt_tokens_per_s", result.measurements.prompt_tokens_per_s);
        insert_optional(object, "wall_ms", result.measurements.wall_ms);
        insert_optional(object, "cost_usd", result.metrics.cost_usd);
        if (result.rating) {
            object.insert(QStringLiteral("rating"), *result.rating);
        }
        results.append(object);
    }
    QJsonArray votes;
    for (const storage::ComparisonPairVote& vote : comparison.pair_votes) {
        votes.append(QJsonObject{{"prompt_id", vote.prompt_id},
                                 {"target_a_id", vote.target_a_id},
                                 {"target_b_id", vote.target_b_id},
                                 {"outcome", storage::pairOutcomeName(vote.outcome)},
                                 {"created_at_ms", vote.created_at_ms}});
    }
    return QJsonObject{{"format", "kurabe-comparison"},
                       {"version", 1},
                       {"id", comparison.info.id},
                       {"title", comparison.info.title},
                       {"notes", comparison.info.notes},
                       {"tags", QJsonArray::fromStringList(comparison.tags)},
                       {"created_at_ms", comparison.info.created_at_ms},
                       {"updated_at_ms", comparison.info.updated_at_ms},
                       {"targets", targets},
                       {"prompts", prompts},
                       {"results", results},
                       {"pair_votes", votes}};
}

QByteArray comparison_to_markdown(const storage::Comparison& comparison)
{
    QString md = QStringLiteral("# %1\n\n")
                     .arg(comparison.info.title.isEmpty()
                              ? QStringLiteral("Comparison %1").arg(comparison.info.id)
                              : markdown_cell(comparison.info.title));
    if (!comparison.info.notes.isEmpty()) {
        md += comparison.info.notes + QStringLiteral("\n\n");
    }
    if (!comparison.tags.isEmpty()) {
        md += QStringLiteral("Tags: %1\n\n").arg(markdown_cell(comparison.tags.join(", ")));
    }
    for (const storage::ComparisonPrompt& prompt : comparison.prompts) {
        md += QStringLiteral("## Prompt %1\n\n").arg(prompt.position + 1);
        if (!prompt.system_prompt.isEmpty()) {
            md += QStringLiteral("System: %1\n\n").arg(markdown_cell(prompt.system_prompt));
        }
        const QString fence = markdown_fence(prompt.content);
        md += fence + QLatin1Char('\n') + prompt.content + QLatin1Char('\n') + fence +
              QStringLiteral("\n\n");
        md += QStringLiteral("| target | tokens in | tokens out | first token (ms) | tokens/s | "
                             "wall (ms) | cost (USD) | finish | rating |\n"
                             "|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (const storage::ComparisonTarget& target : comparison.targets) {
            const storage::ComparisonResult* r = find_result(comparison, prompt.id, target.id);
            if (!r) {
                md += QStringLiteral("| %1 | | | | | | | not run | |\n")
                          .arg(markdown_cell(target.label));
                continue;
            }
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |\n")
                      .arg(markdown_cell(target.label), integer_or_empty(r->metrics.tokens_in),
                           integer_or_empty(r->metrics.tokens_out),
                           number_or_empty(r->metrics.ttft_ms, 0),
                           number_or_empty(r->metrics.tokens_per_s, 1),
                           number_or_empty(r->measurements.wall_ms, 0),
                           number_or_empty(r->metrics.cost_usd, 6),
                           markdown_cell(r->metrics.finish_reason),
                           r->rating ? QString::number(*r->rating) : QString());
        }
        md += QLatin1Char('\n');
        for (const storage::ComparisonTarget& target : comparison.targets) {
            const storage::ComparisonResult* r = find_result(comparison, prompt.id, target.id);
            if (!r) {
                continue;
            }
            md += QStringLiteral("### %1\n\n").arg(markdown_cell(target.label));
            if (!r->metrics.error.isEmpty()) {
                md += QStringLiteral("Error: %1\n\n").arg(markdown_cell(r->metrics.error));
            }
            const QString answer_fence = markdown_fence(r->content);
            md += answer_fence + QLatin1Char('\n') + r->content + QLatin1Char('\n') + answer_fence +
                  QStringLiteral("\n\n");
        }
        for (const storage::ComparisonPairVote& vote : comparison.pair_votes) {
            if (vote.prompt_id == prompt.id) {
                md += QStringLiteral("- Vote: %1 vs %2: %3\n")
                          .arg(markdown_cell(target_label(comparison, vote.target_a_id)),
                               markdown_cell(target_label(comparison, vote.target_b_id)),
                               storage::pairOutcomeName(vote.outcome));
            }
        }
        md += QLatin1Char('\n');
    }
    return md.toUtf8();
}

QByteArray export_comparison(const storage::Comparison& comparison, ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return comparison_to_csv(comparison);
    case ExportFormat::Json:
        return QJsonDocument(comparison_to_json(comparison)).toJson(QJsonDocument::Indented);
    case ExportFormat::Markdown:
        return comparison_to_markdown(comparison);
    case ExportFormat::Html:
        return comparison_to_html(comparison);
    }
    return {};
}

bool write_comparison_export(const storage::Comparison& comparison, const QString& path,
                             QString* error)
{
    const std::optional<ExportFormat> format = export_format_for_path(path);
    if (!format) {
        *error =
            QStringLiteral("%1: the file name must end in .csv, .json, .md or .html").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = export_comparison(comparison, *format);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace kurabe::app
