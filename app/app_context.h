// Everything the window works with for one profile (data directory): the database and its
// stores, the model library, the loaded local models and the chat controller. Built once in
// run_gui (or by a test on a throwaway directory) and passed to the window; the window never
// opens files or starts threads of its own.
#pragma once

#include "chat/chat_controller.h"
#include "library/model_host.h"
#include "library/model_library.h"
#include "storage/search/search_index.h"
#include "storage/sqlite/database.h"
#include "storage/stores/conversation_store.h"
#include "storage/stores/model_file_store.h"
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
    storage::ConversationStore& conversations() { return *conversations_; }
    storage::SettingsStore& settings() { return *settings_; }
    storage::ModelFileStore& modelFiles() { return *model_files_; }
    storage::SearchIndex& search() { return *search_; }
    ModelLibrary& library() { return *library_; }
    ModelHost& models() { return *models_; }
    ChatController& chat() { return *chat_; }

    // Chooses the local model answering in chat from now on: loads it on its worker thread
    // (modelLoadStarted, then modelLoadFinished) and hands it to the chat controller.
    void chooseLocalModel(const QString& path);
    QString chosenModel() const { return chosen_model_; }

signals:
    void modelLoadStarted(const QString& path);
    void modelLoadFinished(const QString& path, bool ok, const QString& error);

private:
    AppContext(QString data_dir, std::unique_ptr<storage::Database> database);

    QString data_dir_;
    std::unique_ptr<storage::Database> database_;
    std::unique_ptr<storage::ConversationStore> conversations_;
    std::unique_ptr<storage::SettingsStore> settings_;
    std::unique_ptr<storage::ModelFileStore> model_files_;
    std::unique_ptr<storage::SearchIndex> search_;
    std::unique_ptr<ModelLibrary> library_;
    std::unique_ptr<ModelHost> models_;
    std::unique_ptr<ChatController> chat_; // after models_: destroyed first, stopping its answer
    QString chosen_model_;
    // The backend of the answer being written, kept loaded until it ends.
    QPointer<inference::Backend> answering_backend_;
};

} // namespace kurabe::app
