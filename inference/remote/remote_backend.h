// A remote provider's model as a Backend: chat and compare start generations on it exactly as
// on a local model. Requests go through this thread's QNetworkAccessManager (system proxy
// settings respected) and this thread's per-provider queue.
#pragma once

#include "inference/backend.h"
#include "inference/remote/provider_config.h"

class QNetworkAccessManager;

namespace kurabe::inference::remote {

class ProviderQueue;

class RemoteBackend final : public Backend
{
    Q_OBJECT
public:
    // `network` and `queue` default to this thread's; tests pass their own.
    RemoteBackend(ProviderConfig config, QString model, QObject* parent = nullptr,
                  QNetworkAccessManager* network = nullptr, ProviderQueue* queue = nullptr);

    QString displayName() const override;
    QJsonObject target() const override;
    Generation* start(const GenerationRequest& request) override;

    const ProviderConfig& config() const { return config_; }
    const QString& model() const { return model_; }

private:
    ProviderConfig config_;
    QString model_;
    QNetworkAccessManager* network_;
    ProviderQueue* queue_;
};

// This thread's network access manager, created on first use (one per thread, as Qt requires)
// with the system proxy configuration enabled.
QNetworkAccessManager* networkForThisThread();

} // namespace kurabe::inference::remote
