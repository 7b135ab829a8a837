#include "storage/stores/catalog_store.h"

#include "storage/sqlite/transaction.h"
#include "storage/stores/json_column.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

namespace kurabe::storage {

namespace {

// Columns: key, builtin, user_edited, payload, updated_at.
CatalogRow read_row(const Query& query)
{
    CatalogRow row;
    row.key = query.text(0);
    row.builtin = query.int64(1) != 0;
    row.user_edited = query.int64(2) != 0;
    row.payload = json_column_object(query.text(3));
    row.updated_at_ms = query.int64(4);
    return row;
}

template <typename... Values>
StorageResult<void> run_statement(Database& database, const char* sql, const QString& what,
                                  const Values&... values)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query)
        return query.error();
    query->bind(values...);
    return query->run();
}

} // namespace

CatalogStore::CatalogStore(Database& database, Clock clock)
    : database_(database), clock_(std::move(clock))
{}

qint64 CatalogStore::now() const
{
    return clock_ ? clock_() : QDateTime::currentMSecsSinceEpoch();
}

StorageResult<CatalogSyncReport>
CatalogStore::sync_builtin(const std::vector<BuiltinCatalogEntry>& catalog)
{
    const QString what = QStringLiteral("updating the built-in model catalog");
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction)
        return transaction.error();
    StorageResult<std::vector<CatalogRow>> rows = list();
    if (!rows)
        return rows.error();
    QHash<QString, const CatalogRow*> existing;
    for (const CatalogRow& row : *rows)
        existing.insert(row.key, &row);

    CatalogSyncReport report;
    const qint64 now_ms = now();
    QSet<QString> shipped;
    for (const BuiltinCatalogEntry& entry : catalog) {
        shipped.insert(entry.key);
        const CatalogRow* row = existing.value(entry.key);
        const QString payload = json_column_text(entry.payload);
        StorageResult<void> done;
        if (!row) {
            ++report.inserted;
            done = run_statement(database_,
                                 "INSERT INTO catalog_entries (key, builtin, user_edited, payload, "
                                 "updated_at) VALUES (?, 1, 0, ?, ?)",
                                 what, entry.key, payload, now_ms);
        } else if (!row->builtin || row->user_edited) {
            ++report.kept;
        } else if (row->payload == entry.payload) {
            ++report.unchanged;
        } else {
            ++report.refreshed;
            done = run_statement(
                database_, "UPDATE catalog_entries SET payload = ?, updated_at = ? WHERE key = ?",
                what, payload, now_ms, entry.key);
        }
        if (!done)
            return done.error();
    }
    for (const CatalogRow& row : *rows) {
        if (row.builtin && !row.user_edited && !shipped.contains(row.key)) {
            ++report.removed;
            StorageResult<void> done = run_statement(
                database_, "DELETE FROM catalog_entries WHERE key = ?", what, row.key);
            if (!done)
                return done.error();
        }
    }
    if (StorageResult<void> committed = transaction->commit(); !committed)
        return committed.error();
    return report;
}

StorageResult<std::vector<CatalogRow>> CatalogStore::list()
{
    StorageResult<Query> query =
        database_.query("SELECT key, builtin, user_edited, payload, updated_at FROM "
                        "catalog_entries ORDER BY key",
                        QStringLiteral("listing the model catalog"));
    if (!query)
        return query.error();
    std::vector<CatalogRow> rows;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row)
            return row.error();
        if (!*row)
            break;
        rows.push_back(read_row(*query));
    }
    return rows;
}

StorageResult<std::optional<CatalogRow>> CatalogStore::find(const QString& key)
{
    StorageResult<Query> query = database_.query(
        "SELECT key, builtin, user_edited, payload, updated_at FROM catalog_entries WHERE key = ?",
        QStringLiteral("reading the catalog entry \"%1\"").arg(key));
    if (!query)
        return query.error();
    query->bind(key);
    StorageResult<bool> row = query->next();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<CatalogRow>();
    return std::optional<CatalogRow>(read_row(*query));
}

StorageResult<void> CatalogStore::save_user_entry(const QString& key, const QJsonObject& payload)
{
    // A new key is the user's own; an existing one (built-in or not) keeps its origin and is
    // marked as edited, so the next sync leaves it alone.
    return run_statement(database_,
                         "INSERT INTO catalog_entries (key, builtin, user_edited, payload, "
                         "updated_at) VALUES (?, 0, 1, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                         "user_edited = 1, payload = excluded.payload, updated_at = "
                         "excluded.updated_at",
                         QStringLiteral("saving the catalog entry \"%1\"").arg(key), key,
                         json_column_text(payload), now());
}

StorageResult<void> CatalogStore::remove(const QString& key)
{
    const QString what = QStringLiteral("deleting the catalog entry \"%1\"").arg(key);
    if (StorageResult<void> done =
            run_statement(database_, "DELETE FROM catalog_entries WHERE key = ?", what, key);
        !done)
        return done;
    if (database_.changes() == 0)
        return StorageError{StorageErrorKind::NotFound, 0,
                            QStringLiteral("%1: there is no such entry").arg(what)};
    return {};
}

} // namespace kurabe::storage
