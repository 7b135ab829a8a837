// The user's library of GGUF files: adding a file records it at once, then a worker thread
// (QtConcurrent) reads its header summary and computes its sha256 with progress, and the
// results are stored in model_files on the caller's thread. A file the engine cannot use is
// kept and shown with the reason, never dropped silently.
#pragma once

#include "storage/stores/model_file_store.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <map>
#include <memory>

namespace kurabe::app {

// What one inspection found; computed on a worker thread.
struct ModelInspection
{
    qint64 size_bytes = 0;
    QString sha256;      // empty when the file could not be read
    QJsonObject summary; // gguf_summary.h keys; {"runnable":false,"reason":...} when broken
};

// Reads and hashes `path`, reporting progress in thousandths of the file; stops early (with
// an empty sha256) when `cancelled` returns true.
ModelInspection inspect_model_file(const QString& path, const std::function<void(int)>& progress,
                                   const std::function<bool()>& cancelled);

class ModelLibrary : public QObject
{
    Q_OBJECT
public:
    // `store` must outlive the library and live on this thread.
    explicit ModelLibrary(storage::ModelFileStore& store, QObject* parent = nullptr);
    ~ModelLibrary() override; // cancels the inspections still running and waits for them

    storage::ModelFileStore& store() { return store_; }

    // Records the file and starts inspecting it. A path already in the library is an error.
    storage::StorageResult<qint64> addFile(const QString& path);
    // Reads the header and recomputes the sha256 of a file already in the library.
    void inspect(qint64 id);
    // Inspects every file whose hash is missing (e.g. the app quit while hashing).
    void inspectUnhashed();
    // Forgets the file (the file itself stays on disk).
    storage::StorageResult<void> removeFile(qint64 id);

    bool isInspecting(qint64 id) const { return jobs_.count(id) > 0; }
    // 0..1 while inspecting; -1 when not.
    double progress(qint64 id) const;
    int inspectionsRunning() const { return static_cast<int>(jobs_.size()); }

signals:
    void inspectionProgress(qint64 id, double fraction);
    void inspectionFinished(qint64 id);
    // Verifying found other bytes than when the file was last hashed (changed or damaged).
    void hashChanged(qint64 id, const QString& path, const QString& old_sha256,
                     const QString& new_sha256);
    void storageError(const QString& message);

private:
    struct Job
    {
        std::unique_ptr<QFutureWatcher<ModelInspection>> watcher;
        double progress = 0;
    };
    void finish(qint64 id);

    storage::ModelFileStore& store_;
    std::map<qint64, Job> jobs_;
};

} // namespace kurabe::app
