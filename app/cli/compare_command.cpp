#include "cli/compare_command.h"

#include "chat/chat_controller.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "cli/providers_command.h"
#include "compare/comparison_export.h"
#include "compare/comparison_run.h"
#include "compare/prompt_set.h"
#include "compare/result_table.h"
#include "compare/target_description.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/model_file_store.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace kurabe::cli {

using namespace compare_cli;

namespace {

const QString kName = QStringLiteral("compare");
constexpr int kMaxTargets = 8;

std::atomic<bool> g_interrupted{false};

extern "C" void on_compare_interrupt(int)
{
    g_interrupted.store(true);
}

// Runs the cells of `comparison` until all are done, printing progress on stderr.
void run_to_end(storage::ComparisonStore& store, const storage::Comparison& comparison,
                app::RunEnvironment environment)
{
    app::ComparisonRun run(store, comparison, std::move(environment));
    const int total = run.promptCount() * run.targetCount();
    int ended = 0;
    QEventLoop loop;
    QObject::connect(&run, &app::ComparisonRun::modelLoading, [&](int, const QString& path) {
        err() << QStringLiteral("loading %1\n").arg(path);
        err().flush();
    });
    QObject::connect(
        &run, &app::ComparisonRun::cellStateChanged, [&](int p, int t, app::CellState state) {
            if (state == app::CellState::Queued || state == app::CellState::Running) {
                return;
            }
            ++ended;
            const app::RunCell& cell = run.cell(p, t);
            QString detail;
            if (state == app::CellState::Failed) {
                detail = QStringLiteral(": ") + cell.result.error_message;
            } else if (cell.result.tokens_per_second) {
                detail =
                    QStringLiteral(" (%1 tokens/s)").arg(*cell.result.tokens_per_second, 0, 'f', 1);
            }
            const int width = 20;
            const int filled = total > 0 ? ended * width / total : width;
            err() << QStringLiteral("[%1%2] %3/%4 %5 · prompt %6: %7%8\n")
                         .arg(QString(filled, QLatin1Char('#')),
                              QString(width - filled, QLatin1Char('.')))
                         .arg(ended)
                         .arg(total)
                         .arg(comparison.targets[static_cast<size_t>(t)].label)
                         .arg(p + 1)
                         .arg(app::cellStateName(state), detail);
            err().flush();
        });
    QObject::connect(&run, &app::ComparisonRun::storageError, [](const QString& message) {
        err() << "kurabe compare: saving failed: " << message << '\n';
        err().flush();
    });
    QObject::connect(&run, &app::ComparisonRun::finished, &loop, &QEventLoop::quit);

    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, on_compare_interrupt);
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (g_interrupted.exchange(false)) {
            err() << "cancelling: the answers so far are kept\n";
            err().flush();
            run.cancelAll();
        }
    });
    poll.start();
    run.start();
    loop.exec();
    std::signal(SIGINT, previous);
}

int run_comparison(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption target_option(
        QStringLiteral("target"),
        QStringLiteral("local:PATH[:PRESET] or provider:NAME/MODEL[:PRESET]; presets: %1.")
            .arg(app::sampling_preset_names().join(QStringLiteral(", "))),
        QStringLiteral("SPEC"));
    const QCommandLineOption prompt_option(
        QStringLiteral("prompt"), QStringLiteral("A prompt (repeatable)."), QStringLiteral("TEXT"));
    const QCommandLineOption prompts_option(
        QStringLiteral("prompts"), QStringLiteral("Prompts from a .csv, .jsonl or text file."),
        QStringLiteral("FILE"));
    const QCommandLineOption system_option(QStringLiteral("system"),
                                           QStringLiteral("System prompt for every prompt "
                                                          "that has none."),
                                           QStringLiteral("TEXT"));
    const QCommandLineOption seed_option(QStringLiteral("seed"),
                                         QStringLiteral("The same seed for every target."),
                                         QStringLiteral("S"));
    const QCommandLineOption temp_option(QStringLiteral("temp"),
                                         QStringLiteral("The same temperature for every target."),
                                         QStringLiteral("T"));
    const QCommandLineOption n_option(
        QStringList{QStringLiteral("n"), QStringLiteral("max-tokens")},
        QStringLiteral("Tokens per answer at most."), QStringLiteral("N"), QStringLiteral("256"));
    const QCommandLineOption check_option(
        QStringLiteral("check"),
        QStringLiteral("A check on every answer: contains:TEXT, regex:RE, json, max-tokens:N, "
                       "max-latency-ms:MS, max-cost-usd:USD (repeatable)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption title_option(QStringLiteral("title"), QStringLiteral("Title."),
                                          QStringLiteral("T"));
    const QCommandLineOption tag_option(QStringLiteral("tag"), QStringLiteral("Tag (repeatable)."),
                                        QStringLiteral("T"));
    const QCommandLineOption out_option(QStringLiteral("out"),
                                        QStringLiteral("Also write FILE.csv|.json|.md|.html."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption backend_option(QStringLiteral("backend"),
                                            QStringLiteral("Local models: cpu, vulkan or auto."),
                                            QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption ctx_option(QStringLiteral("ctx"),
                                        QStringLiteral("Local models: context length."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({target_option, prompt_option, prompts_option, system_option, seed_option,
                       temp_option, n_option, check_option, title_option, tag_option, out_option,
                       backend_option, ctx_option, data_dir_option(), json_option()});
    if (!parser.parse(QStringList{QStringLiteral("kurabe compare")} + args)) {
        return fail(kName, parser.errorText(), Usage);
    }
    const QStringList target_texts = parser.values(target_option);
    if (target_texts.isEmpty() || target_texts.size() > kMaxTargets ||
        parser.isSet(prompt_option) == parser.isSet(prompts_option)) {
        return fail(kName,
                    QStringLiteral("usage: kurabe compare --target SPEC [--target SPEC ...] "
                                   "(--prompt TEXT | --prompts FILE) [--system T] [--seed S] "
                                   "[--temp T] [-n N] [--check SPEC] [--out FILE] [--data-dir "
                                   "DIR] [--json]; 1 to %1 targets")
                        .arg(kMaxTargets),
                    Usage);
    }
    std::vector<app::TargetSpec> specs;
    for (const QString& text : target_texts) {
        QString error;
        std::optional<app::TargetSpec> spec = app::parse_target_spec(text, &error);
        if (!spec) {
            return fail(kName, error, Usage);
        }
        specs.push_back(*spec);
    }
    app::FairRunOptions fair;
    bool ok = true;
    if (parser.isSet(seed_option)) {
        fair.seed = parser.value(seed_option).toULongLong(&ok);
    }
    bool ok_temp = true, ok_n = true, ok_ctx = true;
    if (parser.isSet(temp_option)) {
        fair.temperature = parser.value(temp_option).toDouble(&ok_temp);
    }
    fair.max_tokens = parser.value(n_option).toInt(&ok_n);
    const int n_ctx = parser.value(ctx_option).toInt(&ok_ctx);
    if (!ok || !ok_temp || !ok_n || !ok_ctx || *fair.max_tokens <= 0) {
        return fail(kName, QStringLiteral("--seed, --temp, -n and --ctx take numbers (-n above 0)"),
                    Usage);
    }
    std::vector<app::AnswerCheck> common_checks;
    for (const QString& text : parser.values(check_option)) {
        QString error;
        std::optional<app::AnswerCheck> check = app::parse_answer_check(text, &error);
        if (!check) {
            return fail(kName, error, Usage);
        }
        common_checks.push_back(*check);
    }
    std::vector<app::PromptEntry> prompts;
    if (parser.isSet(prompts_option)) {
        QString error;
        std::optional<std::vector<app::PromptEntry>> loaded =
            app::load_prompt_file(parser.value(prompts_option), &error);
        if (!loaded) {
            return fail(kName, error);
        }
        prompts = std::move(*loaded);
    } else {
        for (const QString& text : parser.values(prompt_option)) {
            prompts.push_back(app::PromptEntry{{}, text, {}});
        }
    }
    if (parser.isSet(out_option) && !app::export_format_for_path(parser.value(out_option))) {
        return fail(kName,
                    QStringLiteral("--out: the file name must end in .csv, .json, .md or "
                                   ".html"),
                    Usage);
    }

    OpenedStore opened = open_store(parser.value(data_dir_option()));
    if (!opened.database) {
        return fail(kName, opened.error);
    }
    storage::ComparisonStore store(*opened.database);
    storage::ModelFileStore model_files(*opened.database);

    storage::NewComparison draft;
    draft.title = parser.isSet(title_option) ? parser.value(title_option)
                                             : app::titleFromMessage(prompts.front().content);
    QStringList labels;
    for (const app::TargetSpec& spec : specs) {
        QString label = spec.label();
        // The same target twice (to see run-to-run variation) gets "(2)", "(3)", ...
        for (int n = 2; labels.contains(label); ++n) {
            label = spec.label() + QStringLiteral(" (%1)").arg(n);
        }
        labels << label;
        draft.targets.push_back(
            storage::NewComparisonTarget{label, app::describe_target(spec, &model_files),
                                         app::target_sampling(spec, fair).toJson()});
    }
    app::RunEnvironment environment;
    for (app::PromptEntry& prompt : prompts) {
        if (prompt.system_prompt.isEmpty()) {
            prompt.system_prompt = parser.value(system_option);
        }
        draft.prompts.push_back(storage::NewComparisonPrompt{prompt.system_prompt, prompt.content});
        std::vector<app::AnswerCheck> checks = common_checks;
        checks.insert(checks.end(), prompt.checks.begin(), prompt.checks.end());
        environment.checks.push_back(std::move(checks));
    }
    storage::StorageResult<qint64> id = store.create(draft, parser.values(tag_option));
    if (!id) {
        return fail(kName, id.error().message);
    }
    storage::StorageResult<storage::Comparison> created = store.comparison(*id);
    if (!created) {
        return fail(kName, created.error().message);
    }
    environment.local_options.n_ctx = n_ctx;
    environment.local_options.backend = parser.value(backend_option);
    environment.local_options.pipeline_cache_dir = storage::vulkan_cache_dir();
    const QString data_dir = opened.data_dir;
    environment.provider_config = [data_dir](const QString& name, QString* error) {
        LoadedProvider provider = load_provider_config(data_dir, name);
        if (!provider.config) {
            *error = provider.error;
        }
        return provider.config;
    };
    err() << QStringLiteral("comparison %1: %2 prompts x %3 targets\n")
                 .arg(*id)
                 .arg(prompts.size())
                 .arg(specs.size());
    err().flush();
    run_to_end(store, *created, std::move(environment));

    storage::StorageResult<storage::Comparison> done = store.comparison(*id);
    if (!done) {
        return fail(kName, done.error().message);
    }
    if (parser.isSet(out_option)) {
        QString error;
        if (!app::write_comparison_export(*done, parser.value(out_option), &error)) {
            return fail(kName, error);
        }
        err() << QStringLiteral("wrote %1\n").arg(parser.value(out_option));
    }
    if (parser.isSet(json_option())) {
        print_json(app::comparison_to_json(*done));
    } else {
        out() << app::comparison_text_table(*done);
        out().flush();
    }
    int failed = 0;
    for (const storage::ComparisonResult& result : done->results) {
        failed += result.metrics.finish_reason == QLatin1String("error") ? 1 : 0;
    }
    if (failed > 0) {
        return fail(kName, QStringLiteral("%1 of %2 answers failed (comparison %3 is saved)")
                               .arg(failed)
                               .arg(done->results.size())
                               .arg(*id));
    }
    err() << QStringLiteral("saved as comparison %1\n").arg(*id);
    err().flush();
    return Ok;
}

} // namespace

int run_compare_command(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("list")) {
        return compare_cli::list(args.mid(1));
    }
    if (sub == QLatin1String("show")) {
        return compare_cli::show(args.mid(1));
    }
    if (sub == QLatin1String("vote")) {
        return compare_cli::vote(args.mid(1));
    }
    if (sub == QLatin1String("rate")) {
        return compare_cli::rate(args.mid(1));
    }
    if (sub == QLatin1String("leaderboard")) {
        return compare_cli::leaderboard(args.mid(1));
    }
    return run_comparison(args);
}

} // namespace kurabe::cli
