// The model catalog in the database: the built-in entries (copied from the catalog compiled
// into the application at every start) and the user's own. Entries are stored as JSON payloads
// (the catalog file format, resources/catalog/README.md); storage does not interpret them.
//
// Sync rules, so user edits and additions survive catalog updates:
//  - a built-in entry new to the database is inserted; one that changed is refreshed;
//  - an entry the user edited (user_edited = 1) is never overwritten or dropped;
//  - a user-added entry (builtin = 0) is kept, even when a built-in one takes its key;
//  - a built-in entry no longer in the catalog is dropped, unless the user edited it.
#pragma once

#include "storage/sqlite/database.h"

#include <QJsonObject>

#include <functional>
#include <optional>
#include <vector>

namespace kurabe::storage {

struct CatalogRow
{
    QString key;
    bool builtin = false;     // came from the built-in catalog
    bool user_edited = false; // changed by the user: sync leaves it alone
    QJsonObject payload;      // the entry, in the catalog file format
    qint64 updated_at_ms = 0; // milliseconds since the Unix epoch
};

struct BuiltinCatalogEntry
{
    QString key;
    QJsonObject payload;
};

struct CatalogSyncReport
{
    int inserted = 0;  // built-in entries new to the database
    int refreshed = 0; // built-in entries whose payload changed
    int unchanged = 0;
    int kept = 0;    // built-in entries not applied: the user edited or owns that key
    int removed = 0; // built-in entries gone from the catalog, dropped
};

class CatalogStore
{
public:
    using Clock = std::function<qint64()>; // milliseconds since the Unix epoch

    // `database` must outlive the store and be used on the store's thread only.
    explicit CatalogStore(Database& database, Clock clock = {});

    // Brings the built-in rows in line with `catalog` (the rules above), in one transaction.
    StorageResult<CatalogSyncReport> sync_builtin(const std::vector<BuiltinCatalogEntry>& catalog);

    StorageResult<std::vector<CatalogRow>> list(); // sorted by key
    StorageResult<std::optional<CatalogRow>> find(const QString& key);

    // Saves the user's version of an entry: a built-in one becomes user_edited, a new key is
    // added as the user's own (builtin = 0).
    StorageResult<void> save_user_entry(const QString& key, const QJsonObject& payload);
    // Deletes an entry (a built-in one comes back at the next sync, as shipped).
    StorageResult<void> remove(const QString& key);

private:
    qint64 now() const;

    Database& database_;
    Clock clock_;
};

} // namespace kurabe::storage
