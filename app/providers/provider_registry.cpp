#include "providers/provider_registry.h"

#include "chat/remote_models.h"
#include "inference/remote/api_key_store.h"
#include "storage/schema/schema.h"
#include "storage/stores/provider_store.h"

#include <QEventLoop>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace kurabe::app {
namespace {

// Reads the key stored under `reference`, waiting in a local event loop of this (worker)
// thread: the key store answers through the event loop.
std::optional<QString> read_key(inference::remote::ApiKeyStore& keys, const QString& reference,
                                QString* error)
{
    bool done = false;
    std::optional<QString> key;
    QEventLoop loop;
    keys.readKey(reference, [&](std::optional<QString> value, const QString& failure) {
        key = std::move(value);
        *error = failure;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return key;
}

} // namespace

std::vector<ProviderEntry> read_provider_entries(const QString& data_dir)
{
    std::vector<ProviderEntry> entries;
    storage::StorageResult<std::unique_ptr<storage::Database>> database =
        storage::open_kurabe_database(storage::database_path(data_dir),
                                      storage::OpenMode::ReadOnly);
    if (!database) {
        entries.push_back(ProviderEntry{QString(), std::nullopt, database.message()});
        return entries;
    }
    storage::ProviderStore store(**database);
    storage::StorageResult<std::vector<storage::Provider>> rows = store.list();
    if (!rows) {
        entries.push_back(ProviderEntry{QString(), std::nullopt, rows.message()});
        return entries;
    }
    inference::remote::ApiKeyStore keys(
        inference::remote::ApiKeyStore::optionsFromEnvironment(data_dir));
    for (const storage::Provider& row : *rows) {
        ProviderEntry entry{row.name, std::nullopt, QString()};
        entry.config = provider_config_from_row(row, &entry.error);
        if (entry.config && !row.keychain_ref.isEmpty()) {
            const std::optional<QString> key = read_key(keys, row.keychain_ref, &entry.error);
            if (!key || !entry.error.isEmpty()) {
                if (entry.error.isEmpty())
                    entry.error = QStringLiteral("its API key is missing from the key store; add "
                                                 "the provider again");
                entry.config.reset();
            } else {
                entry.config->api_key = *key;
            }
        }
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const ProviderEntry& a, const ProviderEntry& b) { return a.name < b.name; });
    return entries;
}

ProviderRegistry::ProviderRegistry(storage::ProviderStore& store, QString data_dir, QObject* parent)
    : QObject(parent), data_dir_(std::move(data_dir))
{
    connect(&watcher_, &QFutureWatcher<std::vector<ProviderEntry>>::finished, this,
            &ProviderRegistry::onFinished);
    connect(&store, &storage::ProviderStore::providersChanged, this, &ProviderRegistry::reload);
    reload();
}

ProviderRegistry::~ProviderRegistry()
{
    watcher_.disconnect(this);
    watcher_.waitForFinished();
}

void ProviderRegistry::reload()
{
    if (loading_) {
        reload_again_ = true; // what is being read may already be out of date
        return;
    }
    loading_ = true;
    start();
}

void ProviderRegistry::start()
{
    watcher_.setFuture(QtConcurrent::run(&read_provider_entries, data_dir_));
}

void ProviderRegistry::onFinished()
{
    if (reload_again_) {
        reload_again_ = false;
        start();
        return;
    }
    providers_ = watcher_.result();
    loading_ = false;
    emit loaded();
}

std::optional<inference::remote::ProviderConfig> ProviderRegistry::config(const QString& name,
                                                                          QString* error) const
{
    const auto found = std::find_if(providers_.begin(), providers_.end(),
                                    [&](const ProviderEntry& entry) { return entry.name == name; });
    if (found != providers_.end() && found->config)
        return found->config;
    if (loading_ && found == providers_.end()) {
        *error = tr("the providers' settings and keys are still being read; run this answer "
                    "again in a moment");
    } else if (found == providers_.end()) {
        *error = tr("there is no provider named \"%1\"; add it in Settings").arg(name);
    } else {
        *error = tr("the provider \"%1\" cannot be used: %2").arg(name, found->error);
    }
    return std::nullopt;
}

QStringList ProviderRegistry::errors() const
{
    QStringList errors;
    for (const ProviderEntry& entry : providers_) {
        if (!entry.config)
            errors << (entry.name.isEmpty()
                           ? entry.error
                           : QStringLiteral("%1: %2").arg(entry.name, entry.error));
    }
    return errors;
}

} // namespace kurabe::app
