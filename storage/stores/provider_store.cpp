#include "storage/stores/provider_store.h"

#include "storage/stores/json_column.h"

#include <QDateTime>
#include <QJsonArray>

#include <array>

namespace kurabe::storage {
namespace {

constexpr std::array kSecretWords{"key",    "apikey",     "token",      "secret",     "password",
                                  "passwd", "passphrase", "credential", "credentials"};

bool is_secret_word(const QString& word)
{
    for (const char* secret : kSecretWords) {
        if (word == QLatin1String(secret)) {
            return true;
        }
    }
    return false;
}

bool is_secret_name(const QString& name)
{
    QString word;
    for (qsizetype i = 0; i <= name.size(); ++i) {
        const bool end = i == name.size();
        const QChar c = end ? QChar() : name.at(i);
        const bool separator = end || !c.isLetterOrNumber();
        const bool camel_break = !separator && c.isUpper() && i > 0 && name.at(i - 1).isLower();
        if (separator || camel_break) {
            if (is_secret_word(word)) {
                return true;
            }
            word.clear();
        }
        if (!separator) {
            word += c.toLower();
        }
    }
    return false;
}

QString secret_path_in(const QJsonValue& value, const QString& prefix)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
            if (is_secret_name(it.key())) {
                return path;
            }
            if (QString inner = secret_path_in(it.value(), path); !inner.isEmpty()) {
                return inner;
            }
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = QStringLiteral("%1[%2]").arg(prefix).arg(i);
            if (QString inner = secret_path_in(array.at(i), path); !inner.isEmpty()) {
                return inner;
            }
        }
    }
    return {};
}

StorageResult<void> check_provider(const NewProvider& provider, const QString& what)
{
    if (provider.name.trimmed().isEmpty() || provider.kind.trimmed().isEmpty()) {
        return StorageError{StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("%1: a provider needs a kind and a name").arg(what)};
    }
    if (const QString secret = secret_option_path(provider.options); !secret.isEmpty()) {
        return StorageError{
            StorageErrorKind::InvalidArgument, 0,
            QStringLiteral("%1: the option \"%2\" looks like a secret; secrets are kept in the "
                           "system keychain, never in the database (set keychain_ref instead)")
                .arg(what, secret)};
    }
    return {};
}

StorageError provider_not_found(qint64 id, const QString& what)
{
    return StorageError{StorageErrorKind::NotFound, 0,
                        QStringLiteral("%1: provider %2 does not exist").arg(what).arg(id)};
}

// A duplicate name breaks the UNIQUE rule; say so in the user's terms.
StorageError explain(const StorageError& error, const NewProvider& provider, const QString& what)
{
    if (error.kind == StorageErrorKind::Constraint) {
        return StorageError{
            error.kind, error.sqlite_code,
            QStringLiteral("%1: a provider named \"%2\" already exists").arg(what, provider.name)};
    }
    return error;
}

} // namespace

QString secret_option_path(const QJsonObject& options)
{
    return secret_path_in(options, QString());
}

ProviderStore::ProviderStore(Database& database, Clock clock, QObject* parent)
    : QObject(parent), database_(database), clock_(std::move(clock))
{}

qint64 ProviderStore::now() const
{
    return clock_ ? clock_() : QDateTime::currentMSecsSinceEpoch();
}

StorageResult<qint64> ProviderStore::add(const NewProvider& provider)
{
    const QString what = QStringLiteral("adding the provider \"%1\"").arg(provider.name);
    if (StorageResult<void> valid = check_provider(provider, what); !valid) {
        return valid.error();
    }
    StorageResult<Query> query = database_.query(
        "INSERT INTO providers (kind, name, base_url, options, keychain_ref, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        what);
    if (!query) {
        return query.error();
    }
    const qint64 now_ms = now();
    query->bind(provider.kind, provider.name, provider.base_url, json_column_text(provider.options),
                provider.keychain_ref, now_ms, now_ms);
    if (StorageResult<void> done = query->run(); !done) {
        return explain(done.error(), provider, what);
    }
    const qint64 id = database_.last_insert_id();
    Q_EMIT providersChanged();
    return id;
}

StorageResult<void> ProviderStore::update(qint64 id, const NewProvider& provider)
{
    const QString what = QStringLiteral("changing provider %1").arg(id);
    if (StorageResult<void> valid = check_provider(provider, what); !valid) {
        return valid;
    }
    StorageResult<Query> query = database_.query(
        "UPDATE providers SET kind = ?, name = ?, base_url = ?, options = ?, keychain_ref = ?, "
        "updated_at = ? WHERE id = ?",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(provider.kind, provider.name, provider.base_url, json_column_text(provider.options),
                provider.keychain_ref, now(), id);
    if (StorageResult<void> done = query->run(); !done) {
        return explain(done.error(), provider, what);
    }
    if (database_.changes() == 0) {
        return provider_not_found(id, what);
    }
    Q_EMIT providersChanged();
    return {};
}

StorageResult<void> ProviderStore::remove(qint64 id)
{
    const QString what = QStringLiteral("removing provider %1").arg(id);
    StorageResult<Query> query = database_.query("DELETE FROM providers WHERE id = ?", what);
    if (!query) {
        return query.error();
    }
    query->bind(id);
    if (StorageResult<void> done = query->run(); !done) {
        return done;
    }
    if (database_.changes() == 0) {
        return provider_not_found(id, what);
    }
    Q_EMIT providersChanged();
    return {};
}

StorageResult<std::vector<Provider>> ProviderStore::read_all(Query& query)
{
    std::vector<Provider> providers;
    for (;;) {
        StorageResult<bool> row = query.next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return providers;
        }
        providers.push_back(Provider{query.int64(0), query.text(1), query.text(2), query.text(3),
                                     json_column_object(query.text(4)), query.text(5),
                                     query.int64(6), query.int64(7)});
    }
}

StorageResult<Provider> ProviderStore::provider(qint64 id)
{
    const QString what = QStringLiteral("reading provider %1").arg(id);
    StorageResult<Query> query =
        database_.query("SELECT id, kind, name, base_url, options, keychain_ref, created_at, "
                        "updated_at FROM providers WHERE id = ?",
                        what);
    if (!query) {
        return query.error();
    }
    query->bind(id);
    StorageResult<std::vector<Provider>> found = read_all(*query);
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return provider_not_found(id, what);
    }
    return found->front();
}

StorageResult<std::vector<Provider>> ProviderStore::list()
{
    StorageResult<Query> query =
        database_.query("SELECT id, kind, name, base_url, options, keychain_ref, created_at, "
                        "updated_at FROM providers ORDER BY name, id",
                        QStringLiteral("listing providers"));
    if (!query) {
        return query.error();
    }
    return read_all(*query);
}

} // namespace kurabe::storage
