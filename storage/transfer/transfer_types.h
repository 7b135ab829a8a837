// Export and import of Kurabe's data: zstd-compressed JSON Lines, described precisely in
// docs/export-format.md. This header holds what both directions share.
#pragma once

#include <QJsonObject>
#include <QString>

namespace kurabe::storage {

inline constexpr const char* kExportFormatName = "kurabe-export";
// Raised on any change an older reader would misread; an importer refuses a newer version.
// Version 2 added the comparison_pair_vote and comparison_tag records; version 1 files (without
// them, and without the measurements of comparison results) still import.
inline constexpr int kExportFormatVersion = 2;

enum class ExportScope
{
    Everything,   // every conversation and comparison, providers, model files, settings, ...
    Conversation, // one conversation with its messages
    Comparison,   // one comparison with its targets, prompts, results, votes and tags
};

QString export_scope_name(ExportScope scope); // "all", "conversation", "comparison"

// How many records of each kind an export wrote or an import added (or skipped because a row
// with the same unique name was already there).
struct TransferCounts
{
    qint64 conversations = 0;
    qint64 messages = 0;
    qint64 comparisons = 0;
    qint64 comparison_targets = 0;
    qint64 comparison_prompts = 0;
    qint64 comparison_results = 0;
    qint64 comparison_votes = 0;
    qint64 comparison_pair_votes = 0;
    qint64 comparison_tags = 0;
    qint64 providers = 0;
    qint64 model_files = 0;
    qint64 settings = 0;
    qint64 catalog_entries = 0;

    qint64 total() const;
    // "3 conversations (41 messages), 1 comparison (2 models, 3 prompts, 6 answers, 0 votes,
    // 2 pair votes, 1 tag), 2 settings" (kinds with 0 left out, except the first four of a
    // comparison); "nothing" when empty.
    QString describe() const;
    // {"conversations":3,"messages":41,...}, every kind present.
    QJsonObject to_json() const;
};

} // namespace kurabe::storage
