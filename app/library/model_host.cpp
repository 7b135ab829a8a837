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

void ModelHost::choose(const QString& path)
{
    auto it =
        std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) { return s.path == path; });
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
    auto backend = std::make_unique<inference::LocalBackend>(path, options_);
    inference::LocalBackend* raw = backend.get();
    connect(raw, &inference::LocalBackend::loadFinished, this,
            [this, path, raw](bool ok, const QString& error) {
                if (!ok) {
                    // A failed model is forgotten so that choosing it again retries.
                    auto failed = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) {
                        return s.backend.get() == raw;
                    });
                    if (failed != slots_.end()) {
                        failed->backend.release()->deleteLater();
                        slots_.erase(failed);
                    }
                }
                emit loadFinished(path, ok, error);
                trim();
            });
    slots_.push_back({path, std::move(backend)});
    emit loadStarted(path);
    raw->load();
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
