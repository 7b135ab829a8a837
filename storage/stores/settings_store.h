// Application settings as typed key/value pairs ("ui.theme" = "dark", "chat.max_tokens" =
// 2048). A value keeps its type in the database; reading it as another type is an error, not
// a silent conversion. A key that was never set reads as the caller's fallback.
#pragma once

#include "storage/sqlite/database.h"

#include <QObject>
#include <QStringList>

namespace kurabe::storage {

class SettingsStore : public QObject
{
    Q_OBJECT

public:
    // `database` must outlive the store and be used on the store's thread only.
    explicit SettingsStore(Database& database, QObject* parent = nullptr);

    StorageResult<bool> boolean(const QString& key, bool fallback);
    StorageResult<qint64> integer(const QString& key, qint64 fallback);
    StorageResult<double> real(const QString& key, double fallback); // an integer reads too
    StorageResult<QString> text(const QString& key, const QString& fallback);

    StorageResult<void> set_boolean(const QString& key, bool value);
    StorageResult<void> set_integer(const QString& key, qint64 value);
    StorageResult<void> set_real(const QString& key, double value);
    StorageResult<void> set_text(const QString& key, const QString& value);
    StorageResult<void> remove(const QString& key); // no error when it was not set

    StorageResult<QStringList> keys(); // sorted

Q_SIGNALS:
    void settingChanged(const QString& key);

private:
    template <typename T>
    StorageResult<void> store(const QString& key, const T& value);

    Database& database_;
};

} // namespace kurabe::storage
