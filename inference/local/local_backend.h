// A local GGUF model behind the Backend interface. The model lives on its own worker thread:
// loading, prompt reading and decoding block there, never on the caller's thread. Requests are
// answered one at a time in the order they were started (one KV cache per model). Use it from
// one thread (normally the UI thread): generations are delivered on the backend's thread.
//
//     auto* backend = new LocalBackend(path, options, parent);
//     connect(backend, &LocalBackend::loadFinished, ...);
//     backend->load();
//     Generation* g = backend->start(request); // after loadFinished(true)
#pragma once

#include "inference/backend.h"
#include "inference/local/local_engine.h"
#include "inference/local/local_options.h"

#include <QThread>

#include <memory>

namespace kurabe::inference {

class LocalBackend final : public Backend
{
    Q_OBJECT
public:
    LocalBackend(const QString& path, const LocalOptions& options, QObject* parent = nullptr);
    ~LocalBackend() override; // cancels what runs, then stops the worker

    void load(); // emits loadFinished once
    bool isLoaded() const { return loaded_; }
    const LocalModelInfo& info() const { return info_; } // valid once loaded

    QString displayName() const override;
    QJsonObject target() const override;
    // Before loadFinished(true) the generation finishes at once with an error.
    Generation* start(const GenerationRequest& request) override;

signals:
    void loadFinished(bool ok, const QString& error);

private:
    QString path_;
    LocalOptions options_;
    QThread thread_;
    QObject* worker_context_; // lives on thread_; jobs are queued to it
    // Touched only on thread_ after load() (created and destroyed there).
    std::shared_ptr<std::unique_ptr<LocalEngine>> engine_;
    LocalModelInfo info_;
    bool loading_ = false;
    bool loaded_ = false;
};

} // namespace kurabe::inference
