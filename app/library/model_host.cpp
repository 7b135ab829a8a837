#include "library/model_host.h"

#include <QTimer>

#include <algorithm>

namespace kurabe::app {

ModelHost::ModelHost(QObject* parent) : QObject(parent) {}

ModelHost::~ModelHost() = default;

void ModelHost::setKeepLoaded(int n)
{
    keep_loaded_ = std::max(1, n);
    trim();
}

namespace {

// Options that change what a loaded model is; the others apply to every new one.
bool same_model_options(const inference::LocalOptions& a, const inference::LocalOptions& b)
{
    return a.n_ctx == b.n_ctx && a.backend == b.backend && a.device == b.device &&
           a.n_threads == b.n_threads && a.chat_format == b.chat_format;
}

} // namespace

void ModelHost::choose(const QString& path)
{
    auto it =
        std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) { return s.path == path; });
    if (it != slots_.end() && !same_model_options(it->options, options_)) {
        inference::LocalBackend* b = it->backend.get();
        if (!b->isLoaded()) {
            // Its loadFinished (cancelled) removes it; the new load starts then.
            if (!reload_after_cancel_.contains(path))
                reload_after_cancel_ << path;
            b->cancelLoad();
            return;
        }
        if (!(busy_ && busy_(b))) {
            slots_.erase(it);
            load(path);
            return;
        }
        // Still answering: it stays as it is until the answer ends and it is chosen again.
    }
    if (it != slots_.end()) {
        // Move it to the most recent place.
        Slot slot = std::move(*it);
        slots_.erase(it);
        slots_.push_back(std::move(slot));
        inference::LocalBackend* b = slots_.back().backend.get();
        if (b->isLoaded()) {
            QTimer::singleShot(0, this, [this, path] {
                if (backend(path))
                    emit loadFinished(path, true, {});
            });
        }
        return; // still loading: its loadFinished is on its way
    }
    load(path);
}

void ModelHost::load(const QString& path)
{
    auto backend = std::make_unique<inference::LocalBackend>(path, options_);
    inference::LocalBackend* raw = backend.get();
    connect(raw, &inference::LocalBackend::loadProgress, this,
            [this, path](double fraction, const QString& stage) {
                emit loadProgress(path, fraction, stage);
            });
    connect(raw, &inference::LocalBackend::loadFinished, this,
            [this, path, raw](bool ok, const QString& error) {
                // Loaded with options chosen away while it loaded (the cancel came too late),
                // or cancelled for them: load it again with the current ones.
                const bool reload = reload_after_cancel_.removeAll(path) > 0;
                if (!ok || reload) {
                    // A failed model is forgotten so that choosing it again retries.
                    auto failed = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) {
                        return s.backend.get() == raw;
                    });
                    if (failed != slots_.end()) {
                        failed->backend.release()->deleteLater();
                        slots_.erase(failed);
                    }
                }
                if (reload) {
                    load(path);
                    return;
                }
                emit loadFinished(path, ok, error);
                trim();
            });
    slots_.push_back({path, options_, std::move(backend)});
    raw->load();
    emit loadStarted(path); // after load(): a listener may cancel it at once
}

void ModelHost::cancelLoad(const QString& path)
{
    reload_after_cancel_.removeAll(path);
    for (Slot& s : slots_) {
        if (s.path == path && !s.backend->isLoaded())
            s.backend->cancelLoad();
    }
}

inference::LocalBackend* ModelHost::backend(const QString& path) const
{
    for (const Slot& s : slots_) {
        if (s.path == path && s.backend->isLoaded())
            return s.backend.get();
    }
    return nullptr;
}

bool ModelHost::isLoading(const QString& path) const
{
    for (const Slot& s : slots_) {
        if (s.path == path && !s.backend->isLoaded())
            return true;
    }
    return false;
}

QStringList ModelHost::loadedPaths() const
{
    QStringList paths;
    for (const Slot& s : slots_) {
        if (s.backend->isLoaded())
            paths << s.path;
    }
    return paths;
}

void ModelHost::trim()
{
    // Oldest first; a model still loading is left alone (its destructor would wait for it).
    auto loaded = [this] {
        return std::count_if(slots_.begin(), slots_.end(),
                             [](const Slot& s) { return s.backend->isLoaded(); });
    };
    for (auto it = slots_.begin(); it != slots_.end() && loaded() > keep_loaded_;) {
        inference::LocalBackend* b = it->backend.get();
        const bool newest = std::next(it) == slots_.end();
        if (b->isLoaded() && !newest && !(busy_ && busy_(b)))
            it = slots_.erase(it);
        else
            ++it;
    }
}

} // namespace kurabe::app
