// Prompt sets for a comparison, typed or read from a file:
//   .csv    RFC 4180 with a header row naming the columns "prompt" (or "content"), and
//           optionally "system" and "checks" (checks separated by " ; "); a file without such
//           a header is one prompt per row, from its first column.
//   .jsonl  one JSON object per line: {"prompt": "...", "system": "...", "checks": ["json"]};
//           a line may also be a bare JSON string. Blank lines are skipped.
//   other   plain text, one prompt per non-blank line.
#pragma once

#include "compare/answer_checks.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace kurabe::app {

struct PromptEntry
{
    QString system_prompt;
    QString content;
    std::vector<AnswerCheck> checks;
};

enum class PromptFileFormat
{
    Csv,
    JsonLines,
    PlainLines,
};

PromptFileFormat prompt_file_format(const QString& path); // by suffix

// Errors name the line (1-based) that is wrong. An empty set is an error too.
std::optional<std::vector<PromptEntry>> parse_prompt_set(const QByteArray& data,
                                                         PromptFileFormat format, QString* error);
std::optional<std::vector<PromptEntry>> load_prompt_file(const QString& path, QString* error);

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks). Empty optional with
// `error` set for an unterminated quote.
std::optional<std::vector<QStringList>> parse_csv_records(const QString& text, QString* error);

} // namespace kurabe::app
