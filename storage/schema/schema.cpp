#include "storage/schema/schema.h"

#include "storage/schema/migration_steps.h"
#include "storage/sqlite/transaction.h"

#include <QDir>
#include <QStringList>

namespace kurabe::storage {
namespace {

// The tables every current database has: the check after opening and migrating.
constexpr std::array kExpectedTables{
    "catalog_entries",
    "comparison_pair_votes",
    "comparison_prompts",
    "comparison_results",
    "comparison_tags",
    "comparison_targets",
    "comparison_votes",
    "comparisons",
    "conversations",
    "message_search",
    "messages",
    "model_files",
    "providers",
    "schema_meta",
    "settings",
    "comparison_prompt_search",
    "comparison_result_search",
};

StorageResult<std::int64_t> single_integer(Database& database, const char* sql, const QString& what)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    return *row ? query->int64(0) : std::int64_t{0};
}

// The compatible version of a file written by a newer Kurabe; its own version when that file
// has no schema_meta row (then only that version's code may use it).
StorageResult<int> compatible_version(Database& database, int version)
{
    const QString what = QStringLiteral("reading the database version");
    StorageResult<std::int64_t> has_meta = single_integer(
        database,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_meta'", what);
    if (!has_meta) {
        return has_meta.error();
    }
    if (*has_meta == 0) {
        return version;
    }
    StorageResult<Query> query =
        database.query("SELECT value FROM schema_meta WHERE key = 'compatible_version'", what);
    if (!query) {
        return query.error();
    }
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    return *row ? static_cast<int>(query->int64(0)) : version;
}

StorageResult<void> apply_step(Database& database, const MigrationStep& step)
{
    const QString what =
        QStringLiteral("upgrading the database to schema version %1").arg(step.version);
    StorageResult<Transaction> transaction = Transaction::begin(database, what);
    if (!transaction) {
        return transaction.error();
    }
    if (StorageResult<void> done = database.run_script(step.sql, what); !done) {
        return done;
    }
    // user_version lives in the file header and changes with the transaction. PRAGMA takes no
    // bound parameters; the number comes from the step table, not from outside.
    const QByteArray set_version = "PRAGMA user_version = " + QByteArray::number(step.version);
    if (StorageResult<void> done = database.run_script(set_version.constData(), what); !done) {
        return done;
    }
    return transaction->commit();
}

StorageResult<void> check_schema(Database& database)
{
    const QString what = QStringLiteral("checking the database schema");
    StorageResult<Query> query =
        database.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", what);
    if (!query) {
        return query.error();
    }
    QStringList present;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        present.append(query->text(0));
    }
    QStringList missing;
    for (const char* table : kExpectedTables) {
        if (!present.contains(QLatin1String(table))) {
            missing.append(QLatin1String(table));
        }
    }
    if (!missing.isEmpty()) {
        return StorageError{StorageErrorKind::Corrupt, 0,
                            QStringLiteral("%1: %2 lacks the tables %3; restore it from a backup")
                                .arg(what, database.path(), missing.join(QStringLiteral(", ")))};
    }
    return {};
}

} // namespace

QString database_path(const QString& data_dir)
{
    return QDir(data_dir).filePath(QStringLiteral("kurabe.sqlite"));
}

StorageResult<int> schema_version(Database& database)
{
    StorageResult<std::int64_t> version = single_integer(
        database, "PRAGMA user_version", QStringLiteral("reading the database version"));
    if (!version) {
        return version.error();
    }
    return static_cast<int>(*version);
}

StorageResult<std::unique_ptr<Database>> open_kurabe_database(const QString& path, OpenMode mode)
{
    StorageResult<std::unique_ptr<Database>> opened = Database::open(path, mode);
    if (!opened) {
        return opened;
    }
    Database& database = **opened;
    StorageResult<int> version = schema_version(database);
    if (!version) {
        return version.error();
    }
    if (*version > kSchemaVersion) {
        StorageResult<int> compatible = compatible_version(database, *version);
        if (!compatible) {
            return compatible.error();
        }
        if (*compatible > kSchemaVersion) {
            return StorageError{
                StorageErrorKind::TooNew, 0,
                QStringLiteral("%1 was written by a newer Kurabe (database schema version %2; "
                               "this Kurabe understands up to version %3); update Kurabe to "
                               "open it. The file was not changed.")
                    .arg(path)
                    .arg(*version)
                    .arg(kSchemaVersion)};
        }
    }
    if (*version == 0) {
        StorageResult<std::int64_t> objects =
            single_integer(database, "SELECT count(*) FROM sqlite_schema",
                           QStringLiteral("reading the database schema"));
        if (!objects) {
            return objects.error();
        }
        if (*objects > 0) {
            return StorageError{StorageErrorKind::NotADatabase, 0,
                                QStringLiteral("%1 is an SQLite database of another program, not "
                                               "Kurabe's; choose another data directory. The "
                                               "file was not changed.")
                                    .arg(path)};
        }
    }
    if (mode == OpenMode::ReadOnly) {
        if (*version < kSchemaVersion) {
            return StorageError{StorageErrorKind::ReadOnly, 0,
                                QStringLiteral("%1 has schema version %2 and must be upgraded to "
                                               "version %3, which needs write access")
                                    .arg(path)
                                    .arg(*version)
                                    .arg(kSchemaVersion)};
        }
    } else {
        if (StorageResult<void> wal = database.enable_write_ahead_log(); !wal) {
            return wal.error();
        }
        for (const MigrationStep& step : migration_steps()) {
            if (step.version > *version) {
                if (StorageResult<void> applied = apply_step(database, step); !applied) {
                    return applied.error();
                }
            }
        }
    }
    if (StorageResult<void> checked = check_schema(database); !checked) {
        return checked.error();
    }
    return opened;
}

} // namespace kurabe::storage
