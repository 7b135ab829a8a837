// Remote API providers (OpenAI, Anthropic, an Ollama server, ...): kind, name, base URL and
// options. Never a secret: the API key lives in the OS keychain and the provider keeps only the
// name of that keychain entry (keychain_ref). Options that look like a secret (a key named
// api_key, key, token, secret, password, ...) are refused, so one cannot slip in by mistake.
#pragma once

#include "storage/sqlite/database.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <vector>

namespace kurabe::storage {

struct NewProvider
{
    QString kind; // "openai", "anthropic", "gemini", "ollama", "openai-compatible"
    QString name; // unique, shown to the user
    QString base_url;
    QJsonObject options; // e.g. {"organization":"...","timeout_s":60}
    QString keychain_ref;
};

struct Provider
{
    qint64 id = 0;
    QString kind;
    QString name;
    QString base_url;
    QJsonObject options;
    QString keychain_ref;
    qint64 created_at_ms = 0;
    qint64 updated_at_ms = 0;
};

// The path of the first option key (at any depth) named like a secret ("auth.api_key"), or an
// empty string when there is none. A key is split into words at '_', '-', '.', spaces and
// lower-to-upper case changes; it is a secret when a word is key, apikey, token, secret,
// password, passwd, passphrase or credential(s). "max_tokens" and "keychain_ref" are not.
QString secret_option_path(const QJsonObject& options);

class ProviderStore : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds since the Unix epoch

    // `database` must outlive the store and be used on the store's thread only.
    explicit ProviderStore(Database& database, Clock clock = {}, QObject* parent = nullptr);

    StorageResult<qint64> add(const NewProvider& provider);
    StorageResult<void> update(qint64 id, const NewProvider& provider);
    StorageResult<void> remove(qint64 id);
    StorageResult<Provider> provider(qint64 id);
    // Ordered by name.
    StorageResult<std::vector<Provider>> list();

Q_SIGNALS:
    void providersChanged();

private:
    static StorageResult<std::vector<Provider>> read_all(Query& query);
    qint64 now() const;

    Database& database_;
    Clock clock_;
};

} // namespace kurabe::storage
