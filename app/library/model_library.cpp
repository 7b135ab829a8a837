#include "library/model_library.h"

#include "library/gguf_summary.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>

namespace kurabe::app {

namespace {

constexpr qint64 kHashChunkBytes = 4 * 1024 * 1024;
constexpr int kProgressScale = 1000; // progress values are thousandths

QJsonObject broken(const QString& reason)
{
    return QJsonObject{{"runnable", false}, {"reason", reason}};
}

} // namespace

ModelInspection inspect_model_file(const QString& path, const std::function<void(int)>& progress,
                                   const std::function<bool()>& cancelled)
{
    ModelInspection result;
    const QFileInfo info(path);
    if (!info.isFile()) {
        result.summary = broken(QObject::tr("%1: the file does not exist").arg(path));
        return result;
    }
    result.size_bytes = info.size();
    QString error;
    result.summary = summarize_gguf(path, &error);
    if (result.summary.isEmpty())
        result.summary = broken(error);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.summary = broken(QObject::tr("%1: %2").arg(path, file.errorString()));
        return result;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 done = 0;
    while (!file.atEnd()) {
        if (cancelled())
            return result;
        const QByteArray chunk = file.read(kHashChunkBytes);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError) {
            result.summary = broken(QObject::tr("%1: %2").arg(path, file.errorString()));
            return result;
        }
        hash.addData(chunk);
        done += chunk.size();
        if (result.size_bytes > 0)
            progress(static_cast<int>(done * kProgressScale / result.size_bytes));
    }
    result.sha256 = QString::fromLatin1(hash.result().toHex());
    return result;
}

ModelLibrary::ModelLibrary(storage::ModelFileStore& store, QObject* parent)
    : QObject(parent), store_(store)
{}

ModelLibrary::~ModelLibrary()
{
    for (auto& [id, job] : jobs_) {
        job.watcher->disconnect(this);
        job.watcher->cancel();
    }
    for (auto& [id, job] : jobs_)
        job.watcher->waitForFinished();
}

storage::StorageResult<qint64> ModelLibrary::addFile(const QString& path)
{
    const QFileInfo info(path);
    storage::StorageResult<qint64> id = store_.add(info.absoluteFilePath(), info.size());
    if (id)
        inspect(*id);
    return id;
}

void ModelLibrary::inspect(qint64 id)
{
    if (jobs_.count(id))
        return;
    storage::StorageResult<storage::ModelFile> file = store_.model_file(id);
    if (!file) {
        emit storageError(file.error().message);
        return;
    }
    Job& job = jobs_[id];
    job.watcher = std::make_unique<QFutureWatcher<ModelInspection>>();
    connect(job.watcher.get(), &QFutureWatcherBase::progressValueChanged, this, [this, id](int v) {
        auto it = jobs_.find(id);
        if (it == jobs_.end())
            return;
        it->second.progress = static_cast<double>(v) / kProgressScale;
        emit inspectionProgress(id, it->second.progress);
    });
    connect(job.watcher.get(), &QFutureWatcherBase::finished, this, [this, id] { finish(id); });
    job.watcher->setFuture(
        QtConcurrent::run([path = file->path](QPromise<ModelInspection>& promise) {
            promise.setProgressRange(0, kProgressScale);
            promise.addResult(inspect_model_file(
                path, [&promise](int v) { promise.setProgressValue(v); },
                [&promise] { return promise.isCanceled(); }));
        }));
    emit inspectionProgress(id, 0);
}

void ModelLibrary::inspectUnhashed()
{
    storage::StorageResult<std::vector<storage::ModelFile>> files = store_.list();
    if (!files) {
        emit storageError(files.error().message);
        return;
    }
    for (const storage::ModelFile& f : *files) {
        if (f.sha256.isEmpty() && f.gguf_summary.isEmpty())
            inspect(f.id);
    }
}

storage::StorageResult<void> ModelLibrary::removeFile(qint64 id)
{
    if (auto it = jobs_.find(id); it != jobs_.end()) {
        it->second.watcher->disconnect(this);
        it->second.watcher->cancel();
        it->second.watcher->waitForFinished();
        jobs_.erase(it);
    }
    return store_.remove(id);
}

double ModelLibrary::progress(qint64 id) const
{
    auto it = jobs_.find(id);
    return it == jobs_.end() ? -1.0 : it->second.progress;
}

void ModelLibrary::finish(qint64 id)
{
    auto it = jobs_.find(id);
    if (it == jobs_.end())
        return;
    std::unique_ptr<QFutureWatcher<ModelInspection>> watcher = std::move(it->second.watcher);
    jobs_.erase(it);
    if (!watcher->future().isCanceled() && watcher->future().resultCount() > 0) {
        const ModelInspection result = watcher->result();
        storage::StorageResult<storage::ModelFile> before = store_.model_file(id);
        if (before && !before->sha256.isEmpty() && !result.sha256.isEmpty() &&
            before->sha256 != result.sha256)
            emit hashChanged(id, before->path, before->sha256, result.sha256);
        if (storage::StorageResult<void> saved =
                store_.update_summary(id, result.size_bytes, result.sha256, result.summary);
            !saved && saved.error().kind != storage::StorageErrorKind::NotFound)
            emit storageError(saved.error().message);
    }
    // The watcher emitted the signal we are in: delete it afterwards.
    watcher.release()->deleteLater();
    emit inspectionFinished(id);
}

} // namespace kurabe::app
