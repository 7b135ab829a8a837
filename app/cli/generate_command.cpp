#include "cli/generate_command.h"

#include "chat_template/model_prompt.h"
#include "cli/cli.h"
#include "cli/cli_session.h"
#include "cli/output.h"
#include "cli/providers_command.h"
#include "generation/generator.h"
#include "gguf/gguf_file.h"
#include "model/model.h"
#include "tokenizer/tokenizer.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>
#include <cstdio>

namespace kurabe::cli {

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_interrupt(int)
{
    g_cancel.store(true);
}

} // namespace

int run_generate_command(const QStringList& args)
{
    const QString name = QStringLiteral("generate");
    QCommandLineParser parser;
    const QCommandLineOption model_option(
        QStringList{QStringLiteral("m"), QStringLiteral("model")},
        QStringLiteral("GGUF model file (with --provider: the provider's model id)."),
        QStringLiteral("FILE"));
    const QCommandLineOption provider_option(
        QStringLiteral("provider"),
        QStringLiteral("Generate with this remote provider (see kurabe providers) instead of a "
                       "local file."),
        QStringLiteral("NAME"));
    const QCommandLineOption data_dir_option(QStringLiteral("data-dir"),
                                             QStringLiteral("With --provider: the data directory "
                                                            "the provider is configured in."),
                                             QStringLiteral("DIR"));
    const QCommandLineOption prompt_option(
        QStringList{QStringLiteral("p"), QStringLiteral("prompt")}, QStringLiteral("The prompt."),
        QStringLiteral("TEXT"));
    const QCommandLineOption chat(QStringLiteral("chat"),
                                  QStringLiteral("Wrap the prompt as a user message in the "
                                                 "model's chat template."));
    const QCommandLineOption n_option(
        QStringList{QStringLiteral("n"), QStringLiteral("max-tokens")},
        QStringLiteral("Tokens to generate at most."), QStringLiteral("N"), QStringLiteral("256"));
    const QCommandLineOption temp(QStringLiteral("temp"),
                                  QStringLiteral("Temperature (0: greedy, no penalties)."),
                                  QStringLiteral("T"), QStringLiteral("0.8"));
    const QCommandLineOption top_k(QStringLiteral("top-k"), QStringLiteral("Top-k (0: off)."),
                                   QStringLiteral("K"), QStringLiteral("40"));
    const QCommandLineOption top_p(QStringLiteral("top-p"), QStringLiteral("Top-p (1: off)."),
                                   QStringLiteral("P"), QStringLiteral("0.95"));
    const QCommandLineOption min_p(QStringLiteral("min-p"), QStringLiteral("Min-p (0: off)."),
                                   QStringLiteral("P"), QStringLiteral("0.05"));
    const QCommandLineOption repeat(QStringLiteral("repeat-penalty"),
                                    QStringLiteral("Repetition penalty (1: off)."),
                                    QStringLiteral("R"), QStringLiteral("1.0"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption ctx(QStringLiteral("ctx"), QStringLiteral("Context length."),
                                 QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption backend(
        QStringLiteral("backend"),
        QStringLiteral("cpu, vulkan or auto (Vulkan on a GPU, else the CPU)."),
        QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption device(QStringLiteral("device"),
                                    QStringLiteral("Vulkan device: name part or index."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption chat_format(
        QStringLiteral("chat-format"),
        QStringLiteral("With --chat: a built-in format instead of the model's template (chatml, "
                       "llama2, llama3, gemma, phi3, mistral)."),
        QStringLiteral("NAME"));
    const QCommandLineOption json_option(
        QStringLiteral("json"),
        QStringLiteral("Print one JSON object (text and timings) instead of streaming."));
    parser.addOptions({model_option, prompt_option, chat, n_option, temp, top_k, top_p, min_p,
                       repeat, seed, ctx, threads, backend, device, chat_format, json_option,
                       provider_option, data_dir_option});
    if (!parser.parse(QStringList{QStringLiteral("kurabe generate")} + args))
        return fail(name, parser.errorText(), Usage);
    if (!parser.isSet(model_option) || !parser.isSet(prompt_option))
        return fail(name,
                    QStringLiteral("usage: kurabe generate (-m FILE | --provider NAME -m MODEL) "
                                   "-p TEXT [--chat] [-n N] [--temp T] [--top-k K] [--top-p P] "
                                   "[--seed S]"),
                    Usage);

    bool ok[8] = {};
    GenerationOptions options;
    options.max_tokens = parser.value(n_option).toInt(&ok[0]);
    options.sampling.temperature = parser.value(temp).toFloat(&ok[1]);
    options.sampling.top_k = parser.value(top_k).toInt(&ok[2]);
    options.sampling.top_p = parser.value(top_p).toFloat(&ok[3]);
    options.sampling.min_p = parser.value(min_p).toFloat(&ok[4]);
    options.sampling.repeat_penalty = parser.value(repeat).toFloat(&ok[5]);
    options.sampling.seed = parser.value(seed).toULongLong(&ok[6]);
    SessionOptions session_options;
    session_options.n_ctx = parser.value(ctx).toInt(&ok[7]);
    bool ok_threads = false;
    session_options.n_threads = parser.value(threads).toInt(&ok_threads);
    for (bool b : ok) {
        if (!b || !ok_threads)
            return fail(name, QStringLiteral("a numeric option has a value that is not a number"),
                        Usage);
    }

    if (parser.isSet(provider_option)) {
        // A remote model: the prompt goes as one user message (providers apply their own chat
        // format), with the sampling options the user set explicitly.
        inference::GenerationRequest request;
        request.messages.append(
            inference::ChatMessage{QStringLiteral("user"), parser.value(prompt_option)});
        inference::SamplingParams& sampling = request.sampling;
        sampling.max_tokens = options.max_tokens;
        sampling.temperature = options.sampling.temperature;
        if (parser.isSet(top_p))
            sampling.top_p = options.sampling.top_p;
        if (parser.isSet(top_k))
            sampling.top_k = options.sampling.top_k;
        if (parser.isSet(min_p))
            sampling.min_p = options.sampling.min_p;
        if (parser.isSet(repeat))
            sampling.repeat_penalty = options.sampling.repeat_penalty;
        if (parser.isSet(seed))
            sampling.seed = options.sampling.seed;
        return run_provider_generation(parser.value(data_dir_option), parser.value(provider_option),
                                       parser.value(model_option), request,
                                       parser.isSet(json_option));
    }

    auto model = Model::load(parser.value(model_option).toStdString());
    if (!model)
        return fail(name, QString::fromStdString(model.message()));
    auto tokenizer = Tokenizer::from_gguf((*model)->file());
    if (!tokenizer)
        return fail(name, QString::fromStdString(tokenizer.message()));

    std::string prompt = parser.value(prompt_option).toStdString();
    bool add_special = true;
    bool parse_special = false;
    if (parser.isSet(chat)) {
        const json::Value messages(
            json::Array{json::Value(json::Object{{"role", "user"}, {"content", prompt}})});
        chat_template::RenderFailure failure;
        ModelPromptOptions prompt_options;
        prompt_options.forced_format = parser.value(chat_format).toStdString();
        Result<ModelPrompt> rendered =
            render_model_prompt((*model)->file(), messages, prompt_options, &failure);
        if (!rendered)
            return fail(name, QString::fromStdString(rendered.message()),
                        failure.kind == chat_template::ErrorKind::raised ? TemplateRaised
                                                                         : Failure);
        if (!rendered->templated) {
            err() << "no chat template: plain completion\n";
            err().flush();
        } else {
            prompt = rendered->text;
            add_special = rendered->add_bos;
            parse_special = true; // the template's markers are special tokens
        }
    }
    const std::vector<int32_t> tokens = (*tokenizer)->encode(prompt, add_special, parse_special);
    if (session_options.n_ctx <= 0)
        session_options.n_ctx =
            std::min((*model)->hparams().n_ctx_train,
                     static_cast<int32_t>(tokens.size()) +
                         (options.max_tokens > 0 ? options.max_tokens : 4096) + 1);
    auto opened =
        open_cli_session(**model, session_options, parser.value(backend), parser.value(device));
    if (!opened)
        return fail(name, QString::fromStdString(opened.message()));
    Session* session = opened->get();

    g_cancel.store(false);
    const bool json = parser.isSet(json_option);
    std::string text; // collected for --json
    auto previous = std::signal(SIGINT, on_interrupt);
    auto stats = generate(
        *session, **tokenizer, tokens, options,
        [&](std::string_view piece) {
            if (json) {
                text.append(piece);
                return;
            }
            std::fwrite(piece.data(), 1, piece.size(), stdout);
            std::fflush(stdout);
        },
        &g_cancel);
    std::signal(SIGINT, previous);
    if (!stats)
        return fail(name, QString::fromStdString(stats.message()));
    if (json) {
        const QJsonObject result{
            {"text", QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))},
            {"prompt_tokens", stats->prompt_tokens},
            {"generated_tokens", stats->generated_tokens},
            {"prompt_ms", stats->prompt_ms},
            {"prompt_tokens_per_second", stats->prompt_tokens_per_second()},
            {"generation_ms", stats->generation_ms},
            {"generation_tokens_per_second", stats->generation_tokens_per_second()},
            {"ttft_ms", stats->ttft_ms},
            {"finish_reason", QLatin1String(stop_reason_name(stats->reason))},
            {"backend", QString::fromStdString(session->backend_name())},
            {"device", QString::fromStdString(session->device_name())},
        };
        out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
        out().flush();
        return Ok;
    }
    err() << QStringLiteral("\n[%1 prompt tokens in %2 ms (%3 tokens/s); %4 tokens generated, "
                            "%5 tokens/s; first token after %6 ms; stopped: %7; %8]\n")
                 .arg(stats->prompt_tokens)
                 .arg(stats->prompt_ms, 0, 'f', 1)
                 .arg(stats->prompt_tokens_per_second(), 0, 'f', 1)
                 .arg(stats->generated_tokens)
                 .arg(stats->generation_tokens_per_second(), 0, 'f', 1)
                 .arg(stats->ttft_ms, 0, 'f', 1)
                 .arg(QLatin1String(stop_reason_name(stats->reason)))
                 .arg(QString::fromStdString(session->device_name()));
    err().flush();
    return Ok;
}

} // namespace kurabe::cli
