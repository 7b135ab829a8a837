#include "inference/remote/remote_backend.h"

#include "inference/remote/provider_presets.h"
#include "inference/remote/provider_queue.h"
#include "inference/remote/remote_generation.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QPointer>
#include <QThread>
#include <QThreadStorage>

#include <mutex>

namespace kurabe::inference::remote {

QNetworkAccessManager* networkForThisThread()
{
    static std::once_flag proxy_once;
    std::call_once(proxy_once, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
    // The main thread's manager belongs to the application object, so it is gone before Qt's
    // TLS backend is unloaded at exit; other threads' managers end with their thread.
    QCoreApplication* app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread()) {
        static QPointer<QNetworkAccessManager> main_manager;
        if (!main_manager)
            main_manager = new QNetworkAccessManager(app);
        return main_manager;
    }
    static QThreadStorage<QNetworkAccessManager*> managers;
    if (!managers.hasLocalData())
        managers.setLocalData(new QNetworkAccessManager);
    return managers.localData();
}

RemoteBackend::RemoteBackend(ProviderConfig config, QString model, QObject* parent,
                             QNetworkAccessManager* network, ProviderQueue* queue)
    : Backend(parent), config_(std::move(config)), model_(std::move(model)),
      network_(network ? network : networkForThisThread()),
      queue_(queue ? queue : &ProviderQueue::forThisThread())
{}

QString RemoteBackend::displayName() const
{
    const ProviderPreset* preset = findPreset(config_.preset);
    const QString provider = preset && QLatin1String(preset->id) != "custom"
                                 ? QString::fromUtf8(preset->display_name)
                                 : config_.name;
    return QStringLiteral("%1 · %2").arg(provider, model_);
}

QJsonObject RemoteBackend::target() const
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("remote")},
                       {QStringLiteral("provider"), config_.name},
                       {QStringLiteral("model"), model_}};
}

Generation* RemoteBackend::start(const GenerationRequest& request)
{
    auto* generation = new RemoteGeneration(config_, model_, request, network_, queue_);
    generation->begin();
    return generation;
}

} // namespace kurabe::inference::remote
