#include "storage/stores/settings_store.h"

#include <sqlite3.h>

namespace kurabe::storage {
namespace {

QString sqlite_type_name(int type)
{
    switch (type) {
    case SQLITE_INTEGER:
        return QStringLiteral("an integer");
    case SQLITE_FLOAT:
        return QStringLiteral("a real number");
    case SQLITE_TEXT:
        return QStringLiteral("text");
    default:
        return QStringLiteral("binary data");
    }
}

// Reads `key`; calls `read(query)` with the row when it exists and has one of `types`.
template <typename T, typename Read>
StorageResult<T> read_setting(Database& database, const QString& key, const T& fallback,
                              std::initializer_list<int> types, const QString& wanted, Read read)
{
    const QString what = QStringLiteral("reading the setting \"%1\"").arg(key);
    StorageResult<Query> query =
        database.query("SELECT value, typeof(value) FROM settings WHERE key = ?", what);
    if (!query) {
        return query.error();
    }
    query->bind(key);
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return fallback;
    }
    const QString type = query->text(1);
    int found = SQLITE_BLOB;
    if (type == QLatin1String("integer")) {
        found = SQLITE_INTEGER;
    } else if (type == QLatin1String("real")) {
        found = SQLITE_FLOAT;
    } else if (type == QLatin1String("text")) {
        found = SQLITE_TEXT;
    }
    for (int allowed : types) {
        if (allowed == found) {
            return read(*query);
        }
    }
    return StorageError{
        StorageErrorKind::InvalidArgument, 0,
        QStringLiteral("%1: it holds %2, not %3").arg(what, sqlite_type_name(found), wanted)};
}

} // namespace

SettingsStore::SettingsStore(Database& database, QObject* parent)
    : QObject(parent), database_(database)
{}

StorageResult<bool> SettingsStore::boolean(const QString& key, bool fallback)
{
    return read_setting<bool>(database_, key, fallback, {SQLITE_INTEGER},
                              QStringLiteral("a yes/no value"),
                              [](const Query& query) { return query.int64(0) != 0; });
}

StorageResult<qint64> SettingsStore::integer(const QString& key, qint64 fallback)
{
    return read_setting<qint64>(
        database_, key, fallback, {SQLITE_INTEGER}, QStringLiteral("an integer"),
        [](const Query& query) { return static_cast<qint64>(query.int64(0)); });
}

StorageResult<double> SettingsStore::real(const QString& key, double fallback)
{
    return read_setting<double>(database_, key, fallback, {SQLITE_FLOAT, SQLITE_INTEGER},
                                QStringLiteral("a number"),
                                [](const Query& query) { return query.real(0); });
}

StorageResult<QString> SettingsStore::text(const QString& key, const QString& fallback)
{
    return read_setting<QString>(database_, key, fallback, {SQLITE_TEXT}, QStringLiteral("text"),
                                 [](const Query& query) { return query.text(0); });
}

template <typename T>
StorageResult<void> SettingsStore::store(const QString& key, const T& value)
{
    const QString what = QStringLiteral("saving the setting \"%1\"").arg(key);
    StorageResult<Query> query = database_.query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(key, value);
    StorageResult<void> done = query->run();
    if (done) {
        Q_EMIT settingChanged(key);
    }
    return done;
}

StorageResult<void> SettingsStore::set_boolean(const QString& key, bool value)
{
    return store(key, value);
}

StorageResult<void> SettingsStore::set_integer(const QString& key, qint64 value)
{
    return store(key, value);
}

StorageResult<void> SettingsStore::set_real(const QString& key, double value)
{
    return store(key, value);
}

StorageResult<void> SettingsStore::set_text(const QString& key, const QString& value)
{
    return store(key, value);
}

StorageResult<void> SettingsStore::remove(const QString& key)
{
    const QString what = QStringLiteral("removing the setting \"%1\"").arg(key);
    StorageResult<Query> query = database_.query("DELETE FROM settings WHERE key = ?", what);
    if (!query) {
        return query.error();
    }
    query->bind(key);
    StorageResult<void> done = query->run();
    if (done && database_.changes() > 0) {
        Q_EMIT settingChanged(key);
    }
    return done;
}

StorageResult<QStringList> SettingsStore::keys()
{
    StorageResult<Query> query = database_.query("SELECT key FROM settings ORDER BY key",
                                                 QStringLiteral("listing the settings"));
    if (!query) {
        return query.error();
    }
    QStringList keys;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return keys;
        }
        keys.append(query->text(0));
    }
}

} // namespace kurabe::storage
