// Reads an export file (docs/export-format.md) into the database, all or nothing: one
// transaction, rolled back on the first problem, whose message names the line and byte where
// the file broke. Ids are renumbered, so a file can be imported into a database that already
// has data (or imported twice: it then holds two copies). Rows with a unique name that already
// exists here (a provider, a model file path, a setting, a catalog entry) are kept as they are
// and counted as skipped. Run it on the writer connection.
#pragma once

#include "storage/sqlite/database.h"
#include "storage/transfer/transfer_types.h"

#include <vector>

namespace kurabe::storage {

struct ImportSummary
{
    ExportScope scope = ExportScope::Everything; // the file's header
    TransferCounts imported;
    TransferCounts skipped;
    std::vector<qint64> conversation_ids; // the new conversations, in file order
    std::vector<qint64> comparison_ids;   // the new comparisons, in file order
};

StorageResult<ImportSummary> import_from_file(Database& database, const QString& path);

} // namespace kurabe::storage
