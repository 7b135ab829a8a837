// One comparison as a file to keep or share: CSV (one row per prompt x target, RFC 4180),
// JSON (everything, "format": "kurabe-comparison", "version": 1), Markdown, and a
// self-contained HTML report (inline CSS, no scripts or external resources, every text
// HTML-escaped). No secrets: targets name providers, never keys.
#pragma once

#include "storage/stores/comparison_types.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace kurabe::app {

enum class ExportFormat
{
    Csv,
    Json,
    Markdown,
    Html,
};

// By the file name's suffix: .csv, .json, .md/.markdown, .html/.htm.
std::optional<ExportFormat> export_format_for_path(const QString& path);

// The CSV header, in column order.
QStringList comparison_csv_columns();

QByteArray comparison_to_csv(const storage::Comparison& comparison);
QJsonObject comparison_to_json(const storage::Comparison& comparison);
QByteArray comparison_to_markdown(const storage::Comparison& comparison);
QByteArray comparison_to_html(const storage::Comparison& comparison); // comparison_html.cpp

QByteArray export_comparison(const storage::Comparison& comparison, ExportFormat format);

// Writes atomically (QSaveFile); the format from the suffix. False with `error` set on failure.
bool write_comparison_export(const storage::Comparison& comparison, const QString& path,
                             QString* error);

// Shared by the formats: the result of `prompt_id` x `target_id`, or null.
const storage::ComparisonResult* find_result(const storage::Comparison& comparison,
                                             qint64 prompt_id, qint64 target_id);

} // namespace kurabe::app
