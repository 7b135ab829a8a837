#include "inference/local/local_backend.h"

#include "inference/local/local_generation.h"

#include <QPointer>

namespace kurabe::inference {

LocalBackend::LocalBackend(const QString& path, const LocalOptions& options, QObject* parent)
    : Backend(parent), path_(path), options_(options), worker_context_(new QObject),
      engine_(std::make_shared<std::unique_ptr<LocalEngine>>()),
      cancel_load_(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<GenerationResult>();
    thread_.setObjectName(QStringLiteral("kurabe-model"));
    worker_context_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_context_, &QObject::deleteLater);
    thread_.start();
}

LocalBackend::~LocalBackend()
{
    // Cancel every generation still running: they are children of their callers, but their
    // streams are shared with queued jobs, which then return at once.
    for (LocalGeneration* g : findChildren<LocalGeneration*>())
        g->cancel();
    // A load still running stops at its next check instead of being waited for in full.
    cancel_load_->store(true);
    // The engine is destroyed on its own thread, after the jobs queued before it (which return
    // at once, cancelled). What they post back to this object is dropped with it.
    QMetaObject::invokeMethod(
        worker_context_, [engine = engine_]() { engine->reset(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

void LocalBackend::load()
{
    if (loading_ || loaded_)
        return;
    loading_ = true;
    // `self` stays valid while jobs run: the destructor waits for them.
    LocalBackend* self = this;
    cancel_load_->store(false);
    QMetaObject::invokeMethod(
        worker_context_,
        [self, engine = engine_, path = path_, options = options_, cancel = cancel_load_]() {
            LoadControl control;
            control.cancel = cancel.get();
            // Thousandths are all a progress bar can show; a new stage is always shown.
            int reported = -1;
            QString reported_stage;
            control.progress = [self, &reported, &reported_stage](double fraction,
                                                                  const QString& stage) {
                const int now = static_cast<int>(fraction * 1000);
                if (now == reported && stage == reported_stage)
                    return;
                reported = now;
                reported_stage = stage;
                QMetaObject::invokeMethod(
                    self, [self, fraction, stage]() { emit self->loadProgress(fraction, stage); },
                    Qt::QueuedConnection);
            };
            auto loaded = LocalEngine::load(path, options, control);
            QString error;
            LocalModelInfo info;
            if (loaded) {
                info = (*loaded)->info();
                *engine = std::move(*loaded);
            } else {
                error = QString::fromStdString(loaded.message());
            }
            QMetaObject::invokeMethod(
                self,
                [self, info, error]() {
                    self->loading_ = false;
                    self->loaded_ = error.isEmpty();
                    self->info_ = info;
                    emit self->loadFinished(self->loaded_, error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void LocalBackend::cancelLoad()
{
    if (loading_)
        cancel_load_->store(true);
}

QString LocalBackend::displayName() const
{
    if (!loaded_)
        return path_;
    return QStringLiteral("%1 · %2").arg(info_.name, info_.device);
}

QJsonObject LocalBackend::target() const
{
    return QJsonObject{{"kind", "local"},
                       {"path", path_},
                       {"name", info_.name},
                       {"backend", info_.backend},
                       {"device", info_.device},
                       {"n_ctx", info_.n_ctx},
                       {"fallback_reason", info_.fallback_reason}};
}

Generation* LocalBackend::start(const GenerationRequest& request)
{
    auto stream = std::make_shared<LocalStream>();
    auto* generation = new LocalGeneration(stream);
    QPointer<LocalGeneration> target(generation);
    const auto started = std::chrono::steady_clock::now();
    if (!loaded_) {
        GenerationResult result;
        result.finish = FinishReason::Error;
        result.error = ErrorKind::BadRequest;
        result.error_message = tr("The model %1 is not loaded.").arg(path_);
        QMetaObject::invokeMethod(
            generation,
            [target, result]() {
                if (target)
                    target->complete(result);
            },
            Qt::QueuedConnection);
        return generation;
    }
    LocalBackend* self = this; // valid while jobs run: the destructor waits for them
    QMetaObject::invokeMethod(
        worker_context_,
        [self, engine = engine_, request, stream, target, started]() {
            GenerationResult result;
            if (*engine) {
                result = (*engine)->run(request, *stream, started);
            } else {
                result.finish = FinishReason::Error;
                result.error = ErrorKind::BadRequest;
                result.error_message = QStringLiteral("the model was unloaded");
            }
            // The caller may have dropped the generation: `target` is checked on the caller's
            // thread (the backend's), where it is deleted.
            QMetaObject::invokeMethod(
                self,
                [target, result]() {
                    if (target)
                        target->complete(result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return generation;
}

} // namespace kurabe::inference
