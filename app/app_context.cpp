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
    storage::StorageResult<std::unique_ptr<storage::StorageWriter>> writer =
        storage::StorageWriter::open(storage::database_path(data_dir));
    if (!writer)
        return writer.error();
    return std::unique_ptr<AppContext>(
        new AppContext(data_dir, std::move(*database), std::move(*writer)));
}

AppContext::AppContext(QString data_dir, std::unique_ptr<storage::Database> database,
                       std::unique_ptr<storage::StorageWriter> writer)
    : data_dir_(std::move(data_dir)), database_(std::move(database)), writer_(std::move(writer)),
      conversations_(std::make_unique<storage::ConversationStore>(*database_)),
      settings_(std::make_unique<storage::SettingsStore>(*database_)),
      model_files_(std::make_unique<storage::ModelFileStore>(*database_)),
      search_(std::make_unique<storage::SearchIndex>(*database_)),
      providers_(std::make_unique<storage::ProviderStore>(*database_)),
      library_(std::make_unique<ModelLibrary>(*model_files_)),
      watched_folders_(std::make_unique<WatchedFolders>(*library_, *settings_)),
      models_(std::make_unique<ModelHost>()),
      remote_models_(std::make_unique<RemoteModels>(*providers_, data_dir_)),
      provider_registry_(std::make_unique<ProviderRegistry>(*providers_, data_dir_)),
      chat_(std::make_unique<ChatController>(*conversations_, writer_.get()))
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
    connect(models_.get(), &ModelHost::loadProgress, this, &AppContext::modelLoadProgress);
    connect(models_.get(), &ModelHost::loadFinished, this,
            [this](const QString& path, bool ok, const QString& error) {
                if (ok && path == chosen_model_) {
                    chat_->setBackend(models_->backend(path));
                    if (auto file = model_files_->find_by_path(path); file && *file)
                        static_cast<void>(model_files_->touch_last_used((*file)->id));
                }
                emit modelLoadFinished(path, ok, error);
            });
    // A provider's settings changed: its backends were replaced, so the chosen one is asked for
    // again.
    connect(remote_models_.get(), &RemoteModels::modelsChanged, this, [this] {
        if (isRemoteModelKey(chosen_model_) && remote_ready_ && !chat_->backend())
            chooseRemoteModel(chosen_remote_.provider, chosen_remote_.model);
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

void AppContext::cancelModelLoad()
{
    if (!isRemoteModelKey(chosen_model_))
        models_->cancelLoad(chosen_model_);
}

int AppContext::contextLength()
{
    return static_cast<int>(integer_setting(*settings_, kContextLengthSetting, 0));
}

storage::StorageResult<void> AppContext::setContextLength(int tokens)
{
    if (tokens < 0)
        return storage::StorageError{storage::StorageErrorKind::InvalidArgument, 0,
                                     tr("a context length is a number of tokens, 0 or more")};
    if (storage::StorageResult<void> saved = settings_->set_integer(kContextLengthSetting, tokens);
        !saved)
        return saved;
    if (!chosen_model_.isEmpty() && !isRemoteModelKey(chosen_model_))
        chooseLocalModel(chosen_model_);
    return {};
}

storage::StorageResult<void> AppContext::setKeepLoaded(int n)
{
    if (n < 1)
        return storage::StorageError{storage::StorageErrorKind::InvalidArgument, 0,
                                     tr("at least one model stays loaded")};
    if (storage::StorageResult<void> saved = settings_->set_integer(kKeepLoadedSetting, n); !saved)
        return saved;
    models_->setKeepLoaded(n);
    return {};
}

void AppContext::chooseRemoteModel(const QString& provider, const QString& model)
{
    const QString key = remoteModelKey(provider, model);
    chosen_model_ = key;
    chosen_remote_ = {provider, model};
    remote_ready_ = false;
    emit modelLoadStarted(key);
    remote_models_->requestBackend(provider, model, this,
                                   [this, key](inference::Backend* backend, const QString& error) {
                                       if (backend && key == chosen_model_) {
                                           chat_->setBackend(backend);
                                           remote_ready_ = true;
                                       }
                                       emit modelLoadFinished(key, backend != nullptr, error);
                                   });
}

} // namespace kurabe::app
