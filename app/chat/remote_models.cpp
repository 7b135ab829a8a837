#include "chat/remote_models.h"

#include "inference/remote/provider_presets.h"

#include <QTimer>

namespace kurabe::app {

using inference::remote::ProviderConfig;

namespace {

const QString kRemotePrefix = QStringLiteral("remote:");

} // namespace

QString remoteModelKey(const QString& provider, const QString& model)
{
    return kRemotePrefix + provider + QLatin1Char('/') + model;
}

bool isRemoteModelKey(const QString& key)
{
    return key.startsWith(kRemotePrefix);
}

std::optional<ProviderConfig> provider_config_from_row(const storage::Provider& row, QString* error)
{
    const auto kind = inference::remote::providerKindFromName(row.kind);
    if (!kind) {
        *error = QStringLiteral("provider '%1' has an unknown kind '%2'").arg(row.name, row.kind);
        return std::nullopt;
    }
    ProviderConfig config;
    config.name = row.name;
    config.kind = *kind;
    // A row without a preset came from its kind's preset ("openai", ...), else it is custom.
    config.preset = row.options.value(QStringLiteral("preset")).toString();
    if (config.preset.isEmpty())
        config.preset =
            inference::remote::findPreset(row.kind) ? row.kind : QStringLiteral("custom");
    const inference::remote::ProviderPreset* preset = inference::remote::findPreset(config.preset);
    config.base_url = QUrl(row.base_url.isEmpty() && preset ? QString::fromLatin1(preset->base_url)
                                                            : row.base_url);
    if (const int limit = row.options.value(QStringLiteral("max_concurrent")).toInt(0); limit > 0)
        config.max_concurrent = limit;
    const QJsonObject prices = row.options.value(QStringLiteral("prices")).toObject();
    for (auto it = prices.begin(); it != prices.end(); ++it) {
        const QJsonObject price = it.value().toObject();
        config.prices.insert(it.key(), {price.value(QStringLiteral("input")).toDouble(),
                                        price.value(QStringLiteral("output")).toDouble()});
    }
    return config;
}

RemoteModels::RemoteModels(storage::ProviderStore& store, QString data_dir, QObject* parent)
    : QObject(parent), store_(store),
      keys_(inference::remote::ApiKeyStore::optionsFromEnvironment(data_dir))
{
    connect(&store_, &storage::ProviderStore::providersChanged, this, &RemoteModels::refresh);
    refresh();
}

RemoteModels::~RemoteModels() = default;

void RemoteModels::refresh()
{
    const quint64 serial = ++serial_;
    providers_.clear();
    read_error_.clear();
    // Changed settings (key, URL, prices) take effect with new backends; holders of the old ones
    // see them go (QPointer) and ask again.
    backends_.clear();
    storage::StorageResult<std::vector<storage::Provider>> rows = store_.list();
    if (!rows) {
        read_error_ = rows.message();
        emit modelsChanged();
        resolvePending();
        return;
    }
    for (const storage::Provider& row : *rows) {
        ProviderEntry& entry = providers_[row.name];
        QString error;
        entry.config = provider_config_from_row(row, &error);
        if (!entry.config) {
            entry.state = State::Failed;
            entry.error = error;
            continue;
        }
        const QString name = row.name;
        if (row.keychain_ref.isEmpty()) {
            // Local servers usually take no key.
            QTimer::singleShot(
                0, this, [this, serial, name] { onKeyRead(serial, name, QString(), QString()); });
        } else {
            keys_.readKey(row.keychain_ref,
                          [this, serial, name](std::optional<QString> key, QString failure) {
                              onKeyRead(serial, name, std::move(key), failure);
                          });
        }
    }
    emit modelsChanged();
    resolvePending();
}

void RemoteModels::onKeyRead(quint64 serial, const QString& name, std::optional<QString> key,
                             const QString& error)
{
    const auto it = providers_.find(name);
    if (serial != serial_ || it == providers_.end())
        return;
    ProviderEntry& entry = it->second;
    if (!error.isEmpty() || !key) {
        entry.state = State::Failed;
        entry.error = error.isEmpty() ? tr("its API key is missing from the key store; add the "
                                           "provider again")
                                      : error;
        entry.config.reset();
    } else {
        entry.config->api_key = *key;
        entry.state = State::Listing;
        list(serial, name);
    }
    resolvePending();
    emit modelsChanged();
}

void RemoteModels::list(quint64 serial, const QString& name)
{
    lister_.list(*providers_.at(name).config,
                 [this, serial, name](const inference::remote::ModelListResult& result) {
                     const auto it = providers_.find(name);
                     if (serial != serial_ || it == providers_.end())
                         return;
                     ProviderEntry& entry = it->second;
                     // The provider stays usable when only its list failed: a conversation that
                     // names one of its models can still go on.
                     entry.state =
                         result.error == inference::ErrorKind::None ? State::Listed : State::Failed;
                     entry.models = result.models;
                     entry.error = result.error_message;
                     emit modelsChanged();
                 });
}

std::vector<RemoteModel> RemoteModels::models() const
{
    std::vector<RemoteModel> all;
    for (const auto& [name, entry] : providers_) {
        for (const QString& model : entry.models)
            all.push_back({name, model});
    }
    return all;
}

QStringList RemoteModels::errors() const
{
    QStringList all;
    if (!read_error_.isEmpty())
        all << read_error_;
    for (const auto& [name, entry] : providers_) {
        if (!entry.error.isEmpty())
            all << QStringLiteral("%1: %2").arg(name, entry.error);
    }
    return all;
}

void RemoteModels::requestBackend(const QString& provider, const QString& model, QObject* context,
                                  BackendDone done)
{
    pending_.push_back({provider, model, context, context != nullptr, std::move(done)});
    // Answered from the event loop even when the backend is ready, as promised.
    QTimer::singleShot(0, this, &RemoteModels::resolvePending);
}

void RemoteModels::resolvePending()
{
    std::vector<PendingBackend> waiting;
    std::vector<std::pair<PendingBackend, QString>> ready; // with the error, if any
    for (PendingBackend& p : pending_) {
        if (p.has_context && !p.context)
            continue;
        const auto it = providers_.find(p.provider);
        if (it == providers_.end()) {
            QString error =
                read_error_.isEmpty()
                    ? tr("no provider named '%1' (it may have been removed)").arg(p.provider)
                    : read_error_;
            ready.emplace_back(std::move(p), std::move(error));
        } else if (it->second.state == State::ReadingKey) {
            waiting.push_back(std::move(p));
        } else if (!it->second.config) {
            ready.emplace_back(std::move(p), it->second.error);
        } else {
            ready.emplace_back(std::move(p), QString());
        }
    }
    pending_ = std::move(waiting);
    for (auto& [p, error] : ready) {
        if (p.has_context && !p.context)
            continue;
        p.done(error.isEmpty() ? backendFor(p.provider, p.model) : nullptr, error);
    }
}

inference::Backend* RemoteModels::backendFor(const QString& provider, const QString& model)
{
    const QString key = remoteModelKey(provider, model);
    auto& backend = backends_[key];
    if (!backend)
        backend = std::make_unique<inference::remote::RemoteBackend>(
            *providers_.at(provider).config, model);
    return backend.get();
}

} // namespace kurabe::app
