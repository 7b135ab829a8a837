#include "compare/prompt_set.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kurabe::app {
namespace {

bool add_checks(const QStringList& specs, PromptEntry& entry, const QString& where, QString* error)
{
    for (const QString& raw : specs) {
        const QString spec = raw.trimmed();
        if (spec.isEmpty()) {
            continue;
        }
        QString problem;
        std::optional<AnswerCheck> check = parse_answer_check(spec, &problem);
        if (!check) {
            *error = QStringLiteral("%1: %2").arg(where, problem);
            return false;
        }
        entry.checks.push_back(*check);
    }
    return true;
}

std::optional<std::vector<PromptEntry>> parse_csv_prompts(const QString& text, QString* error)
{
    std::optional<std::vector<QStringList>> records = parse_csv_records(text, error);
    if (!records) {
        return std::nullopt;
    }
    std::vector<PromptEntry> prompts;
    if (records->empty()) {
        return prompts;
    }
    const QStringList header = records->front();
    auto column = [&](std::initializer_list<const char*> names) -> qsizetype {
        for (qsizetype i = 0; i < header.size(); ++i) {
            for (const char* name : names) {
                if (header[i].trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
                    return i;
                }
            }
        }
        return -1;
    };
    qsizetype prompt_column = column({"prompt", "content"});
    const qsizetype system_column = column({"system", "system_prompt"});
    const qsizetype checks_column = column({"checks"});
    size_t first = 1;
    if (prompt_column < 0) {
        prompt_column = 0; // no header: every row is a prompt
        first = 0;
    }
    for (size_t row = first; row < records->size(); ++row) {
        const QStringList& fields = (*records)[row];
        PromptEntry entry;
        entry.content = fields.value(prompt_column);
        if (entry.content.trimmed().isEmpty()) {
            continue;
        }
        entry.system_prompt = system_column >= 0 ? fields.value(system_column) : QString();
        if (checks_column >= 0 &&
            !add_checks(fields.value(checks_column).split(QStringLiteral(" ; ")), entry,
                        QStringLiteral("record %1").arg(row + 1), error)) {
            return std::nullopt;
        }
        prompts.push_back(entry);
    }
    return prompts;
}

std::optional<std::vector<PromptEntry>> parse_jsonl_prompts(const QByteArray& data, QString* error)
{
    std::vector<PromptEntry> prompts;
    const QList<QByteArray> lines = data.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QString where = QStringLiteral("line %1").arg(i + 1);
        // QJsonDocument takes only objects and arrays; wrap the line to accept a bare string.
        QJsonParseError parse_error;
        const QJsonDocument document = QJsonDocument::fromJson("[" + line + "]", &parse_error);
        if (parse_error.error != QJsonParseError::NoError || document.array().size() != 1) {
            *error =
                QStringLiteral("%1: not one JSON value (%2)").arg(where, parse_error.errorString());
            return std::nullopt;
        }
        const QJsonValue value = document.array().first();
        PromptEntry entry;
        if (value.isString()) {
            entry.content = value.toString();
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            entry.content = object.value(QStringLiteral("prompt"))
                                .toString(object.value(QStringLiteral("content")).toString());
            entry.system_prompt = object.value(QStringLiteral("system")).toString();
            QStringList specs;
            for (const QJsonValue& check : object.value(QStringLiteral("checks")).toArray()) {
                specs << check.toString();
            }
            if (!add_checks(specs, entry, where, error)) {
                return std::nullopt;
            }
        }
        if (entry.content.trimmed().isEmpty()) {
            *error = QStringLiteral("%1: no \"prompt\" text").arg(where);
            return std::nullopt;
        }
        prompts.push_back(entry);
    }
    return prompts;
}

} // namespace

std::optional<std::vector<QStringList>> parse_csv_records(const QString& text, QString* error)
{
    std::vector<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool field_started = false;
    int line = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n')) {
                    ++line;
                }
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !field_started) {
            quoted = true;
            field_started = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            field_started = false;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            ++line;
            record << field;
            field.clear();
            field_started = false;
            if (!(record.size() == 1 && record.front().isEmpty())) {
                records.push_back(record);
            }
            record.clear();
        } else {
            field += c;
            field_started = true;
        }
    }
    if (quoted) {
        *error = QStringLiteral("a quoted field is not closed (it runs to the end, from before "
                                "line %1)")
                     .arg(line);
        return std::nullopt;
    }
    if (field_started || !record.isEmpty()) {
        record << field;
        records.push_back(record);
    }
    return records;
}

PromptFileFormat prompt_file_format(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) {
        return PromptFileFormat::Csv;
    }
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson")) {
        return PromptFileFormat::JsonLines;
    }
    return PromptFileFormat::PlainLines;
}

std::optional<std::vector<PromptEntry>> parse_prompt_set(const QByteArray& data,
                                                         PromptFileFormat format, QString* error)
{
    std::optional<std::vector<PromptEntry>> prompts;
    switch (format) {
    case PromptFileFormat::Csv:
        prompts = parse_csv_prompts(QString::fromUtf8(data), error);
        break;
    case PromptFileFormat::JsonLines:
        prompts = parse_jsonl_prompts(data, error);
        break;
    case PromptFileFormat::PlainLines: {
        prompts.emplace();
        for (const QString& line : QString::fromUtf8(data).split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty()) {
                prompts->push_back(PromptEntry{{}, line.trimmed(), {}});
            }
        }
        break;
    }
    }
    if (prompts && prompts->empty()) {
        *error = QStringLiteral("there are no prompts in it");
        return std::nullopt;
    }
    return prompts;
}

std::optional<std::vector<PromptEntry>> load_prompt_file(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString problem;
    std::optional<std::vector<PromptEntry>> prompts =
        parse_prompt_set(file.readAll(), prompt_file_format(path), &problem);
    if (!prompts) {
        *error = QStringLiteral("%1: %2").arg(path, problem);
    }
    return prompts;
}

} // namespace kurabe::app
