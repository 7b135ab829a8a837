// The local models held in memory. A model is loaded on demand, on its own worker thread
// (LocalBackend), with progress and cancel; at most keepLoaded() stay loaded, the least
// recently chosen going first, but never one that is still answering. A model chosen again with
// other options (context length, backend) is loaded again with them.
#pragma once

#include "inference/local/local_backend.h"

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace kurabe::app {

class ModelHost : public QObject
{
    Q_OBJECT
public:
    explicit ModelHost(QObject* parent = nullptr);
    ~ModelHost() override;

    // How models loaded from now on are opened (context length, backend, threads).
    void setOptions(const inference::LocalOptions& options) { options_ = options; }
    const inference::LocalOptions& options() const { return options_; }
    void setKeepLoaded(int n);
    int keepLoaded() const { return keep_loaded_; }
    // Tells whether a backend is in use (answering) and must not be unloaded.
    void setBusyCheck(std::function<bool(inference::LocalBackend*)> busy)
    {
        busy_ = std::move(busy);
    }

    // Chooses `path`: loads it unless it is loaded or loading with the current options; emits
    // loadFinished either way (at once, queued, when it was already loaded).
    void choose(const QString& path);
    // Stops loading `path`: loadFinished(path, false, "... was cancelled") follows.
    void cancelLoad(const QString& path);
    // The loaded backend for `path`, or null (not loaded, still loading, or failed).
    inference::LocalBackend* backend(const QString& path) const;
    bool isLoading(const QString& path) const;
    QStringList loadedPaths() const;
    // Unloads models beyond keepLoaded() that are not busy.
    void trim();

signals:
    void loadStarted(const QString& path);
    void loadProgress(const QString& path, double fraction, const QString& stage);
    void loadFinished(const QString& path, bool ok, const QString& error);

private:
    struct Slot
    {
        QString path;
        inference::LocalOptions options; // what it was opened with
        std::unique_ptr<inference::LocalBackend> backend;
    };
    void load(const QString& path);
    // Most recently chosen last.
    std::vector<Slot> slots_;
    inference::LocalOptions options_;
    int keep_loaded_ = 1;
    std::function<bool(inference::LocalBackend*)> busy_;
    // Loading with old options was cancelled to load it with new ones once that has ended.
    QStringList reload_after_cancel_;
};

} // namespace kurabe::app
