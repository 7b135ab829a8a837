#include "cli/providers_command.h"

#include "chat/remote_models.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "inference/remote/api_key_store.h"
#include "inference/remote/model_lister.h"
#include "inference/remote/provider_presets.h"
#include "inference/remote/remote_backend.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/provider_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>

namespace kurabe::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_provider_generation_interrupt(int)
{
    g_interrupted.store(true);
}

using inference::remote::ApiKeyStore;
using inference::remote::ProviderConfig;
using inference::remote::ProviderKind;
using inference::remote::ProviderPreset;

const QString k_name = QStringLiteral("providers");

// Kinds as the database stores them, and the preset each means when none is named.
struct KindName
{
    const char* kind;
    const char* preset;
};
constexpr KindName k_kinds[] = {{"openai", "openai"},
                                {"anthropic", "anthropic"},
                                {"gemini", "gemini"},
                                {"ollama", "ollama"},
                                {"openai-compatible", "custom"}};

const char* default_preset(const QString& kind)
{
    for (const KindName& k : k_kinds) {
        if (kind == QLatin1String(k.kind))
            return k.preset;
    }
    return nullptr;
}

QString key_reference(const QString& name)
{
    return QStringLiteral("provider/%1").arg(name);
}

// Runs the event loop until `done` holds; every wait here has its own network timeout.
template <typename Done>
void wait_for(const Done& done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

struct OpenedStore
{
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::ProviderStore> store;
    QString data_dir;
    QString error;
};

OpenedStore open_store(const QString& requested_dir)
{
    OpenedStore opened;
    const storage::DataDir dir = storage::open_data_dir(requested_dir);
    if (dir.path.isEmpty()) {
        opened.error = dir.error;
        return opened;
    }
    opened.data_dir = dir.path;
    auto database = storage::open_kurabe_database(storage::database_path(dir.path),
                                                  storage::OpenMode::ReadWrite);
    if (!database) {
        opened.error = database.message();
        return opened;
    }
    opened.database = std::move(database).value();
    opened.store = std::make_unique<storage::ProviderStore>(*opened.database);
    return opened;
}

std::optional<storage::Provider> find_provider(storage::ProviderStore& store, const QString& name,
                                               QString* error)
{
    auto all = store.list();
    if (!all) {
        *error = all.message();
        return std::nullopt;
    }
    for (const storage::Provider& provider : all.value()) {
        if (provider.name == name)
            return provider;
    }
    *error = QStringLiteral("no provider named '%1' (see `kurabe providers list`)").arg(name);
    return std::nullopt;
}

std::optional<QString> read_key(const QString& data_dir, const QString& reference, QString* error)
{
    ApiKeyStore keys(ApiKeyStore::optionsFromEnvironment(data_dir));
    bool done = false;
    std::optional<QString> key;
    keys.readKey(reference, [&](std::optional<QString> value, const QString& failure) {
        key = std::move(value);
        *error = failure;
        done = true;
    });
    wait_for([&] { return done; });
    return key;
}

QString store_key(const QString& data_dir, const QString& reference, const QString& key,
                  QString* where)
{
    ApiKeyStore keys(ApiKeyStore::optionsFromEnvironment(data_dir));
    bool done = false;
    QString error;
    keys.writeKey(reference, key, [&](const QString& failure) {
        error = failure;
        done = true;
    });
    wait_for([&] { return done; });
    *where = keys.lastStorageUsed();
    return error;
}

void forget_key(const QString& data_dir, const QString& reference)
{
    ApiKeyStore keys(ApiKeyStore::optionsFromEnvironment(data_dir));
    bool done = false;
    keys.removeKey(reference, [&](const QString&) { done = true; });
    wait_for([&] { return done; });
}

QString preset_of(const storage::Provider& provider)
{
    const QString preset = provider.options.value(QStringLiteral("preset")).toString();
    if (!preset.isEmpty())
        return preset;
    const char* fallback = default_preset(provider.kind);
    return fallback ? QString::fromLatin1(fallback) : QStringLiteral("custom");
}

int run_presets(bool json)
{
    QJsonArray array;
    for (const ProviderPreset& preset : inference::remote::providerPresets()) {
        array.append(
            QJsonObject{{QStringLiteral("id"), QString::fromLatin1(preset.id)},
                        {QStringLiteral("name"), QString::fromUtf8(preset.display_name)},
                        {QStringLiteral("kind"), inference::remote::providerKindName(preset.kind)},
                        {QStringLiteral("base_url"), QString::fromLatin1(preset.base_url)},
                        {QStringLiteral("needs_key"), preset.needs_key}});
        if (!json)
            out() << QStringLiteral("%1 %2 %3\n")
                         .arg(QString::fromLatin1(preset.id), -14)
                         .arg(QString::fromUtf8(preset.display_name), -32)
                         .arg(QString::fromLatin1(preset.base_url));
    }
    if (json)
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    out().flush();
    return Ok;
}

int run_list(storage::ProviderStore& store, bool json)
{
    auto all = store.list();
    if (!all)
        return fail(k_name, all.message());
    QJsonArray array;
    for (const storage::Provider& provider : all.value()) {
        const bool has_key = !provider.keychain_ref.isEmpty();
        array.append(QJsonObject{{QStringLiteral("name"), provider.name},
                                 {QStringLiteral("kind"), provider.kind},
                                 {QStringLiteral("preset"), preset_of(provider)},
                                 {QStringLiteral("base_url"), provider.base_url},
                                 {QStringLiteral("key"), has_key}});
        if (!json)
            out() << QStringLiteral("%1 %2 %3%4\n")
                         .arg(provider.name, -16)
                         .arg(provider.kind, -18)
                         .arg(provider.base_url)
                         .arg(has_key ? QStringLiteral("  (key stored)") : QString());
    }
    if (json)
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    else if (array.isEmpty())
        out() << "no providers yet: kurabe providers add NAME --kind KIND [--key-stdin]\n";
    out().flush();
    return Ok;
}

} // namespace

LoadedProvider load_provider_config(const QString& data_dir, const QString& name)
{
    LoadedProvider loaded;
    OpenedStore opened = open_store(data_dir);
    if (!opened.store) {
        loaded.error = opened.error;
        return loaded;
    }
    const auto provider = find_provider(*opened.store, name, &loaded.error);
    if (!provider)
        return loaded;
    std::optional<ProviderConfig> row_config =
        app::provider_config_from_row(*provider, &loaded.error);
    if (!row_config)
        return loaded;
    ProviderConfig config = std::move(*row_config);
    if (!provider->keychain_ref.isEmpty()) {
        QString error;
        const auto key = read_key(opened.data_dir, provider->keychain_ref, &error);
        if (!error.isEmpty() || !key) {
            loaded.error = error.isEmpty()
                               ? QStringLiteral("the API key of '%1' is missing from the key "
                                                "store; add the provider again")
                                     .arg(name)
                               : error;
            return loaded;
        }
        config.api_key = *key;
    }
    loaded.config = std::move(config);
    return loaded;
}

namespace {

int run_add(OpenedStore& opened, const QString& name, const QCommandLineParser& parser,
            const QCommandLineOption& kind_option, const QCommandLineOption& preset_option,
            const QCommandLineOption& base_url_option, const QCommandLineOption& key_stdin,
            const QCommandLineOption& key_env, const QCommandLineOption& concurrent)
{
    const QString kind = parser.value(kind_option);
    const char* kind_preset = default_preset(kind);
    if (!kind_preset)
        return fail(k_name,
                    QStringLiteral("--kind must be openai, anthropic, gemini, ollama or "
                                   "openai-compatible"),
                    Usage);
    const QString preset_id = parser.isSet(preset_option) ? parser.value(preset_option)
                                                          : QString::fromLatin1(kind_preset);
    const ProviderPreset* preset = inference::remote::findPreset(preset_id);
    if (!preset)
        return fail(
            k_name,
            QStringLiteral("unknown preset '%1' (see `kurabe providers presets`)").arg(preset_id),
            Usage);
    ProviderConfig config;
    config.name = name;
    config.preset = preset_id;
    config.kind = preset->kind;
    const QString base_url = parser.isSet(base_url_option) ? parser.value(base_url_option)
                                                           : QString::fromLatin1(preset->base_url);
    if (base_url.isEmpty())
        return fail(k_name, QStringLiteral("a custom server needs --base-url URL"), Usage);
    config.base_url = QUrl(base_url);
    if (const auto problem = inference::remote::checkTransport(config))
        return fail(k_name, *problem, Usage);

    QString key;
    if (parser.isSet(key_stdin)) {
        QFile input;
        if (input.open(stdin, QIODevice::ReadOnly))
            key = QString::fromUtf8(input.readLine()).trimmed();
    } else if (parser.isSet(key_env)) {
        key = qEnvironmentVariable(qPrintable(parser.value(key_env))).trimmed();
        if (key.isEmpty())
            return fail(k_name,
                        QStringLiteral("the environment variable %1 is empty or unset")
                            .arg(parser.value(key_env)),
                        Usage);
    }
    if (key.isEmpty() && preset->needs_key)
        return fail(k_name,
                    QStringLiteral("%1 needs an API key: pass it on stdin with --key-stdin "
                                   "or name an environment variable with --key-env VAR")
                        .arg(QString::fromUtf8(preset->display_name)),
                    Usage);

    QString error;
    if (find_provider(*opened.store, name, &error))
        return fail(k_name,
                    QStringLiteral("a provider named '%1' exists; remove it first").arg(name));
    storage::NewProvider row;
    row.kind = kind;
    row.name = name;
    row.base_url = base_url;
    row.options = QJsonObject{{QStringLiteral("preset"), preset_id}};
    if (parser.isSet(concurrent))
        row.options.insert(QStringLiteral("max_concurrent"), parser.value(concurrent).toInt());
    QString where;
    if (!key.isEmpty()) {
        row.keychain_ref = key_reference(name);
        const QString stored = store_key(opened.data_dir, row.keychain_ref, key, &where);
        if (!stored.isEmpty())
            return fail(k_name, QStringLiteral("could not store the key: %1").arg(stored));
    }
    auto added = opened.store->add(row);
    if (!added) {
        if (!row.keychain_ref.isEmpty())
            forget_key(opened.data_dir, row.keychain_ref);
        return fail(k_name, added.message());
    }
    out() << "added " << name << " (" << QString::fromUtf8(preset->display_name) << ", " << base_url
          << ")";
    if (!where.isEmpty())
        out() << "; key stored in the "
              << (where == QLatin1String("file") ? "encrypted key file" : "keychain");
    out() << '\n';
    out().flush();
    return Ok;
}

// Runs one generation on `backend` to its end, calling `on_text` for each text delta. Ctrl-C
// cancels it (the answer so far is kept, finish reason "cancelled").
inference::GenerationResult stream_answer(inference::Backend& backend,
                                          const inference::GenerationRequest& request,
                                          const std::function<void(const QString&)>& on_text)
{
    std::unique_ptr<inference::Generation> generation(backend.start(request));
    inference::GenerationResult result;
    bool finished = false;
    QObject::connect(generation.get(), &inference::Generation::textDelta, on_text);
    QObject::connect(generation.get(), &inference::Generation::finished,
                     [&](const inference::GenerationResult& r) {
                         result = r;
                         finished = true;
                     });
    g_interrupted.store(false);
    const auto previous = std::signal(SIGINT, on_provider_generation_interrupt);
    // The signal handler only sets a flag; a timer turns it into cancel() on this thread.
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (g_interrupted.exchange(false))
            generation->cancel();
    });
    poll.start(100);
    wait_for([&] { return finished; });
    std::signal(SIGINT, previous);
    return result;
}

int run_models(const QString& data_dir, const QString& name, bool json)
{
    const LoadedProvider loaded = load_provider_config(data_dir, name);
    if (!loaded.config)
        return fail(k_name, loaded.error);
    inference::remote::ModelLister lister;
    inference::remote::ModelListResult result;
    bool done = false;
    lister.list(*loaded.config, [&](const inference::remote::ModelListResult& r) {
        result = r;
        done = true;
    });
    wait_for([&] { return done; });
    if (result.error != inference::ErrorKind::None)
        return fail(k_name, QStringLiteral("%1 (%2)").arg(result.error_message,
                                                          inference::errorKindName(result.error)));
    if (json)
        out() << QJsonDocument(QJsonArray::fromStringList(result.models))
                     .toJson(QJsonDocument::Indented);
    else
        for (const QString& model : result.models)
            out() << model << '\n';
    out().flush();
    return Ok;
}

int run_test(const QString& data_dir, const QString& name, QString model, bool json)
{
    const LoadedProvider loaded = load_provider_config(data_dir, name);
    if (!loaded.config)
        return fail(k_name, loaded.error);
    inference::remote::ModelLister lister;
    inference::remote::ModelListResult models;
    bool listed = false;
    lister.list(*loaded.config, [&](const inference::remote::ModelListResult& r) {
        models = r;
        listed = true;
    });
    wait_for([&] { return listed; });
    if (model.isEmpty() && !models.models.isEmpty())
        model = models.models.front();
    if (model.isEmpty())
        return fail(k_name, models.error != inference::ErrorKind::None
                                ? QStringLiteral("listing models: %1").arg(models.error_message)
                                : QStringLiteral("the provider lists no models; name one with "
                                                 "--model"));

    inference::remote::RemoteBackend backend(*loaded.config, model);
    inference::GenerationRequest request;
    request.messages = {{QStringLiteral("user"), QStringLiteral("Reply with the word OK.")}};
    request.sampling.max_tokens = 16;
    QString text;
    const inference::GenerationResult result =
        stream_answer(backend, request, [&](const QString& delta) { text += delta; });

    const bool ok = result.finish != inference::FinishReason::Error;
    if (json) {
        QJsonObject report{{QStringLiteral("provider"), name},
                           {QStringLiteral("model"), model},
                           {QStringLiteral("ok"), ok},
                           {QStringLiteral("wall_ms"), result.wall_ms},
                           {QStringLiteral("models"), QJsonArray::fromStringList(models.models)},
                           {QStringLiteral("text"), text}};
        if (result.ttft_ms)
            report.insert(QStringLiteral("ttft_ms"), *result.ttft_ms);
        if (!ok) {
            report.insert(QStringLiteral("error"), inference::errorKindName(result.error));
            report.insert(QStringLiteral("error_message"), result.error_message);
        }
        out() << QJsonDocument(report).toJson(QJsonDocument::Indented);
        out().flush();
        return ok ? Ok : Failure;
    }
    if (!models.models.isEmpty())
        out() << models.models.size()
              << " models: " << models.models.mid(0, 10).join(QStringLiteral(", "))
              << (models.models.size() > 10 ? ", ..." : "") << '\n';
    if (!ok)
        return fail(k_name, QStringLiteral("%1 (%2)").arg(result.error_message,
                                                          inference::errorKindName(result.error)));
    out() << "ok: " << model << " answered in " << qRound(result.wall_ms) << " ms";
    if (result.ttft_ms)
        out() << " (first token after " << qRound(*result.ttft_ms) << " ms)";
    out() << ": " << text.trimmed().left(80) << '\n';
    out().flush();
    return Ok;
}

} // namespace

int run_providers_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Use the data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption kind(QStringLiteral("kind"),
                                  QStringLiteral("openai, anthropic, gemini, ollama or "
                                                 "openai-compatible."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    QStringLiteral("A preset (see `providers presets`)."),
                                    QStringLiteral("ID"));
    const QCommandLineOption base_url(QStringLiteral("base-url"),
                                      QStringLiteral("The API base URL (proxies, gateways, local "
                                                     "servers)."),
                                      QStringLiteral("URL"));
    const QCommandLineOption key_stdin(QStringLiteral("key-stdin"),
                                       QStringLiteral("Read the API key from the first line of "
                                                      "stdin."));
    const QCommandLineOption key_env(QStringLiteral("key-env"),
                                     QStringLiteral("Read the API key from environment variable "
                                                    "VAR."),
                                     QStringLiteral("VAR"));
    const QCommandLineOption concurrent(QStringLiteral("max-concurrent"),
                                        QStringLiteral("Requests in flight at once."),
                                        QStringLiteral("N"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("With test: the model to ask."),
                                   QStringLiteral("ID"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOptions(
        {json, data_dir, kind, preset, base_url, key_stdin, key_env, concurrent, model, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe providers")} + args))
        return fail(k_name, parser.errorText(), Usage);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (parser.isSet(help) || action.isEmpty()) {
        out() << "Usage:\n"
                 "  kurabe providers list [--json]\n"
                 "  kurabe providers presets [--json]\n"
                 "  kurabe providers add NAME --kind KIND [--preset ID] [--base-url URL]\n"
                 "                          [--key-stdin | --key-env VAR] [--max-concurrent N]\n"
                 "  kurabe providers remove NAME\n"
                 "  kurabe providers models NAME [--json]\n"
                 "  kurabe providers test NAME [--model ID] [--json]\n"
                 "Every form takes --data-dir DIR. Keys go to the OS keychain, or to an encrypted "
                 "file\n(passphrase from KURABE_SECRETS_PASSPHRASE) where there is none.\n";
        out().flush();
        return parser.isSet(help) ? Ok : Usage;
    }
    if (action == QLatin1String("presets"))
        return run_presets(parser.isSet(json));
    const QString name = positional.value(1);
    if (action != QLatin1String("list") && name.isEmpty())
        return fail(k_name, QStringLiteral("%1 needs a provider NAME").arg(action), Usage);
    if (action == QLatin1String("models"))
        return run_models(parser.value(data_dir), name, parser.isSet(json));
    if (action == QLatin1String("test"))
        return run_test(parser.value(data_dir), name, parser.value(model), parser.isSet(json));

    OpenedStore opened = open_store(parser.value(data_dir));
    if (!opened.store)
        return fail(k_name, opened.error);
    if (action == QLatin1String("list"))
        return run_list(*opened.store, parser.isSet(json));
    if (action == QLatin1String("add"))
        return run_add(opened, name, parser, kind, preset, base_url, key_stdin, key_env,
                       concurrent);
    if (action == QLatin1String("remove")) {
        QString error;
        const auto provider = find_provider(*opened.store, name, &error);
        if (!provider)
            return fail(k_name, error);
        auto removed = opened.store->remove(provider->id);
        if (!removed)
            return fail(k_name, removed.message());
        if (!provider->keychain_ref.isEmpty())
            forget_key(opened.data_dir, provider->keychain_ref);
        out() << "removed " << name << '\n';
        out().flush();
        return Ok;
    }
    return fail(k_name,
                QStringLiteral("unknown action '%1' (list, presets, add, remove, models, test)")
                    .arg(action),
                Usage);
}

int run_provider_generation(const QString& data_dir, const QString& provider, const QString& model,
                            const inference::GenerationRequest& request, bool json)
{
    const QString name = QStringLiteral("generate");
    const LoadedProvider loaded = load_provider_config(data_dir, provider);
    if (!loaded.config)
        return fail(name, loaded.error);
    inference::remote::RemoteBackend backend(*loaded.config, model);
    QString text;
    const inference::GenerationResult result =
        stream_answer(backend, request, [&](const QString& delta) {
            text += delta;
            if (!json) {
                out() << delta;
                out().flush();
            }
        });
    const bool ok = result.finish != inference::FinishReason::Error;
    const auto tokens = [](const std::optional<int64_t>& n) {
        return n ? static_cast<qint64>(*n) : qint64(0);
    };
    if (json) {
        QJsonObject report{
            {QStringLiteral("text"), text},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("model"), model},
            {QStringLiteral("prompt_tokens"), tokens(result.usage.input_tokens)},
            {QStringLiteral("generated_tokens"), tokens(result.usage.output_tokens)},
            {QStringLiteral("tokens_estimated"), result.usage.estimated},
            {QStringLiteral("wall_ms"), result.wall_ms},
            {QStringLiteral("finish_reason"), inference::finishReasonName(result.finish)},
        };
        if (result.ttft_ms)
            report.insert(QStringLiteral("ttft_ms"), *result.ttft_ms);
        if (result.tokens_per_second)
            report.insert(QStringLiteral("generation_tokens_per_second"),
                          *result.tokens_per_second);
        if (result.cost_usd)
            report.insert(QStringLiteral("cost_usd"), *result.cost_usd);
        if (!result.request_id.isEmpty())
            report.insert(QStringLiteral("request_id"), result.request_id);
        if (!ok) {
            report.insert(QStringLiteral("error"), inference::errorKindName(result.error));
            report.insert(QStringLiteral("error_message"), result.error_message);
        }
        out() << QJsonDocument(report).toJson(QJsonDocument::Compact) << '\n';
        out().flush();
        return ok ? Ok : Failure;
    }
    if (!ok)
        return fail(name, QStringLiteral("%1 (%2)").arg(result.error_message,
                                                        inference::errorKindName(result.error)));
    err() << QStringLiteral("\n[%1 prompt tokens; %2 tokens generated%3, %4 tokens/s; first token "
                            "after %5 ms; %6 ms in all; stopped: %7]\n")
                 .arg(tokens(result.usage.input_tokens))
                 .arg(tokens(result.usage.output_tokens))
                 .arg(result.usage.estimated ? QStringLiteral(" (estimated)") : QString())
                 .arg(result.tokens_per_second.value_or(0), 0, 'f', 1)
                 .arg(result.ttft_ms.value_or(0), 0, 'f', 1)
                 .arg(result.wall_ms, 0, 'f', 1)
                 .arg(inference::finishReasonName(result.finish));
    err().flush();
    return Ok;
}

} // namespace kurabe::cli
