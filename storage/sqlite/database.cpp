#include "storage/sqlite/database.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace kurabe::storage {

Database::Database(sqlite3* handle, QString path, OpenMode mode)
    : handle_(handle), path_(std::move(path)), mode_(mode)
{}

Database::~Database()
{
    statements_.clear(); // finalize before closing
    sqlite3_close_v2(handle_);
}

StorageResult<std::unique_ptr<Database>> Database::open(const QString& path, OpenMode mode)
{
    const int flags = (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const QString what = QStringLiteral("opening the database");
    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(QFileInfo(path).absoluteFilePath().toUtf8().constData(), &handle,
                                   flags, nullptr);
    // Even a failed open may allocate a handle; the Database owns it from here on.
    std::unique_ptr<Database> database(new Database(handle, path, mode));
    if (rc != SQLITE_OK) {
        return database->error(rc, what);
    }
    StorageResult<void> configured = database->configure();
    if (!configured) {
        return configured.error();
    }
    return database;
}

StorageResult<void> Database::configure()
{
    const QString what = QStringLiteral("opening the database");
    sqlite3_extended_result_codes(handle_, 1);
    sqlite3_busy_timeout(handle_, kBusyTimeoutMs);
    // Reading the schema is the first access to the file: a file that is not a database
    // fails here with SQLITE_NOTADB, before anything could write to it.
    if (StorageResult<void> readable = run_script("SELECT count(*) FROM sqlite_schema",
                                                  QStringLiteral("reading the database"));
        !readable) {
        return readable;
    }
    if (mode_ == OpenMode::ReadWrite && sqlite3_db_readonly(handle_, "main") == 1) {
        return error(SQLITE_READONLY, what);
    }
    // Connection settings only: none changes the file. The page cache (a limit in KiB, not an
    // allocation) is 32 MiB instead of 2: a large import or an FTS5 segment merge otherwise
    // spills pages into the WAL mid-transaction, which halved the import rate in bench_storage.
    return run_script(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;", what);
}

StorageResult<void> Database::enable_write_ahead_log()
{
    const QString what = QStringLiteral("switching the database to write-ahead logging");
    StorageResult<Query> query = this->query("PRAGMA journal_mode = WAL", what);
    if (!query) {
        return query.error();
    }
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    // The pragma answers with the mode now in force; anything but "wal" means it could not
    // switch (e.g. a file system without shared memory) and readers would block the writer.
    const QString mode = *row ? query->text(0) : QString();
    if (mode.compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0) {
        return StorageError{
            StorageErrorKind::Internal, 0,
            QStringLiteral("%1: %2 stays in journal mode \"%3\"").arg(what, path_, mode)};
    }
    return {};
}

StorageResult<Query> Database::query(const char* sql, const QString& what)
{
    auto found = statements_.find(sql);
    if (found != statements_.end() && !found->second->in_use) {
        return Query(*this, found->second.get(), nullptr, what);
    }
    sqlite3_stmt* statement = nullptr;
    const int rc =
        sqlite3_prepare_v3(handle_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return error(rc, what);
    }
    auto prepared = std::make_unique<PreparedStatement>(statement);
    if (found != statements_.end()) {
        // The cached one is in use by an enclosing query: this use gets its own statement.
        PreparedStatement* raw = prepared.get();
        return Query(*this, raw, std::move(prepared), what);
    }
    PreparedStatement* raw = prepared.get();
    statements_.emplace(sql, std::move(prepared));
    return Query(*this, raw, nullptr, what);
}

StorageResult<void> Database::run_script(const char* sql, const QString& what)
{
    const int rc = sqlite3_exec(handle_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        return error(rc, what);
    }
    return {};
}

std::int64_t Database::last_insert_id() const
{
    return sqlite3_last_insert_rowid(handle_);
}

bool Database::in_transaction() const
{
    return sqlite3_get_autocommit(handle_) == 0;
}

int Database::changes() const
{
    return sqlite3_changes(handle_);
}

StorageError Database::error(int rc, const QString& what) const
{
    const QString message = handle_ != nullptr ? QString::fromUtf8(sqlite3_errmsg(handle_))
                                               : QString::fromUtf8(sqlite3_errstr(rc));
    return sqlite_error(rc, what, path_, message);
}

} // namespace kurabe::storage
