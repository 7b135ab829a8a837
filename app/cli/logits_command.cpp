#include "cli/logits_command.h"

#include "cli/cli.h"
#include "cli/cli_session.h"
#include "cli/output.h"
#include "gguf/gguf_file.h"
#include "model/model.h"
#include "sampling/sampler.h"
#include "tokenizer/tokenizer.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <numeric>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("logits");

QJsonArray top_logits(std::span<const float> logits, int k)
{
    std::vector<int32_t> ids(logits.size());
    std::iota(ids.begin(), ids.end(), 0);
    const size_t n = std::min<size_t>(static_cast<size_t>(k), ids.size());
    std::partial_sort(
        ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n), ids.end(),
        [&](int32_t a, int32_t b) {
            return logits[static_cast<size_t>(a)] > logits[static_cast<size_t>(b)] ||
                   (logits[static_cast<size_t>(a)] == logits[static_cast<size_t>(b)] && a < b);
        });
    QJsonArray top;
    for (size_t i = 0; i < n; ++i)
        top.append(QJsonArray{ids[i], static_cast<double>(logits[static_cast<size_t>(ids[i])])});
    return top;
}

} // namespace

QList<PromptSpec> parse_prompts_file(const QString& content)
{
    QList<PromptSpec> prompts;
    QStringList lines = content.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast(); // the file's final newline ends the last line, it is not content
    QStringList current;
    auto finish = [&] {
        PromptSpec spec;
        if (!current.isEmpty() && current.front() == QLatin1String("@raw")) {
            spec.add_special = false;
            current.removeFirst();
        }
        spec.text = current.join(QLatin1Char('\n'));
        prompts.append(spec);
        current.clear();
    };
    for (const QString& line : lines) {
        if (line == QLatin1String("----"))
            finish();
        else
            current.append(line);
    }
    finish();
    return prompts;
}

int run_logits_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption model_option(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                          QStringLiteral("GGUF model file."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption prompts_option(QStringLiteral("prompts"),
                                            QStringLiteral("Prompts file (separated by ----)."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption top_option(QStringLiteral("top"),
                                        QStringLiteral("Logits per position."), QStringLiteral("K"),
                                        QStringLiteral("20"));
    const QCommandLineOption greedy_option(QStringLiteral("greedy"),
                                           QStringLiteral("Greedy continuation length."),
                                           QStringLiteral("N"), QStringLiteral("24"));
    const QCommandLineOption backend(
        QStringLiteral("backend"),
        QStringLiteral("cpu, vulkan or auto (Vulkan on a GPU, else the CPU)."),
        QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption device(QStringLiteral("device"),
                                    QStringLiteral("Vulkan device: name part or index."),
                                    QStringLiteral("NAME"));
    parser.addOptions({model_option, prompts_option, top_option, greedy_option, backend, device});
    if (!parser.parse(QStringList{QStringLiteral("kurabe logits")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (!parser.isSet(model_option) || !parser.isSet(prompts_option))
        return fail(k_name,
                    QStringLiteral("usage: kurabe logits -m FILE --prompts FILE [--top K] "
                                   "[--greedy N] [--backend cpu|vulkan|auto] [--device NAME]"),
                    Usage);
    bool ok_top = false, ok_greedy = false;
    const int top_k = parser.value(top_option).toInt(&ok_top);
    const int greedy_n = parser.value(greedy_option).toInt(&ok_greedy);
    if (!ok_top || !ok_greedy || top_k < 1 || greedy_n < 0)
        return fail(k_name, QStringLiteral("--top and --greedy take whole numbers"), Usage);

    QFile prompts_file(parser.value(prompts_option));
    if (!prompts_file.open(QIODevice::ReadOnly))
        return fail(k_name, QStringLiteral("cannot read %1: %2")
                                .arg(prompts_file.fileName(), prompts_file.errorString()));
    const QList<PromptSpec> prompts = parse_prompts_file(QString::fromUtf8(prompts_file.readAll()));

    auto model = Model::load(parser.value(model_option).toStdString());
    if (!model)
        return fail(k_name, QString::fromStdString(model.message()));
    auto tokenizer = Tokenizer::from_gguf((*model)->file());
    if (!tokenizer)
        return fail(k_name, QString::fromStdString(tokenizer.message()));

    // One session for every prompt (rewound between them), sized for the longest.
    std::vector<std::vector<int32_t>> prompt_tokens;
    SessionOptions options;
    options.n_batch = 1;
    for (const PromptSpec& prompt : prompts) {
        prompt_tokens.push_back((*tokenizer)
                                    ->encode(prompt.text.toStdString(), prompt.add_special,
                                             /*parse_special=*/false));
        if (prompt_tokens.back().empty())
            return fail(k_name, QStringLiteral("a prompt tokenizes to nothing"));
        const auto n = static_cast<int32_t>(prompt_tokens.back().size());
        options.n_ctx = std::max(options.n_ctx, n + greedy_n + 1);
        options.n_batch = std::max(options.n_batch, n);
    }
    auto opened = open_cli_session(**model, options, parser.value(backend), parser.value(device));
    if (!opened)
        return fail(k_name, QString::fromStdString(opened.message()));
    Session* session = opened->get();

    QJsonArray cases;
    for (qsizetype i = 0; i < prompts.size(); ++i) {
        const PromptSpec& prompt = prompts[i];
        const std::vector<int32_t>& tokens = prompt_tokens[static_cast<size_t>(i)];
        session->truncate(0);
        if (auto r = session->eval(tokens, true); !r)
            return fail(k_name, QString::fromStdString(r.message()));

        QJsonArray top;
        for (size_t p = 0; p < tokens.size(); ++p)
            top.append(top_logits(session->logits(static_cast<int64_t>(p)), top_k));
        QJsonArray greedy;
        std::vector<int32_t> greedy_tokens;
        std::vector<float> last(session->logits(static_cast<int64_t>(tokens.size()) - 1).begin(),
                                session->logits(static_cast<int64_t>(tokens.size()) - 1).end());
        for (int step = 0; step < greedy_n; ++step) {
            const int32_t next = argmax(last);
            greedy.append(next);
            greedy_tokens.push_back(next);
            if (step + 1 == greedy_n)
                break;
            const int32_t one[] = {next};
            if (auto r = session->eval(one, false); !r)
                return fail(k_name, QString::fromStdString(r.message()));
            last.assign(session->logits(0).begin(), session->logits(0).end());
        }
        QJsonArray token_array;
        for (int32_t t : tokens)
            token_array.append(t);
        const std::string greedy_text = (*tokenizer)->decode(greedy_tokens);
        cases.append(QJsonObject{
            {"prompt", prompt.text},
            {"add_special", prompt.add_special},
            {"tokens", token_array},
            {"top", top},
            {"greedy", greedy},
            // fromUtf8 turns invalid sequences into U+FFFD, as the reference does.
            {"greedy_text",
             QString::fromUtf8(greedy_text.data(), static_cast<qsizetype>(greedy_text.size()))},
        });
    }
    const QJsonObject root{
        {"model", QFileInfo(parser.value(model_option)).fileName()},
        {"n_vocab", (*model)->hparams().n_vocab},
        {"cases", cases},
    };
    out() << QJsonDocument(root).toJson(QJsonDocument::Compact) << '\n';
    out().flush();
    return Ok;
}

} // namespace kurabe::cli
