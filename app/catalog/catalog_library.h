// The catalog the application shows: the built-in one synced into the user's database (so the
// user's edits and additions survive updates, storage/stores/catalog_store.h), read back.
#pragma once

#include "catalog/catalog_entry.h"
#include "catalog/catalog_loader.h"

#include <QStringList>

#include <vector>

namespace kurabe::storage {
class Database;
}

namespace kurabe::catalog {

struct CatalogSnapshot
{
    std::vector<CatalogEntry> entries; // sorted by key
    QStringList problems;              // entries left out, or why the database could not be used
};

// Syncs `builtin` into `database` and reads every stored entry (built-in and the user's).
CatalogSnapshot sync_catalog(storage::Database& database, const CatalogLoad& builtin);

// The built-in catalog synced into the database in `data_dir` (storage/data_dir.h). When the
// database cannot be opened or written, the built-in catalog alone, with the reason in
// `problems` (shown to the user: their own entries are missing then).
CatalogSnapshot load_catalog(const QString& data_dir);

} // namespace kurabe::catalog
