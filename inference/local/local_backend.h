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

#include <atomic>
#include <memory>

namespace kurabe::inference {

class LocalBackend final : public Backend
{
    Q_OBJECT
public:
    LocalBackend(const QString& path, const LocalOptions& options, QObject* parent = nullptr);
    ~LocalBackend() override; // cancels what runs, then stops the worker

    void load(); // emits loadProgress while it reads, then loadFinished once
    // Stops a load in progress: loadFinished(false, "... was cancelled") follows soon (within
    // one slice of the file, or when the session being opened is ready).
    void cancelLoad();
    bool isLoaded() const { return loaded_; }
    const LocalModelInfo& info() const { return info_; } // valid once loaded

    QString displayName() const override;
    QJsonObject target() const override;
    // Before loadFinished(true) the generation finishes at once with an error.
    Generation* start(const GenerationRequest& request) override;

signals:
    // fraction 0..1; stage for people ("Reading the file"). At most one per thousandth
    // within a stage.
    void loadProgress(double fraction, const QString& stage);
    void loadFinished(bool ok, const QString& error);

private:
    QString path_;
    LocalOptions options_;
    QThread thread_;
    QObject* worker_context_; // lives on thread_; jobs are queued to it
    // Touched only on thread_ after load() (created and destroyed there).
    std::shared_ptr<std::unique_ptr<LocalEngine>> engine_;
    std::shared_ptr<std::atomic<bool>> cancel_load_; // read on thread_ while it loads
    LocalModelInfo info_;
    bool loading_ = false;
    bool loaded_ = false;
};

} // namespace kurabe::inference
