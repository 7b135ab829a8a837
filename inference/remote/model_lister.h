// The models a provider offers (GET /v1/models, Anthropic's and Gemini's model lists, Ollama's
// /api/tags), cached in memory per provider for a while: the list changes rarely and pickers ask
// for it often.
#pragma once

#include "inference/remote/provider_config.h"
#include "inference/stream_event.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;

namespace kurabe::inference::remote {

struct ModelListResult
{
    QStringList models;
    ErrorKind error = ErrorKind::None;
    QString error_message; // never contains the key
    bool from_cache = false;
};

class ModelLister : public QObject
{
    Q_OBJECT
public:
    // `network` defaults to this thread's. ttl_ms: how long a fetched list is reused.
    explicit ModelLister(QNetworkAccessManager* network = nullptr, qint64 ttl_ms = 10 * 60 * 1000,
                         QObject* parent = nullptr);

    // Calls `done` once, later (from the event loop), with the list or a typed error.
    void list(const ProviderConfig& config, std::function<void(const ModelListResult&)> done);
    void invalidate(const QString& provider) { cache_.remove(provider); }

private:
    struct Entry
    {
        QString base_url;
        QStringList models;
        QElapsedTimer age;
    };
    QNetworkAccessManager* network_;
    qint64 ttl_ms_;
    QHash<QString, Entry> cache_; // by provider name
};

} // namespace kurabe::inference::remote
