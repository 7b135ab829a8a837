// The comparison scheduler on real inputs: the real stories260K model with two presets and the
// fake OpenAI-compatible provider, all saved in a real database. Checks that answers stream
// into their own cells, that the metrics are present and sane, that local cells run one at a
// time on one loaded model and remote ones within the provider's limit, and that cancelling
// and rerunning cells do what they say.
#include "common/test_data.h"
#include "compare/comparison_run.h"
#include "compare/target_description.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "storage/schema/schema.h"
#include "version.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace kurabe;
using namespace kurabe::app;
using kurabe::test::MockProviderServer;
using kurabe::test::MockResponse;

namespace {

constexpr int kTimeoutMs = 180'000;

inference::remote::ProviderConfig mock_config(const MockProviderServer& server, int limit)
{
    inference::remote::ProviderConfig config;
    config.name = QStringLiteral("mock");
    config.preset = QStringLiteral("custom");
    config.kind = inference::remote::ProviderKind::OpenAiCompatible;
    config.base_url = server.url(QStringLiteral("/v1"));
    config.max_concurrent = limit;
    // kOpenAiStream reports 1M tokens in and 0.5M out: 1 * $1 + 0.5 * $2 = $2.
    config.prices.insert(QStringLiteral("tiny"), {1.0, 2.0});
    config.retry.max_retries = 0;
    return config;
}

MockResponse answer(int chunk_delay_ms = 0)
{
    MockResponse response;
    response.body = test::kOpenAiStream;
    response.chunk_delay_ms = chunk_delay_ms;
    return response;
}

// Records what every cell went through.
struct CellLog
{
    std::map<std::pair<int, int>, QString> streamed;
    std::map<std::pair<int, int>, QList<CellState>> states;
    int running_local = 0, running_remote = 0;
    int most_local = 0, most_remote = 0;
};

} // namespace

class CompareRunTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        dir_ = std::make_unique<QTemporaryDir>();
        auto opened = storage::open_kurabe_database(storage::database_path(dir_->path()),
                                                    storage::OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        database_ = std::move(*opened);
        store_ = std::make_unique<storage::ComparisonStore>(*database_);
    }

    void cleanup()
    {
        store_.reset();
        database_.reset();
        dir_.reset();
    }

    void local_presets_and_a_provider_stream_into_their_cells()
    {
        KURABE_REQUIRE_DATA(models);
        const QString model = models + QStringLiteral("/real/stories260K.gguf");
        MockProviderServer server;
        for (int i = 0; i < 2; ++i) {
            server.enqueue(answer(5));
        }
        const std::vector<QString> specs{QStringLiteral("local:%1:greedy").arg(model),
                                         QStringLiteral("local:%1:creative").arg(model),
                                         QStringLiteral("provider:mock/tiny")};
        const qint64 id =
            create(specs, {QStringLiteral("Once upon a time"), QStringLiteral("The little dog")});
        RunEnvironment environment = make_environment(server, 1);
        environment.checks = {{*parse_answer_check(QStringLiteral("max-tokens:12"), &error_)}, {}};
        ComparisonRun run(*store_, store_->comparison(id).value(), environment);
        CellLog log;
        watch(run, log, 2);
        QSignalSpy loading(&run, &ComparisonRun::modelLoading);
        QSignalSpy finished(&run, &ComparisonRun::finished);
        run.start();
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(finished.count(), 1);

        // One load for both presets of the same file; local cells one at a time; remote ones
        // within the provider's limit of 1.
        QCOMPARE(loading.count(), 1);
        QCOMPARE(log.most_local, 1);
        QCOMPARE(log.most_remote, 1);
        QCOMPARE(server.requests.size(), 2);

        const storage::Comparison saved = store_->comparison(id).value();
        QCOMPARE(saved.results.size(), size_t{6});
        for (int p = 0; p < 2; ++p) {
            for (int t = 0; t < 3; ++t) {
                const RunCell& cell = run.cell(p, t);
                const QString where = QStringLiteral("prompt %1 target %2").arg(p).arg(t);
                QVERIFY2(cell.state == CellState::Done, qPrintable(where));
                QCOMPARE(log.states[std::make_pair(p, t)],
                         QList<CellState>({CellState::Running, CellState::Done}));
                // What streamed into this cell is its answer, and what was saved.
                QCOMPARE(log.streamed[std::make_pair(p, t)], cell.text);
                QVERIFY2(!cell.text.isEmpty(), qPrintable(where));
                const storage::ComparisonResult* stored = find(saved, p, t);
                QVERIFY(stored);
                QCOMPARE(stored->id, cell.result_id);
                QCOMPARE(stored->content, cell.text);
                check_metrics(*stored, t < 2, where);
            }
        }
        // The same greedy model on two prompts gave two different continuations, and the
        // remote answer is the fake provider's.
        QVERIFY(run.cell(0, 0).text != run.cell(1, 0).text);
        QCOMPARE(run.cell(0, 2).text, QStringLiteral("Hello, world"));
        QCOMPARE(*find(saved, 0, 2)->metrics.cost_usd, 2.0);

        // How each ran is kept: the file's hash and quantization, device, engine version.
        const QJsonObject details = find(saved, 0, 0)->measurements.details;
        const QJsonObject target = details.value(QStringLiteral("target")).toObject();
        QCOMPARE(target.value(QStringLiteral("sha256")).toString().size(), 64);
        QVERIFY(!target.value(QStringLiteral("quantization")).toString().isEmpty());
        QCOMPARE(details.value(QStringLiteral("backend")).toString(), QStringLiteral("cpu"));
        QVERIFY(!details.value(QStringLiteral("device")).toString().isEmpty());
        QCOMPARE(details.value(QStringLiteral("engine_version")).toString(),
                 QStringLiteral(KURABE_VERSION));
        // The check ran on prompt 1 only: n = 12 tokens at most, so it passed.
        const QJsonArray checks = details.value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 1);
        QCOMPARE(checks[0].toObject().value(QStringLiteral("passed")).toBool(), true);
        QVERIFY(!find(saved, 1, 0)->measurements.details.contains(QStringLiteral("checks")));

        // Rerunning the greedy cell replaces its answer with the same text (greedy is
        // deterministic) in the same row.
        const QString before = run.cell(0, 0).text;
        const qint64 row = run.cell(0, 0).result_id;
        QVERIFY(run.rerunCell(0, 0));
        QVERIFY(!run.rerunCell(0, 0)); // already queued
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(run.cell(0, 0).state, CellState::Done);
        QCOMPARE(run.cell(0, 0).text, before);
        QCOMPARE(run.cell(0, 0).result_id, row);
        // At most one more load (none when the rerun came before the idle model was unloaded).
        QVERIFY(loading.count() <= 2);
        QCOMPARE(store_->result(row).value().content, before);
    }

    void cancelling_keeps_what_streamed()
    {
        MockProviderServer server;
        MockResponse stalled = answer();
        stalled.end = MockResponse::End::Stall;
        // Only the first event ("Hello"), then silence.
        stalled.end_after = test::kOpenAiStream.indexOf("\n\n") + 2;
        server.enqueue(stalled);
        const qint64 id = create({QStringLiteral("provider:mock/tiny")},
                                 {QStringLiteral("first"), QStringLiteral("second")});
        ComparisonRun run(*store_, store_->comparison(id).value(), make_environment(server, 1));
        CellLog log;
        watch(run, log, 0);
        QSignalSpy finished(&run, &ComparisonRun::finished);
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(log.streamed[std::make_pair(0, 0)], QStringLiteral("Hello"),
                                  kTimeoutMs);
        // The second prompt waits for the provider's only slot.
        QCOMPARE(run.cell(1, 0).state, CellState::Queued);
        run.cancelCell(1, 0);
        QCOMPARE(run.cell(1, 0).state, CellState::Cancelled);
        run.cancelAll();
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(run.cell(0, 0).state, CellState::Cancelled);
        QCOMPARE(server.requests.size(), 1); // the cancelled queued cell never asked
        const storage::ComparisonResult kept = store_->result(run.cell(0, 0).result_id).value();
        QCOMPARE(kept.content, QStringLiteral("Hello"));
        QCOMPARE(kept.metrics.finish_reason, QStringLiteral("cancelled"));
        QCOMPARE(store_->comparison(id).value().results.size(), size_t{1});

        // A cancelled cell can run again.
        server.enqueue(answer());
        QVERIFY(run.rerunCell(1, 0));
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(run.cell(1, 0).state, CellState::Done);
        QCOMPARE(run.cell(1, 0).text, QStringLiteral("Hello, world"));

        // Reopened (after a restart), the comparison shows what was saved and runs nothing
        // that already ended.
        ComparisonRun reopened(*store_, store_->comparison(id).value(),
                               make_environment(server, 1));
        QCOMPARE(reopened.cell(0, 0).state, CellState::Cancelled);
        QCOMPARE(reopened.cell(0, 0).text, QStringLiteral("Hello"));
        QCOMPARE(reopened.cell(1, 0).state, CellState::Done);
        QCOMPARE(reopened.cell(1, 0).text, QStringLiteral("Hello, world"));
        QSignalSpy reopened_finished(&reopened, &ComparisonRun::finished);
        reopened.start();
        QVERIFY(reopened_finished.wait(kTimeoutMs));
        QCOMPARE(server.requests.size(), 2);
    }

    void unusable_targets_fail_their_cells_with_the_reason_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("says");
        QTest::addRow("missing model file")
            << QStringLiteral("local:%1/no-such-model.gguf").arg(QDir::tempPath())
            << "no-such-model.gguf";
        QTest::addRow("unknown provider") << "provider:nobody/tiny"
                                          << "no provider nobody";
    }

    void unusable_targets_fail_their_cells_with_the_reason()
    {
        QFETCH(QString, spec);
        QFETCH(QString, says);
        MockProviderServer server;
        const qint64 id = create({spec}, {QStringLiteral("a"), QStringLiteral("b")});
        ComparisonRun run(*store_, store_->comparison(id).value(), make_environment(server, 2));
        QSignalSpy finished(&run, &ComparisonRun::finished);
        run.start();
        QVERIFY(finished.wait(kTimeoutMs));
        const storage::Comparison saved = store_->comparison(id).value();
        QCOMPARE(saved.results.size(), size_t{2});
        for (int p = 0; p < 2; ++p) {
            QCOMPARE(run.cell(p, 0).state, CellState::Failed);
            const storage::ComparisonResult* stored = find(saved, p, 0);
            QVERIFY(stored);
            QVERIFY2(stored->metrics.error.contains(says), qPrintable(stored->metrics.error));
            QCOMPARE(stored->metrics.finish_reason, QStringLiteral("error"));
        }
        QCOMPARE(server.requests.size(), 0);
    }

private:
    qint64 create(const std::vector<QString>& specs, const QStringList& prompts)
    {
        storage::NewComparison draft;
        draft.title = QStringLiteral("run test");
        FairRunOptions fair;
        fair.seed = 7;
        fair.max_tokens = 12;
        for (const QString& text : specs) {
            const std::optional<TargetSpec> spec = parse_target_spec(text, &error_);
            if (!spec) {
                qFatal("bad spec %s", qPrintable(error_));
            }
            draft.targets.push_back({spec->label(), describe_target(*spec, nullptr),
                                     target_sampling(*spec, fair).toJson()});
        }
        for (const QString& prompt : prompts) {
            draft.prompts.push_back({QString(), prompt});
        }
        return store_->create(draft).value();
    }

    RunEnvironment make_environment(const MockProviderServer& server, int limit)
    {
        RunEnvironment environment;
        environment.local_options.backend = QStringLiteral("cpu");
        environment.local_options.n_threads = 2;
        const inference::remote::ProviderConfig config = mock_config(server, limit);
        environment.provider_config =
            [config](const QString& name,
                     QString* error) -> std::optional<inference::remote::ProviderConfig> {
            if (name != config.name) {
                *error = QStringLiteral("no provider %1").arg(name);
                return std::nullopt;
            }
            return config;
        };
        return environment;
    }

    // Targets before `local_targets` are local ones.
    void watch(ComparisonRun& run, CellLog& log, int local_targets)
    {
        connect(&run, &ComparisonRun::cellText, this, [&log](int p, int t, const QString& delta) {
            log.streamed[{p, t}] += delta;
        });
        connect(&run, &ComparisonRun::cellStateChanged, this,
                [&log, local_targets](int p, int t, CellState state) {
                    QList<CellState>& states = log.states[{p, t}];
                    const bool was_running =
                        !states.isEmpty() && states.last() == CellState::Running;
                    states.append(state);
                    const bool local = t < local_targets;
                    int& running = local ? log.running_local : log.running_remote;
                    int& most = local ? log.most_local : log.most_remote;
                    if (state == CellState::Running) {
                        most = std::max(most, ++running);
                    } else if (was_running) {
                        --running;
                    }
                });
    }

    static const storage::ComparisonResult* find(const storage::Comparison& c, int p, int t)
    {
        for (const storage::ComparisonResult& r : c.results) {
            if (r.prompt_id == c.prompts[p].id && r.target_id == c.targets[t].id) {
                return &r;
            }
        }
        return nullptr;
    }

    static void check_metrics(const storage::ComparisonResult& r, bool local, const QString& where)
    {
        const char* w = qPrintable(where);
        QVERIFY2(r.metrics.tokens_in && *r.metrics.tokens_in > 0, w);
        QVERIFY2(r.metrics.tokens_out && *r.metrics.tokens_out > 0, w);
        QVERIFY2(r.metrics.ttft_ms && *r.metrics.ttft_ms >= 0, w);
        QVERIFY2(r.measurements.wall_ms && *r.measurements.wall_ms >= *r.metrics.ttft_ms, w);
        QVERIFY2(r.metrics.error.isEmpty(), qPrintable(r.metrics.error));
        if (local) {
            QVERIFY2(*r.metrics.tokens_out <= 12, w);
            QVERIFY2(r.metrics.finish_reason == QLatin1String("stop") ||
                         r.metrics.finish_reason == QLatin1String("length"),
                     w);
            QVERIFY2(r.metrics.tokens_per_s && *r.metrics.tokens_per_s > 0, w);
            QVERIFY2(r.measurements.prompt_tokens_per_s && *r.measurements.prompt_tokens_per_s > 0,
                     w);
        } else {
            QCOMPARE(r.metrics.finish_reason, QStringLiteral("stop"));
            QCOMPARE(*r.metrics.tokens_in, qint64{1000000});
        }
    }

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<storage::Database> database_;
    std::unique_ptr<storage::ComparisonStore> store_;
    QString error_;
};

QTEST_GUILESS_MAIN(CompareRunTest)
#include "compare_run_test.moc"
