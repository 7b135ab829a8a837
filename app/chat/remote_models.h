// The remote models chat can answer with: every configured provider (a ProviderStore row turned
// into a ProviderConfig, its API key read from the key store) and the models it lists. Everything
// here is asynchronous — keys come from the keychain, lists from the network — so the UI thread
// never waits; the list fills in as providers answer. One RemoteBackend is made per chosen
// (provider, model) and kept, so a conversation can go back to it.
#pragma once

#include "inference/remote/api_key_store.h"
#include "inference/remote/model_lister.h"
#include "inference/remote/remote_backend.h"
#include "storage/stores/provider_store.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace kurabe::app {

struct RemoteModel
{
    QString provider; // the provider's unique name
    QString model;    // the provider's model id
};

// How a remote model is told apart from local model paths (which are absolute) wherever one key
// names "the chosen model": "remote:<provider>/<model>".
QString remoteModelKey(const QString& provider, const QString& model);
bool isRemoteModelKey(const QString& key);

// The provider row as a config without its key: kind, preset, base URL, concurrency, prices
// ({"prices":{"model":{"input":USD per Mtok,"output":...}}}). nullopt with `error` set when the
// row cannot be used (an unknown kind).
std::optional<inference::remote::ProviderConfig>
provider_config_from_row(const storage::Provider& row, QString* error);

class RemoteModels : public QObject
{
    Q_OBJECT
public:
    // `store` must outlive this object; `data_dir` locates the encrypted key file.
    RemoteModels(storage::ProviderStore& store, QString data_dir, QObject* parent = nullptr);
    ~RemoteModels() override;

    // Reads the providers again, then their keys and model lists; modelsChanged() follows each
    // provider's answer. Called at construction and whenever the providers change.
    void refresh();

    // Listed models, ordered by provider then as the provider listed them.
    std::vector<RemoteModel> models() const;
    // "provider: reason" for each provider whose key or list could not be read.
    QStringList errors() const;
    int providerCount() const { return static_cast<int>(providers_.size()); }

    // The backend of `model` at `provider`; `done(backend, error)` runs once, later, from the
    // event loop: backend null and error set when the provider is unknown or its key unreadable.
    // The backend stays owned here. `context` ends the request when it is destroyed first.
    using BackendDone = std::function<void(inference::Backend* backend, const QString& error)>;
    void requestBackend(const QString& provider, const QString& model, QObject* context,
                        BackendDone done);

signals:
    void modelsChanged();

private:
    enum class State
    {
        ReadingKey,
        Listing,
        Listed,
        Failed,
    };
    struct ProviderEntry
    {
        std::optional<inference::remote::ProviderConfig> config; // with its key, once read
        State state = State::ReadingKey;
        QStringList models;
        QString error;
    };
    struct PendingBackend
    {
        QString provider;
        QString model;
        QPointer<QObject> context;
        bool has_context = false;
        BackendDone done;
    };
    void onKeyRead(quint64 serial, const QString& name, std::optional<QString> key,
                   const QString& error);
    void list(quint64 serial, const QString& name);
    void resolvePending();
    inference::Backend* backendFor(const QString& provider, const QString& model);

    storage::ProviderStore& store_;
    inference::remote::ApiKeyStore keys_;
    inference::remote::ModelLister lister_;
    quint64 serial_ = 0;                         // answers to an older refresh() are dropped
    std::map<QString, ProviderEntry> providers_; // by name
    QString read_error_;                         // the provider table could not be read
    std::vector<PendingBackend> pending_;
    std::map<QString, std::unique_ptr<inference::remote::RemoteBackend>> backends_; // by key
};

} // namespace kurabe::app
