// The configured remote providers as ready-to-use configs, API keys included, for the compare
// workspace (and anything else that starts remote generations itself). Reading them touches
// the database and the key store — the OS keychain may ask the user to unlock it, the key file
// is decrypted with a deliberately slow scrypt — so it runs on a worker thread (the Qt thread
// pool) with its own database connection; the UI thread only ever reads the finished list.
// loaded() follows every reload; a provider that cannot be used carries its reason and does
// not stop the others.
#pragma once

#include "inference/remote/provider_config.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <optional>
#include <vector>

namespace kurabe::storage {
class ProviderStore;
}

namespace kurabe::app {

struct ProviderEntry
{
    QString name;
    std::optional<inference::remote::ProviderConfig> config; // with its key; empty on error
    QString error; // why the provider cannot be used, for people
};

// What the worker does, callable on any thread: every provider of the profile in `data_dir`
// (its own read-only connection), ordered by name, each with its key read from the key store.
// An unreadable database gives one entry with an empty name and the error.
std::vector<ProviderEntry> read_provider_entries(const QString& data_dir);

class ProviderRegistry : public QObject
{
    Q_OBJECT
public:
    // Starts reading at once, and again whenever `store` says the providers changed. `store`
    // must outlive the registry.
    ProviderRegistry(storage::ProviderStore& store, QString data_dir, QObject* parent = nullptr);
    ~ProviderRegistry() override; // waits for a read in progress (it cannot be interrupted)

    void reload();
    // True from reload() until loaded(); the list is the previous one meanwhile.
    bool isLoading() const { return loading_; }

    const std::vector<ProviderEntry>& providers() const { return providers_; }
    // The config of the provider `name`, or empty with `error` saying why (unknown, its key
    // unreadable, or not read yet: the first read still running).
    std::optional<inference::remote::ProviderConfig> config(const QString& name,
                                                            QString* error) const;
    // "name: reason" for each provider that cannot be used.
    QStringList errors() const;

signals:
    void loaded();

private:
    void start();
    void onFinished();

    QString data_dir_;
    QFutureWatcher<std::vector<ProviderEntry>> watcher_;
    std::vector<ProviderEntry> providers_;
    bool loading_ = false;
    bool reload_again_ = false; // the providers changed while they were being read
};

} // namespace kurabe::app
