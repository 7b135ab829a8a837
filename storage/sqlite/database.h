// One SQLite connection with the settings every Kurabe connection uses, set here and nowhere
// else: extended result codes, foreign keys on, a busy timeout, synchronous=NORMAL (safe with
// WAL: a power loss may lose the last commits, never corrupt the file), and WAL journaling
// switched on by enable_write_ahead_log() once the schema check has said the file may be
// written. Statements are prepared once per connection and reused from a cache.
#pragma once

#include "storage/sqlite/query.h"
#include "storage/sqlite/storage_error.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

struct sqlite3;

namespace kurabe::storage {

enum class OpenMode
{
    ReadWrite, // creates the file when missing
    ReadOnly,  // never writes; for reader connections and for inspecting a file
};

class Database
{
public:
    static constexpr int kBusyTimeoutMs = 5000;

    // Opens `path` and checks that it is an SQLite database (an empty or new file is one).
    // ReadWrite on a file that can only be read fails with StorageErrorKind::ReadOnly.
    static StorageResult<std::unique_ptr<Database>> open(const QString& path, OpenMode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const QString& path() const { return path_; }
    bool read_only() const { return mode_ == OpenMode::ReadOnly; }

    // Switches the file to write-ahead logging (persistent in the file; a no-op when it is
    // already in WAL mode). Changes the file header, so call it only after the version check.
    StorageResult<void> enable_write_ahead_log();

    // The cached prepared statement for `sql` (prepared on first use), ready for binding.
    // `what` names the operation in error messages ("listing conversations").
    StorageResult<Query> query(const char* sql, const QString& what);
    // Runs a script of several statements without parameters (schema migrations only).
    StorageResult<void> run_script(const char* sql, const QString& what);

    std::int64_t last_insert_id() const;
    // True inside BEGIN ... COMMIT (a read that needs one snapshot then starts none of its own).
    bool in_transaction() const;
    int changes() const; // rows changed by the last INSERT/UPDATE/DELETE

    // The typed error for a failed call that returned `rc` on this connection.
    StorageError error(int rc, const QString& what) const;

private:
    friend class Query;
    Database(sqlite3* handle, QString path, OpenMode mode);
    StorageResult<void> configure();

    sqlite3* handle_;
    QString path_;
    OpenMode mode_;
    std::unordered_map<std::string, std::unique_ptr<PreparedStatement>> statements_;
};

} // namespace kurabe::storage
