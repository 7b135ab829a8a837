#include "library/watched_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent>

#include <utility>

namespace kurabe::app {

namespace {

constexpr int kDebounceMs = 500;

storage::StorageError invalid(const QString& message)
{
    return storage::StorageError{storage::StorageErrorKind::InvalidArgument, 0, message};
}

QString absolute(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

QStringList gguf_files_in(const QString& folder)
{
    QStringList files;
    const QDir dir(folder);
    for (const QFileInfo& info : dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
        if (info.suffix().compare(QLatin1String("gguf"), Qt::CaseInsensitive) == 0)
            files << absolute(info.filePath());
    }
    return files;
}

WatchedFolders::WatchedFolders(ModelLibrary& library, storage::SettingsStore& settings,
                               QObject* parent)
    : QObject(parent), library_(library), settings_(settings)
{
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &WatchedFolders::startScan);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, [this] { debounce_.start(); });
    load();
    if (!folders_.isEmpty())
        startScan();
}

WatchedFolders::~WatchedFolders()
{
    if (scan_) {
        scan_->disconnect(this);
        scan_->waitForFinished();
    }
}

void WatchedFolders::load()
{
    storage::StorageResult<QString> text = settings_.text(kWatchedFoldersSetting, QString());
    if (!text) {
        emit error(text.message());
        return;
    }
    // A damaged setting reads as no folders: the library itself is untouched.
    const QJsonObject json = QJsonDocument::fromJson(text->toUtf8()).object();
    for (const QJsonValue& v : json.value(QStringLiteral("folders")).toArray()) {
        const QString folder = v.toString();
        if (folder.isEmpty() || folders_.contains(folder))
            continue;
        folders_ << folder;
        // A folder that is gone (an unplugged disk) stays listed and is read again later.
        if (QFileInfo(folder).isDir())
            watcher_.addPath(folder);
    }
    for (const QJsonValue& v : json.value(QStringLiteral("removed")).toArray())
        removed_.insert(v.toString());
}

storage::StorageResult<void> WatchedFolders::save()
{
    QStringList removed(removed_.begin(), removed_.end());
    removed.sort();
    const QJsonObject json{{QStringLiteral("folders"), QJsonArray::fromStringList(folders_)},
                           {QStringLiteral("removed"), QJsonArray::fromStringList(removed)}};
    return settings_.set_text(kWatchedFoldersSetting, QString::fromUtf8(QJsonDocument(json).toJson(
                                                          QJsonDocument::Compact)));
}

storage::StorageResult<void> WatchedFolders::addFolder(const QString& folder)
{
    const QString path = absolute(folder);
    if (!QFileInfo(path).isDir())
        return invalid(tr("%1 is not a folder").arg(path));
    if (folders_.contains(path))
        return invalid(tr("%1 is already watched").arg(path));
    folders_ << path;
    if (storage::StorageResult<void> saved = save(); !saved) {
        folders_.removeLast();
        return saved;
    }
    watcher_.addPath(path);
    emit foldersChanged();
    startScan();
    return {};
}

storage::StorageResult<void> WatchedFolders::removeFolder(const QString& folder)
{
    const QString path = absolute(folder);
    const qsizetype index = folders_.indexOf(path);
    if (index < 0)
        return invalid(tr("%1 is not watched").arg(path));
    folders_.removeAt(index);
    if (storage::StorageResult<void> saved = save(); !saved) {
        folders_.insert(index, path);
        return saved;
    }
    watcher_.removePath(path);
    emit foldersChanged();
    return {};
}

void WatchedFolders::noteRemoved(const QString& path)
{
    const QString file = absolute(path);
    if (!folders_.contains(QFileInfo(file).absolutePath()) || removed_.contains(file))
        return;
    removed_.insert(file);
    if (storage::StorageResult<void> saved = save(); !saved)
        emit error(saved.message());
}

void WatchedFolders::forgetRemoval(const QString& path)
{
    if (!removed_.remove(absolute(path)))
        return;
    if (storage::StorageResult<void> saved = save(); !saved)
        emit error(saved.message());
}

void WatchedFolders::rescan()
{
    debounce_.stop();
    startScan();
}

void WatchedFolders::startScan()
{
    if (scan_) {
        scan_again_ = true;
        return;
    }
    if (folders_.isEmpty())
        return;
    // A folder that appeared again (a disk plugged back in) is watched again.
    for (const QString& folder : folders_) {
        if (!watcher_.directories().contains(folder) && QFileInfo(folder).isDir())
            watcher_.addPath(folder);
    }
    scan_ = std::make_unique<QFutureWatcher<QStringList>>();
    connect(scan_.get(), &QFutureWatcher<QStringList>::finished, this, [this] {
        const QStringList files = scan_->result();
        scan_.release()->deleteLater();
        onScanned(files);
        if (std::exchange(scan_again_, false))
            startScan();
    });
    scan_->setFuture(QtConcurrent::run([folders = folders_] {
        QStringList files;
        for (const QString& folder : folders)
            files << gguf_files_in(folder);
        return files;
    }));
}

void WatchedFolders::onScanned(const QStringList& files)
{
    QStringList added;
    for (const QString& file : files) {
        if (removed_.contains(file))
            continue;
        storage::StorageResult<std::optional<storage::ModelFile>> known =
            library_.store().find_by_path(file);
        if (!known) {
            emit error(known.message());
            return;
        }
        if (*known)
            continue;
        if (storage::StorageResult<qint64> id = library_.addFile(file); !id)
            emit error(id.message());
        else
            added << file;
    }
    emit scanned(added);
}

} // namespace kurabe::app
