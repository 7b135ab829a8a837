// Folders whose GGUF files join the model library by themselves: each is listed on a worker
// thread when it is added, when the app starts and whenever QFileSystemWatcher says it changed
// (debounced), and every *.gguf in it (not its subfolders) that the library lacks is added.
// A file the user removed from the library is remembered and not added back. The folders and
// the removed files are kept in the settings, so they survive a restart.
#pragma once

#include "library/model_library.h"
#include "storage/stores/settings_store.h"

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace kurabe::app {

// Settings key: {"folders":[absolute paths],"removed":[absolute file paths]} as JSON text.
inline const QString kWatchedFoldersSetting = QStringLiteral("models.watched_folders");

// The *.gguf files directly in `folder`, absolute paths, sorted; blocking (run on a worker).
QStringList gguf_files_in(const QString& folder);

class WatchedFolders : public QObject
{
    Q_OBJECT
public:
    // `library` and `settings` must outlive this object and live on this thread.
    WatchedFolders(ModelLibrary& library, storage::SettingsStore& settings,
                   QObject* parent = nullptr);
    ~WatchedFolders() override; // waits for a listing still running (a directory read)

    QStringList folders() const { return folders_; }
    // Starts watching `folder` and adds its files. Errors: not a directory, already watched,
    // the settings could not be saved.
    storage::StorageResult<void> addFolder(const QString& folder);
    // Stops watching; files already added stay in the library.
    storage::StorageResult<void> removeFolder(const QString& folder);
    // Tells that the user took `path` out of the library: a watched folder must not bring it
    // back. Adding it again by hand (forgetRemoval) undoes that.
    void noteRemoved(const QString& path);
    void forgetRemoval(const QString& path);
    // Lists every folder again now.
    void rescan();
    bool isScanning() const { return scan_ != nullptr; }

signals:
    void foldersChanged();
    // A listing finished; `added` are the files that joined the library.
    void scanned(const QStringList& added);
    void error(const QString& message);

private:
    void load();
    storage::StorageResult<void> save();
    void startScan();
    void onScanned(const QStringList& files);

    ModelLibrary& library_;
    storage::SettingsStore& settings_;
    QStringList folders_;
    QSet<QString> removed_;
    QFileSystemWatcher watcher_;
    QTimer debounce_; // a copy into the folder changes it many times; list once it settles
    std::unique_ptr<QFutureWatcher<QStringList>> scan_;
    bool scan_again_ = false; // something changed while a listing ran
};

} // namespace kurabe::app
