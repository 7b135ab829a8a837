// Opening Kurabe's database: the version check, WAL, and the migrations to the current schema.
//
// Two numbers decide what happens (the scheme Chromium's sql::MetaTable uses):
//  - the schema version (`PRAGMA user_version`): which migration steps still have to run;
//  - the compatible version (schema_meta.compatible_version): the oldest schema version whose
//    code can still use this file. A newer Kurabe that only added things keeps it low, so an
//    older build can go on using the file; one that changed the meaning of existing data raises
//    it, and an older build then refuses the file with a clear message, without writing to it.
#pragma once

#include "storage/sqlite/database.h"

#include <memory>

namespace kurabe::storage {

inline constexpr int kSchemaVersion = 2;

// The database file inside a data directory (storage/data_dir.h).
QString database_path(const QString& data_dir);

// Opens (creating when missing) the database at `path` and brings it to kSchemaVersion.
// Refused, with the file left byte-for-byte as it was: a file that is not a database, an SQLite
// file that is not Kurabe's, one written by a newer Kurabe this build cannot use (TooNew).
// ReadOnly never writes, so it also refuses a file that would need migrating.
StorageResult<std::unique_ptr<Database>> open_kurabe_database(const QString& path, OpenMode mode);

// The schema version stored in an open database.
StorageResult<int> schema_version(Database& database);

} // namespace kurabe::storage
