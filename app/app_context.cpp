#include "app_context.h"

#include "storage/data_dir.h"
#include "storage/schema/schema.h"

namespace kurabe::app {

namespace {

qint64 integer_setting(storage::SettingsStore& settings, const QString& key, qint64 fallback)
{
    // An unreadable setting falls back to the default: the app must still open.
    storage::StorageResult<qint64> value = settings.integer(key, fallback);
    return value ? *value : fallback;
}

} // namespace

storage::StorageResult<std::unique_ptr<AppContext>> AppContext::open(const QString& data_dir)
{
    storage::StorageResult<std::unique_ptr<storage::Database>> database =
        storage::open_kurabe_database(storage::database_path(data_dir),
                                      storage::OpenMode::ReadWrite);
    if (!database)
        return database.error();
    return std::unique_ptr<AppContext>(new AppContext(data_dir, std::move(*database)));
}

AppContext::AppContext(QString data_dir, std::unique_ptr<storage::Database> database)
    : data_dir_(std::move(data_dir)), database_(std::move(database)),
      conversations_(std::make_unique<storage::ConversationStore>(*database_)),
      settings_(std::make_unique<storage::SettingsStore>(*database_)),
      model_files_(std::make_unique<storage::ModelFileStore>(*database_)),
      search_(std::make_unique<storage::SearchIndex>(*database_)),
      library_(std::make_unique<ModelLibrary>(*model_files_)),
      models_(std::make_unique<ModelHost>()),
      chat_(std::make_unique<ChatController>(*conversations_))
{
    inference::LocalOptions options = models_->options();
    options.pipeline_cache_dir = storage::vulkan_cache_dir();
    models_->setOptions(options);
    models_->setKeepLoaded(static_cast<int>(integer_setting(*settings_, kKeepLoadedSetting, 1)));
    models_->setBusyCheck([this](inference::LocalBackend* b) {
        return chat_ && chat_->isAnswering() && answering_backend_ == b;
    });
    connect(chat_.get(), &ChatController::answerStarted, this,
            [this] { answering_backend_ = chat_->backend(); });
    connect(chat_.get(), &ChatController::answerFinished, models_.get(), &ModelHost::trim);
    connect(models_.get(), &ModelHost::loadStarted, this, &AppContext::modelLoadStarted);
    connect(models_.get(), &ModelHost::loadFinished, this,
            [this](const QString& path, bool ok, const QString& error) {
                if (ok && path == chosen_model_) {
                    chat_->setBackend(models_->backend(path));
                    if (auto file = model_files_->find_by_path(path); file && *file)
                        static_cast<void>(model_files_->touch_last_used((*file)->id));
                }
                emit modelLoadFinished(path, ok, error);
            });
    library_->inspectUnhashed();
}

AppContext::~AppContext()
{
    // The controller stops its answer while the backend still exists.
    chat_.reset();
}

void AppContext::chooseLocalModel(const QString& path)
{
    chosen_model_ = path;
    inference::LocalOptions options = models_->options();
    options.n_ctx = static_cast<int>(integer_setting(*settings_, kContextLengthSetting, 0));
    models_->setOptions(options);
    models_->choose(path);
}

} // namespace kurabe::app
