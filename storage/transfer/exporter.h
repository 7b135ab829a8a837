// Writes Kurabe's data (everything, one conversation or one comparison) as an export file:
// zstd-compressed JSON Lines, format in docs/export-format.md. Reads one snapshot of the
// database, so a writer working meanwhile cannot tear the export; a reader connection is
// enough. Secrets are never in the database, so never in an export.
#pragma once

#include "storage/sqlite/database.h"
#include "storage/transfer/transfer_types.h"

namespace kurabe::storage {

struct ExportSummary
{
    TransferCounts records;
    qint64 uncompressed_bytes = 0; // the JSON Lines text
};

// `id` is the conversation or comparison for those scopes (unused for Everything). `path` is
// replaced only once the export is complete.
StorageResult<ExportSummary> export_to_file(Database& database, ExportScope scope, qint64 id,
                                            const QString& path);

} // namespace kurabe::storage
