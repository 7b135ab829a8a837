#include "cli/bench_command.h"

#include "cli/cli.h"
#include "cli/cli_session.h"
#include "cli/output.h"
#include "cpu/cpu_session.h"
#include "cpu/fast_dot.h"
#include "gguf/gguf_file.h"
#include "model/model.h"
#include "model/synthetic_model.h"
#include "vulkan/vulkan_session.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <thread>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("bench");

struct TestResult
{
    int n_prompt = 0;
    int n_gen = 0;
    std::vector<double> tokens_per_second; // one per repetition
    double mean() const
    {
        double sum = 0;
        for (double v : tokens_per_second)
            sum += v;
        return tokens_per_second.empty() ? 0 : sum / static_cast<double>(tokens_per_second.size());
    }
    double stddev() const
    {
        if (tokens_per_second.size() < 2)
            return 0;
        const double m = mean();
        double sum = 0;
        for (double v : tokens_per_second)
            sum += (v - m) * (v - m);
        return std::sqrt(sum / static_cast<double>(tokens_per_second.size() - 1));
    }
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Token ids spread over the vocabulary; content does not matter for speed.
std::vector<int32_t> bench_tokens(int n, int32_t n_vocab)
{
    std::vector<int32_t> tokens(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        tokens[static_cast<size_t>(i)] = static_cast<int32_t>((1 + 7919LL * i) % n_vocab);
    return tokens;
}

} // namespace

int run_bench_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption model_option(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                          QStringLiteral("GGUF model file."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption synthetic(
        QStringLiteral("synthetic"),
        QStringLiteral("Random-weight model of SHAPE (llama-1b, "
                       "llama-3b, llama-8b, qwen2.5-0.5b, "
                       "qwen2.5-7b) and TYPE (Q4_0, Q4_K, Q8_0, ...)."),
        QStringLiteral("SHAPE:TYPE"));
    const QCommandLineOption backend(QStringLiteral("backend"),
                                     QStringLiteral("cpu, vulkan or auto."), QStringLiteral("NAME"),
                                     QStringLiteral("cpu"));
    const QCommandLineOption device_option(QStringLiteral("device"),
                                           QStringLiteral("Vulkan device: name part or index."),
                                           QStringLiteral("NAME"));
    const QCommandLineOption prompt(QStringList{QStringLiteral("p"), QStringLiteral("n-prompt")},
                                    QStringLiteral("Prompt tokens (0: skip)."), QStringLiteral("N"),
                                    QStringLiteral("512"));
    const QCommandLineOption gen(QStringList{QStringLiteral("n"), QStringLiteral("n-gen")},
                                 QStringLiteral("Generated tokens (0: skip)."), QStringLiteral("N"),
                                 QStringLiteral("128"));
    const QCommandLineOption reps(QStringList{QStringLiteral("r"), QStringLiteral("repetitions")},
                                  QStringLiteral("Repetitions."), QStringLiteral("N"),
                                  QStringLiteral("3"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions(
        {model_option, synthetic, backend, device_option, prompt, gen, reps, threads, json});
    if (!parser.parse(QStringList{QStringLiteral("kurabe bench")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(model_option) == parser.isSet(synthetic))
        return fail(k_name, QStringLiteral("give either -m FILE or --synthetic SHAPE:TYPE"), Usage);
    bool ok_p = false, ok_n = false, ok_r = false, ok_t = false;
    const int n_prompt = parser.value(prompt).toInt(&ok_p);
    const int n_gen = parser.value(gen).toInt(&ok_n);
    const int repetitions = parser.value(reps).toInt(&ok_r);
    const int n_threads = parser.value(threads).toInt(&ok_t);
    if (!ok_p || !ok_n || !ok_r || !ok_t || n_prompt < 0 || n_gen < 0 || repetitions < 1 ||
        n_threads < 0)
        return fail(k_name, QStringLiteral("-p, -n, -r and --threads take whole numbers"), Usage);

    Result<std::unique_ptr<Model>> model = Error{};
    QString model_label;
    if (parser.isSet(synthetic)) {
        const QStringList spec = parser.value(synthetic).split(QLatin1Char(':'));
        if (spec.size() != 2)
            return fail(k_name, QStringLiteral("--synthetic takes SHAPE:TYPE, e.g. llama-1b:Q4_0"),
                        Usage);
        err() << "building a synthetic " << parser.value(synthetic) << " model in memory...\n";
        err().flush();
        model = build_synthetic_model(spec[0].toStdString(), spec[1].toStdString());
        model_label = QStringLiteral("synthetic ") + parser.value(synthetic);
    } else {
        model = Model::load(parser.value(model_option).toStdString());
        model_label = QFileInfo(parser.value(model_option)).fileName();
    }
    if (!model)
        return fail(k_name, QString::fromStdString(model.message()));
    const Model& m = **model;
    const int32_t n_vocab = m.hparams().n_vocab;

    SessionOptions options;
    options.n_ctx = std::max(n_prompt + n_gen, 16);
    options.n_batch = 256;
    options.n_threads = n_threads;
    auto opened = open_cli_session(m, options, parser.value(backend), parser.value(device_option));
    if (!opened)
        return fail(k_name, QString::fromStdString(opened.message()));
    Session* session = opened->get();
    const auto* cpu = dynamic_cast<const CpuSession*>(session);
    const auto* vulkan = dynamic_cast<const VulkanSession*>(session);
    const QString device =
        cpu ? QStringLiteral("CPU (%1 threads, %2)")
                  .arg(cpu->threads())
                  .arg(QLatin1String(row_dot_isa()))
            : QStringLiteral("Vulkan (%1)").arg(QString::fromStdString(session->device_name()));

    std::vector<TestResult> results;
    if (n_prompt > 0) {
        TestResult r{n_prompt, 0, {}};
        const std::vector<int32_t> tokens = bench_tokens(n_prompt, n_vocab);
        for (int rep = 0; rep < repetitions + 1; ++rep) { // the first run warms up
            session->truncate(0);
            const auto start = std::chrono::steady_clock::now();
            if (auto e = session->eval(tokens, false); !e)
                return fail(k_name, QString::fromStdString(e.message()));
            if (rep > 0)
                r.tokens_per_second.push_back(n_prompt / seconds_since(start));
        }
        results.push_back(r);
    }
    if (n_gen > 0) {
        TestResult r{0, n_gen, {}};
        const std::vector<int32_t> tokens = bench_tokens(n_gen, n_vocab);
        for (int rep = 0; rep < repetitions + 1; ++rep) {
            session->truncate(0);
            const auto start = std::chrono::steady_clock::now();
            for (int i = 0; i < n_gen; ++i) {
                const int32_t one[] = {tokens[static_cast<size_t>(i)]};
                if (auto e = session->eval(one, false); !e)
                    return fail(k_name, QString::fromStdString(e.message()));
            }
            if (rep > 0)
                r.tokens_per_second.push_back(n_gen / seconds_since(start));
        }
        results.push_back(r);
    }

    const uint64_t model_size = m.file().file_size();
    const double bytes_per_token = static_cast<double>(m.bytes_per_token());
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const TestResult& r : results) {
            QJsonArray samples;
            for (double v : r.tokens_per_second)
                samples.append(v);
            array.append(QJsonObject{
                {"model", model_label},
                {"model_size", static_cast<qint64>(model_size)},
                {"model_n_params", static_cast<qint64>(m.parameter_count())},
                {"backend", QString::fromStdString(session->backend_name())},
                {"device", device},
                {"n_threads", cpu ? cpu->threads() : 0},
                {"dispatches_per_token",
                 vulkan ? QJsonValue(static_cast<qint64>(vulkan->last_dispatches()))
                        : QJsonValue()},
                {"n_prompt", r.n_prompt},
                {"n_gen", r.n_gen},
                {"avg_ts", r.mean()},
                {"stddev_ts", r.stddev()},
                {"samples_ts", samples},
                {"bytes_per_token", bytes_per_token},
                {"gbps", r.n_gen > 0 ? bytes_per_token * r.mean() / 1e9 : QJsonValue()},
            });
        }
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        out().flush();
        return Ok;
    }
    out() << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                 .arg(QStringLiteral("model"), -28)
                 .arg(QStringLiteral("size"), 10)
                 .arg(QStringLiteral("backend"), -30)
                 .arg(QStringLiteral("test"), 6)
                 .arg(QStringLiteral("t/s"), 16)
                 .arg(QStringLiteral("GB/s"), 6);
    out() << "|" << QString(30, QLatin1Char('-')) << "|" << QString(12, QLatin1Char('-')) << "|"
          << QString(32, QLatin1Char('-')) << "|" << QString(8, QLatin1Char('-')) << "|"
          << QString(18, QLatin1Char('-')) << "|" << QString(8, QLatin1Char('-')) << "|\n";
    for (const TestResult& r : results) {
        const QString test = r.n_prompt > 0 ? QStringLiteral("pp%1").arg(r.n_prompt)
                                            : QStringLiteral("tg%1").arg(r.n_gen);
        const QString gbps = r.n_gen > 0 ? QString::number(bytes_per_token * r.mean() / 1e9, 'f', 2)
                                         : QStringLiteral("-");
        out() << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                     .arg(model_label, -28)
                     .arg(QStringLiteral("%1 MiB").arg(static_cast<double>(model_size) / 1048576.0,
                                                       0, 'f', 0),
                          10)
                     .arg(device, -30)
                     .arg(test, 6)
                     .arg(QStringLiteral("%1 ± %2")
                              .arg(r.mean(), 0, 'f', 2)
                              .arg(r.stddev(), 0, 'f', 2),
                          16)
                     .arg(gbps, 6);
    }
    out() << QStringLiteral("weights read per generated token: %1 MB\n")
                 .arg(bytes_per_token / 1e6, 0, 'f', 1);
    if (vulkan)
        out() << QStringLiteral("Vulkan dispatches per generated token: %1\n")
                     .arg(vulkan->last_dispatches());
    out().flush();
    return Ok;
}

} // namespace kurabe::cli
