// Terminal chat, saved in the same database as the GUI's conversations: interactive (line
// editing and history through libedit when stdin is a terminal; Ctrl-C stops the answer,
// Ctrl-D leaves) or one exchange with --message, whose answer alone goes to stdout.
#include "cli/chat_command.h"

#include "chat/chat_controller.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "cli/providers_command.h"
#include "inference/local/local_backend.h"
#include "inference/remote/remote_backend.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <editline/readline.h>
#include <iostream>
#include <string>
#include <unistd.h>

namespace kurabe::cli {

namespace {

using inference::GenerationResult;

std::atomic<bool> g_interrupted{false};

extern "C" void on_chat_interrupt(int)
{
    g_interrupted.store(true);
}

const QString kName = QStringLiteral("chat");

// Reads one line: through libedit on a terminal (editing, history), plainly otherwise.
// Empty optional at end of input.
std::optional<QString> read_line(bool terminal)
{
    if (terminal) {
        char* line = readline("> ");
        if (!line)
            return std::nullopt;
        const QString text = QString::fromUtf8(line).trimmed();
        if (!text.isEmpty())
            add_history(line);
        std::free(line);
        return text;
    }
    std::string line;
    if (!std::getline(std::cin, line))
        return std::nullopt;
    return QString::fromStdString(line).trimmed();
}

struct Answer
{
    qint64 message_id = 0;
    GenerationResult result;
    QString text;
    int dropped = 0;
};

// Sends `text` and runs the event loop until the answer ends; Ctrl-C stops it.
std::optional<Answer> exchange(app::ChatController& chat, const QString& text, bool stream_out,
                               QString* error)
{
    Answer answer;
    QEventLoop loop;
    QMetaObject::Connection delta = QObject::connect(&chat, &app::ChatController::answerDelta,
                                                     [&](qint64, const QString& piece) {
                                                         answer.text += piece;
                                                         if (stream_out) {
                                                             out() << piece;
                                                             out().flush();
                                                         }
                                                     });
    QMetaObject::Connection done = QObject::connect(&chat, &app::ChatController::answerFinished,
                                                    [&](qint64 id, const GenerationResult& result) {
                                                        answer.message_id = id;
                                                        answer.result = result;
                                                        loop.quit();
                                                    });
    QMetaObject::Connection trimmed =
        QObject::connect(&chat, &app::ChatController::contextTrimmed,
                         [&](qint64, int dropped) { answer.dropped = dropped; });
    QMetaObject::Connection saving =
        QObject::connect(&chat, &app::ChatController::storageError, [](const QString& message) {
            err() << "kurabe chat: saving failed (the answer is kept in memory): " << message
                  << '\n';
            err().flush();
        });

    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, on_chat_interrupt);
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (g_interrupted.exchange(false))
            chat.stop();
    });
    poll.start();

    auto sent = chat.send(text);
    if (sent)
        loop.exec();
    std::signal(SIGINT, previous);
    for (const auto& c : {delta, done, trimmed, saving})
        QObject::disconnect(c);
    if (!sent) {
        *error = sent.error().message;
        return std::nullopt;
    }
    return answer;
}

QString footer(const GenerationResult& r, const QString& device)
{
    QStringList parts;
    parts << device;
    if (r.usage.input_tokens)
        parts << QStringLiteral("%1 tokens in").arg(*r.usage.input_tokens);
    if (r.usage.output_tokens)
        parts << QStringLiteral("%1 out").arg(*r.usage.output_tokens);
    if (r.ttft_ms)
        parts << QStringLiteral("first token %1 ms").arg(*r.ttft_ms, 0, 'f', 0);
    if (r.tokens_per_second)
        parts << QStringLiteral("%1 tokens/s").arg(*r.tokens_per_second, 0, 'f', 1);
    parts << inference::finishReasonName(r.finish);
    return QStringLiteral("[") + parts.join(QStringLiteral(" · ")) + QStringLiteral("]");
}

} // namespace

int run_chat_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption file_option(QStringLiteral("m"), QStringLiteral("Local GGUF model."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption provider_option(QStringLiteral("provider"),
                                             QStringLiteral("Remote provider name."),
                                             QStringLiteral("NAME"));
    const QCommandLineOption model_option(
        QStringLiteral("model"), QStringLiteral("The provider's model id."), QStringLiteral("M"));
    const QCommandLineOption conversation_option(QStringLiteral("conversation"),
                                                 QStringLiteral("Continue this conversation."),
                                                 QStringLiteral("ID"));
    const QCommandLineOption system_option(
        QStringLiteral("system"), QStringLiteral("System prompt."), QStringLiteral("TEXT"));
    const QCommandLineOption temp_option(QStringLiteral("temp"),
                                         QStringLiteral("Temperature (0: greedy, no penalties)."),
                                         QStringLiteral("T"), QStringLiteral("0.8"));
    const QCommandLineOption seed_option(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                         QStringLiteral("S"));
    const QCommandLineOption n_option(
        QStringList{QStringLiteral("n"), QStringLiteral("max-tokens")},
        QStringLiteral("Tokens per answer at most."), QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption ctx_option(QStringLiteral("ctx"), QStringLiteral("Context length."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption message_option(
        QStringLiteral("message"), QStringLiteral("Send one message, print the answer, leave."),
        QStringLiteral("TEXT"));
    const QCommandLineOption json_option(QStringLiteral("json"),
                                         QStringLiteral("With --message: print one JSON object."));
    const QCommandLineOption data_dir_option(
        QStringLiteral("data-dir"), QStringLiteral("Keep all data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption backend_option(
        QStringLiteral("backend"),
        QStringLiteral("cpu, vulkan or auto (Vulkan on a GPU, else the CPU)."),
        QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption device_option(QStringLiteral("device"),
                                           QStringLiteral("Vulkan device: name part or index."),
                                           QStringLiteral("NAME"));
    parser.addOptions({file_option, provider_option, model_option, conversation_option,
                       system_option, temp_option, seed_option, n_option, ctx_option,
                       message_option, json_option, data_dir_option, backend_option,
                       device_option});
    if (!parser.parse(QStringList{QStringLiteral("kurabe chat")} + args))
        return fail(kName, parser.errorText(), Usage);
    const bool remote = parser.isSet(provider_option);
    if (remote == parser.isSet(file_option) || remote != parser.isSet(model_option))
        return fail(kName,
                    QStringLiteral("usage: kurabe chat (-m FILE | --provider NAME --model M) "
                                   "[--conversation ID] [--system TEXT] [--temp T] [--seed S] "
                                   "[-n N] [--message TEXT] [--data-dir DIR]"),
                    Usage);

    inference::SamplingParams sampling;
    bool ok_temp = false, ok_n = false, ok_ctx = false, ok_seed = true, ok_id = true;
    sampling.temperature = parser.value(temp_option).toDouble(&ok_temp);
    sampling.max_tokens = parser.value(n_option).toInt(&ok_n);
    if (parser.isSet(seed_option))
        sampling.seed = parser.value(seed_option).toULongLong(&ok_seed);
    const int n_ctx = parser.value(ctx_option).toInt(&ok_ctx);
    qint64 conversation_id = 0;
    if (parser.isSet(conversation_option))
        conversation_id = parser.value(conversation_option).toLongLong(&ok_id);
    if (!ok_temp || !ok_n || !ok_ctx || !ok_seed || !ok_id)
        return fail(kName, QStringLiteral("a numeric option has a value that is not a number"),
                    Usage);

    const storage::DataDir dir = storage::open_data_dir(parser.value(data_dir_option));
    if (dir.path.isEmpty())
        return fail(kName, dir.error);
    auto database = storage::open_kurabe_database(storage::database_path(dir.path),
                                                  storage::OpenMode::ReadWrite);
    if (!database)
        return fail(kName, database.error().message);
    storage::ConversationStore store(**database);
    app::ChatController chat(store);
    chat.setSampling(sampling);

    if (conversation_id != 0) {
        auto conversation = store.conversation(conversation_id);
        if (!conversation)
            return fail(kName, conversation.error().message);
        chat.openConversation(conversation_id);
        if (parser.isSet(system_option)) {
            if (auto set = store.set_system_prompt(conversation_id, parser.value(system_option));
                !set)
                return fail(kName, set.error().message);
        }
    }

    std::unique_ptr<inference::Backend> backend;
    QString model_name, device;
    bool templated = true;
    if (remote) {
        LoadedProvider provider = load_provider_config(dir.path, parser.value(provider_option));
        if (!provider.config)
            return fail(kName, provider.error);
        auto remote_backend = std::make_unique<inference::remote::RemoteBackend>(
            *provider.config, parser.value(model_option));
        model_name = parser.value(model_option);
        device = remote_backend->displayName();
        backend = std::move(remote_backend);
    } else {
        inference::LocalOptions options;
        options.n_ctx = n_ctx;
        options.backend = parser.value(backend_option);
        options.device = parser.value(device_option);
        options.pipeline_cache_dir = storage::vulkan_cache_dir();
        auto local = std::make_unique<inference::LocalBackend>(parser.value(file_option), options);
        QEventLoop loop;
        QString load_error;
        QObject::connect(local.get(), &inference::LocalBackend::loadFinished,
                         [&](bool, const QString& error) {
                             load_error = error;
                             loop.quit();
                         });
        local->load();
        loop.exec();
        if (!local->isLoaded())
            return fail(kName, load_error);
        model_name = local->info().name;
        device = local->info().device;
        templated = local->info().has_chat_template;
        backend = std::move(local);
    }
    chat.setBackend(backend.get());
    if (conversation_id == 0) {
        auto created = chat.newConversation(parser.value(system_option));
        if (!created)
            return fail(kName, created.error().message);
    }
    if (!templated) {
        err() << "no chat template: plain completion\n";
        err().flush();
    }

    if (parser.isSet(message_option)) {
        const bool json = parser.isSet(json_option);
        QString error;
        auto answer = exchange(chat, parser.value(message_option), !json, &error);
        if (!answer)
            return fail(kName, error);
        const GenerationResult& r = answer->result;
        if (json) {
            QJsonObject object{
                {"conversation_id", chat.conversationId()},
                {"message_id", answer->message_id},
                {"text", answer->text},
                {"finish_reason", inference::finishReasonName(r.finish)},
                {"device", device},
                {"dropped_messages", answer->dropped},
            };
            if (r.usage.input_tokens)
                object.insert("tokens_in", static_cast<qint64>(*r.usage.input_tokens));
            if (r.usage.output_tokens)
                object.insert("tokens_out", static_cast<qint64>(*r.usage.output_tokens));
            if (r.ttft_ms)
                object.insert("ttft_ms", *r.ttft_ms);
            if (r.tokens_per_second)
                object.insert("tokens_per_s", *r.tokens_per_second);
            if (!r.error_message.isEmpty())
                object.insert("error", r.error_message);
            out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        } else {
            out() << '\n';
        }
        out().flush();
        if (answer->dropped > 0)
            err() << QStringLiteral("(the %1 oldest messages did not fit the context and were "
                                    "left out)\n")
                         .arg(answer->dropped);
        err() << footer(r, device)
              << QStringLiteral(" conversation %1\n").arg(chat.conversationId());
        err().flush();
        if (r.finish == inference::FinishReason::Error)
            return fail(kName, r.error_message);
        return Ok;
    }

    const bool terminal = isatty(STDIN_FILENO) != 0;
    err() << QStringLiteral("Chatting with %1 on %2 (conversation %3). Ctrl-C stops an answer, "
                            "Ctrl-D leaves.\n")
                 .arg(model_name, device)
                 .arg(chat.conversationId());
    err().flush();
    while (const std::optional<QString> line = read_line(terminal)) {
        if (line->isEmpty())
            continue;
        QString error;
        auto answer = exchange(chat, *line, true, &error);
        out() << '\n';
        out().flush();
        if (!answer) {
            fail(kName, error);
            continue;
        }
        if (answer->dropped > 0)
            err() << QStringLiteral("(the %1 oldest messages no longer fit the context and were "
                                    "left out)\n")
                         .arg(answer->dropped);
        if (!answer->result.error_message.isEmpty())
            err() << "error: " << answer->result.error_message << '\n';
        err() << footer(answer->result, device) << '\n';
        err().flush();
    }
    return Ok;
}

} // namespace kurabe::cli
