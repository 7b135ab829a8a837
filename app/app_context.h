// Everything the window works with for one profile (data directory): the database and its
// stores, the model library, the loaded local models, the configured remote providers' models
// and the chat controller. Built once in
// run_gui (or by a test on a throwaway directory) and passed to the window; the window never
// opens files or starts threads of its own.
#pragma once

#include "chat/chat_controller.h"
#include "chat/remote_models.h"
#include "library/model_host.h"
#include "library/model_library.h"
#include "library/watched_folders.h"
#include "providers/provider_registry.h"
#include "storage/search/search_index.h"
#include "storage/service/storage_writer.h"
#include "storage/sqlite/database.h"
#include "storage/stores/conversation_store.h"
#include "storage/stores/model_file_store.h"
#include "storage/stores/provider_store.h"
#include "storage/stores/settings_store.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace kurabe::app {

// Settings keys (SettingsStore).
inline const QString kKeepLoadedSetting = QStringLiteral("models.keep_loaded"); // integer >= 1
inline const QString kContextLengthSetting = QStringLiteral("models.n_ctx");    // 0: the model's

class AppContext : public QObject
{
    Q_OBJECT
public:
    // Opens (creating or upgrading) the database in `data_dir`. Errors say what to do.
    static storage::StorageResult<std::unique_ptr<AppContext>> open(const QString& data_dir);
    ~AppContext() override;

    const QString& dataDir() const { return data_dir_; }
    storage::Database& database() { return *database_; }
    // The writer thread's connection: chat answers are saved there while they stream.
    storage::StorageWriter& writer() { return *writer_; }
    storage::ConversationStore& conversations() { return *conversations_; }
    storage::SettingsStore& settings() { return *settings_; }
    storage::ModelFileStore& modelFiles() { return *model_files_; }
    storage::SearchIndex& search() { return *search_; }
    storage::ProviderStore& providers() { return *providers_; }
    ModelLibrary& library() { return *library_; }
    WatchedFolders& watchedFolders() { return *watched_folders_; }
    ModelHost& models() { return *models_; }
    ChatController& chat() { return *chat_; }
    RemoteModels& remoteModels() { return *remote_models_; }
    // The providers' configs with their keys, read on a worker thread (for compare runs).
    ProviderRegistry& providerRegistry() { return *provider_registry_; }

    // Chooses the local model answering in chat from now on: loads it on its worker thread
    // (modelLoadStarted, then modelLoadFinished) and hands it to the chat controller.
    void chooseLocalModel(const QString& path);
    // Chooses a configured provider's model: the same signals, under remoteModelKey(provider,
    // model), once its key has been read (no network is touched until the first message).
    void chooseRemoteModel(const QString& provider, const QString& model);
    // The local model's path, or the remote model's key; empty before the first choice.
    QString chosenModel() const { return chosen_model_; }
    // Stops loading the chosen local model (modelLoadFinished(path, false, ...) follows).
    void cancelModelLoad();

    // Context length for local models, in tokens (0: the model's own, capped at 4096). Saved;
    // the chosen local model is loaded again with it.
    int contextLength();
    storage::StorageResult<void> setContextLength(int tokens);
    // How many local models stay loaded at once (>= 1). Saved; applied at once.
    int keepLoaded() const { return models_->keepLoaded(); }
    storage::StorageResult<void> setKeepLoaded(int n);

signals:
    void modelLoadStarted(const QString& path);
    // fraction 0..1; stage for people ("Reading the file").
    void modelLoadProgress(const QString& path, double fraction, const QString& stage);
    void modelLoadFinished(const QString& path, bool ok, const QString& error);

private:
    AppContext(QString data_dir, std::unique_ptr<storage::Database> database,
               std::unique_ptr<storage::StorageWriter> writer);

    QString data_dir_;
    std::unique_ptr<storage::Database> database_;
    std::unique_ptr<storage::StorageWriter> writer_; // outlives chat_: its last save lands
    std::unique_ptr<storage::ConversationStore> conversations_;
    std::unique_ptr<storage::SettingsStore> settings_;
    std::unique_ptr<storage::ModelFileStore> model_files_;
    std::unique_ptr<storage::SearchIndex> search_;
    std::unique_ptr<storage::ProviderStore> providers_;
    std::unique_ptr<ModelLibrary> library_;
    std::unique_ptr<WatchedFolders> watched_folders_;
    std::unique_ptr<ModelHost> models_;
    std::unique_ptr<RemoteModels> remote_models_;
    std::unique_ptr<ProviderRegistry> provider_registry_;
    std::unique_ptr<ChatController> chat_; // after models_: destroyed first, stopping its answer
    QString chosen_model_;
    RemoteModel chosen_remote_; // set while chosen_model_ is a remote key
    bool remote_ready_ = false; // the chosen remote model's backend was handed to chat
    // The backend of the answer being written, kept loaded until it ends.
    QPointer<inference::Backend> answering_backend_;
};

} // namespace kurabe::app
