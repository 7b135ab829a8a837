#include "catalog/catalog_library.h"

#include "catalog/catalog_parser.h"
#include "storage/schema/schema.h"
#include "storage/stores/catalog_store.h"

namespace kurabe::catalog {

CatalogSnapshot sync_catalog(storage::Database& database, const CatalogLoad& builtin)
{
    CatalogSnapshot snapshot;
    snapshot.problems = builtin.problems;
    storage::CatalogStore store(database);
    std::vector<storage::BuiltinCatalogEntry> shipped;
    shipped.reserve(builtin.entries.size());
    for (const CatalogEntry& entry : builtin.entries)
        shipped.push_back({entry.key, entry.json});
    // Entries of a broken built-in file are dropped like removed ones; harmless, since only
    // rows the user never edited are dropped and the next good catalog brings them back.
    if (auto synced = store.sync_builtin(shipped); !synced)
        snapshot.problems.append(synced.message());
    auto rows = store.list();
    if (!rows) {
        snapshot.problems.append(rows.message());
        snapshot.entries = builtin.entries;
        return snapshot;
    }
    const QString origin = QStringLiteral("the catalog in %1").arg(database.path());
    for (const storage::CatalogRow& row : *rows) {
        if (std::optional<CatalogEntry> entry =
                parse_catalog_entry(row.payload, origin, &snapshot.problems))
            snapshot.entries.push_back(std::move(*entry));
    }
    return snapshot;
}

CatalogSnapshot load_catalog(const QString& data_dir)
{
    const CatalogLoad builtin = load_builtin_catalog();
    auto database = storage::open_kurabe_database(storage::database_path(data_dir),
                                                  storage::OpenMode::ReadWrite);
    if (!database) {
        CatalogSnapshot snapshot;
        snapshot.entries = builtin.entries;
        snapshot.problems = builtin.problems;
        snapshot.problems.append(database.message());
        return snapshot;
    }
    return sync_catalog(**database, builtin);
}

} // namespace kurabe::catalog
