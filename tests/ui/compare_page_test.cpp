// The Compare page, offscreen, on real inputs: stories260K with two presets and the fake
// OpenAI-compatible provider on 127.0.0.1, run from the "new comparison" form. Checks that the
// answers stream into their own columns, that the metrics are present and sane with the best
// of each highlighted, that blind mode hides the names until a vote (stored as a pair vote)
// reveals them, that the leaderboard puts the winner first, that every export format writes a
// file, and that after a restart (a new AppContext on the same data directory) the comparison
// is listed and opens with its answers, blind order and vote.
#include "chat_test_support.h"
#include "compare/comparison_export.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "storage/stores/comparison_store.h"
#include "ui/compare/blind_order.h"
#include "ui/compare/cell_metrics_model.h"
#include "ui/compare/compare_page.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/leaderboard_dialog.h"
#include "ui/compare/leaderboard_model.h"
#include "ui/compare/new_comparison_panel.h"
#include "ui/compare/prompt_matrix_model.h"
#include "ui/compare/saved_comparisons_model.h"
#include "ui/compare/target_list_model.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>

#include <numeric>

using namespace kurabe;
using test::MockProviderServer;
using test::MockResponse;
using ui::CellMetricsModel;
using ui::ComparePage;
using ui::ComparisonView;

namespace {

constexpr int kWaitMs = 180'000;
using Tester = QAbstractItemModelTester;
constexpr auto kReport = QAbstractItemModelTester::FailureReportingMode::QtTest;

MockResponse model_list()
{
    MockResponse list;
    list.content_type = "application/json";
    list.body = R"({"object":"list","data":[{"id":"tiny"}]})";
    return list;
}

// kOpenAiStream in small, slow chunks, so "Hello" shows before "Hello, world".
MockResponse slow_answer()
{
    MockResponse response;
    response.body = test::kOpenAiStream;
    response.chunk_delay_ms = 60;
    return response;
}

// "mock" at the fake server, no key, one request at a time; tiny costs $1 / $2 per million
// tokens in / out, so kOpenAiStream's 1M in and 0.5M out cost $2.
storage::NewProvider mock_provider(const MockProviderServer& server)
{
    storage::NewProvider provider;
    provider.kind = QStringLiteral("openai-compatible");
    provider.name = QStringLiteral("mock");
    provider.base_url = server.url(QStringLiteral("/v1")).toString();
    provider.options = QJsonObject{
        {QStringLiteral("preset"), QStringLiteral("custom")},
        {QStringLiteral("max_concurrent"), 1},
        {QStringLiteral("prices"),
         QJsonObject{{QStringLiteral("tiny"), QJsonObject{{QStringLiteral("input"), 1.0},
                                                          {QStringLiteral("output"), 2.0}}}}}};
    return provider;
}

bool add_target(ui::NewComparisonPanel& panel, const QString& model_item, const QString& preset)
{
    const int row = panel.modelCombo()->findText(model_item);
    if (row < 0) {
        qWarning() << "no model" << model_item;
        return false;
    }
    panel.modelCombo()->setCurrentIndex(row);
    panel.presetCombo()->setCurrentText(preset);
    return panel.addChosenTarget();
}

QVariant metric(const CellMetricsModel& model, int metric_row, int column, int role)
{
    return model.data(model.index(metric_row, column), role);
}

} // namespace

class ComparePageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("KURABE_KEYSTORE", "file");
        qputenv("KURABE_SECRETS_PASSPHRASE", "compare page test");
    }

    void aDraftNeedsTwoTargetsAndAPrompt()
    {
        KURABE_REQUIRE_DATA(models);
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        QVERIFY(test::add_and_inspect(*context, models + QStringLiteral("/real/stories260K.gguf")));
        ComparePage page(*context);
        ui::NewComparisonPanel& panel = *page.newPanel();
        QVERIFY(!panel.runButton()->isEnabled());
        QVERIFY(add_target(panel, QStringLiteral("stories260K.gguf"), QStringLiteral("greedy")));
        panel.promptEdit()->setPlainText(QStringLiteral("Once upon a time"));
        QVERIFY(!panel.runButton()->isEnabled()); // one target
        QVERIFY(!page.runNew());
        QVERIFY2(page.statusText().contains(QStringLiteral("at least 2")),
                 qPrintable(page.statusText()));
        QCOMPARE(page.savedModel()->rowCount(), 0);
        for (int i = 1; i < ui::TargetListModel::kMaxTargets; ++i)
            QVERIFY(panel.addChosenTarget()); // the same model again is allowed
        QVERIFY(!panel.addChosenTarget());    // the ninth is not
        panel.promptEdit()->clear();
        QVERIFY(!panel.runButton()->isEnabled());
        QVERIFY(!page.runNew());
        QCOMPARE(page.savedModel()->rowCount(), 0);
    }

    void blindOrderIsASeededPermutation_data()
    {
        QTest::addColumn<int>("count");
        for (int n = 2; n <= ui::TargetListModel::kMaxTargets; ++n)
            QTest::addRow("%d targets", n) << n;
    }

    void blindOrderIsASeededPermutation()
    {
        QFETCH(int, count);
        std::vector<int> identity(static_cast<size_t>(count));
        std::iota(identity.begin(), identity.end(), 0);
        int shuffled = 0;
        for (quint64 seed = 1; seed <= 50; ++seed) {
            const std::vector<int> order = ui::blind_order(seed, count);
            QVERIFY(
                std::is_permutation(order.begin(), order.end(), identity.begin(), identity.end()));
            QCOMPARE(ui::blind_order(seed, count), order); // the same seed, the same letters
            shuffled += order != identity ? 1 : 0;
        }
        // With 2 targets half the seeds keep the order; with more, almost none do.
        QVERIFY2(shuffled >= 15, qPrintable(QString::number(shuffled)));
    }

    void importedPromptsCancelRerunAndChecks()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        server.enqueue(model_list());
        QVERIFY(context->providers().add(mock_provider(server)));
        QVERIFY(
            QTest::qWaitFor([&] { return !context->remoteModels().models().empty(); }, kWaitMs));
        ComparePage page(*context);
        page.show();
        ComparisonView& view = *page.view();
        Tester metrics_tester(view.metricsModel(), kReport);
        Tester matrix_tester(view.matrixModel(), kReport);

        // A prompt set with a check on each prompt, imported from JSON Lines.
        const QString path = dir.filePath(QStringLiteral("prompts.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"prompt": "Say hello", "checks": ["contains:world"]})"
                   "\n"
                   R"({"prompt": "Say it as JSON", "system": "Answer in JSON", "checks": ["json"]})"
                   "\n");
        file.close();
        ui::NewComparisonPanel& panel = *page.newPanel();
        QVERIFY(!panel.importPrompts(dir.filePath(QStringLiteral("missing.jsonl"))));
        QVERIFY(page.statusText().contains(QStringLiteral("missing.jsonl")));
        QVERIFY(panel.importPrompts(path));
        QCOMPARE(panel.promptEdit()->toPlainText(), QStringLiteral("Say hello\nSay it as JSON"));
        QVERIFY(add_target(panel, QStringLiteral("mock · tiny"), QStringLiteral("default")));
        QVERIFY(add_target(panel, QStringLiteral("mock · tiny"), QStringLiteral("greedy")));

        // The first answer stalls after "Hello"; the provider runs one request at a time.
        MockResponse stalled = slow_answer();
        stalled.chunk_delay_ms = 0;
        stalled.end = MockResponse::End::Stall;
        stalled.end_after = test::kOpenAiStream.indexOf("\n\n") + 2;
        server.enqueue(stalled);
        QSignalSpy finished(&view, &ComparisonView::runFinished);
        QVERIFY(page.runNew());
        const qint64 id = view.comparisonId();
        const storage::Comparison created = page.store().comparison(id).value();
        QCOMPARE(created.prompts.size(), size_t{2});
        QCOMPARE(created.prompts[1].system_prompt, QStringLiteral("Answer in JSON"));
        QCOMPARE(created.targets[0].label, QStringLiteral("mock/tiny"));
        QCOMPARE(created.targets[1].label, QStringLiteral("mock/tiny · greedy"));
        QTRY_COMPARE_WITH_TIMEOUT(view.answerView(0)->toPlainText().trimmed(),
                                  QStringLiteral("Hello"), kWaitMs);
        QCOMPARE(view.snapshot().state(0, 1), app::CellState::Queued);

        // Cancel all: what streamed stays; the queued answers never ask the provider.
        QTest::mouseClick(view.cancelAllButton(), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(kWaitMs));
        for (int p = 0; p < 2; ++p) {
            for (int t = 0; t < 2; ++t)
                QCOMPARE(view.snapshot().state(p, t), app::CellState::Cancelled);
        }
        QCOMPARE(view.answerView(0)->toPlainText().trimmed(), QStringLiteral("Hello"));
        QCOMPARE(
            metric(*view.metricsModel(), CellMetricsModel::Finish, 0, Qt::DisplayRole).toString(),
            QStringLiteral("cancelled"));
        QCOMPARE(server.requests.size(), 2); // the list and the stalled answer

        // Run again: the whole answer, and its check passes.
        server.enqueue(slow_answer());
        QVERIFY(view.rerunCell(0));
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(view.answerView(0)->toPlainText().trimmed(), QStringLiteral("Hello, world"));
        QCOMPARE(
            metric(*view.metricsModel(), CellMetricsModel::Checks, 0, Qt::DisplayRole).toString(),
            QStringLiteral("1/1 passed"));
        // On the JSON prompt "Hello, world" fails its check.
        server.enqueue(slow_answer());
        view.setPrompt(1);
        QVERIFY(view.rerunCell(1));
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(
            metric(*view.metricsModel(), CellMetricsModel::Checks, 1, Qt::DisplayRole).toString(),
            QStringLiteral("0/1 passed"));
    }

    void comparesStreamsJudgesExportsAndReopens()
    {
        KURABE_REQUIRE_DATA(models);
        const QString model = models + QStringLiteral("/real/stories260K.gguf");
        QTemporaryDir dir;
        MockProviderServer server;
        qint64 id = 0;
        QStringList answers; // by target position, prompt 0
        QStringList labels;  // by target position
        std::vector<int> blind_order;
        {
            auto context = test::open_context(dir.path());
            QVERIFY(context);
            QVERIFY(test::add_and_inspect(*context, model));
            server.enqueue(model_list());
            QVERIFY(context->providers().add(mock_provider(server)));
            QVERIFY(QTest::qWaitFor([&] { return !context->remoteModels().models().empty(); },
                                    kWaitMs));

            ComparePage page(*context);
            page.resize(1200, 800);
            page.show();
            ComparisonView& view = *page.view();
            Tester saved_tester(page.savedModel(), kReport);
            Tester targets_tester(page.newPanel()->targets(), kReport);
            Tester metrics_tester(view.metricsModel(), kReport);
            Tester matrix_tester(view.matrixModel(), kReport);

            // Two presets of the local model and the remote one, two prompts, 12 tokens each.
            ui::NewComparisonPanel& panel = *page.newPanel();
            QVERIFY(
                add_target(panel, QStringLiteral("stories260K.gguf"), QStringLiteral("greedy")));
            QVERIFY(
                add_target(panel, QStringLiteral("stories260K.gguf"), QStringLiteral("creative")));
            QVERIFY(add_target(panel, QStringLiteral("mock · tiny"), QStringLiteral("default")));
            panel.onePerLine()->setChecked(true);
            panel.promptEdit()->setPlainText(QStringLiteral("Once upon a time\nThe little dog\n"));
            panel.maxTokens()->setValue(12);
            panel.tags()->setText(QStringLiteral("stories, smoke"));
            server.enqueue(slow_answer());
            server.enqueue(slow_answer());

            // What the remote column showed while it streamed.
            QStringList shown;
            QTRY_VERIFY(panel.runButton()->isEnabled());
            QSignalSpy finished(&view, &ComparisonView::runFinished);
            QTest::mouseClick(panel.runButton(), Qt::LeftButton);
            QVERIFY(view.comparisonId() != 0);
            id = view.comparisonId();
            QCOMPARE(page.savedModel()->rowCount(), 1);
            QVERIFY(view.cancelAllButton()->isEnabled());
            QTextBrowser* remote_view = view.answerView(2);
            QVERIFY(remote_view);
            connect(remote_view, &QTextBrowser::textChanged, this, [&] {
                const QString text = remote_view->toPlainText().trimmed();
                if (!text.isEmpty() && (shown.isEmpty() || shown.last() != text))
                    shown << text;
            });
            QVERIFY(finished.wait(kWaitMs));
            QCOMPARE(server.requests.size(), 3); // the list, then one answer per prompt

            // Each column holds its own target's answer, streamed in: the remote one showed
            // its first word before the whole answer.
            QCOMPARE(shown.value(0), QStringLiteral("Hello"));
            QCOMPARE(shown.last(), QStringLiteral("Hello, world"));
            const ui::ComparisonSnapshot& snapshot = view.snapshot();
            QCOMPARE(snapshot.columnCount(), 3);
            for (int t = 0; t < 3; ++t) {
                const QString text = snapshot.run->cell(0, t).text;
                QVERIFY(!text.isEmpty());
                QCOMPARE(view.answerView(t)->toPlainText().simplified(), text.simplified());
                answers << text;
                labels << snapshot.comparison.targets[static_cast<size_t>(t)].label;
                QCOMPARE(view.headerText(t), labels.last());
            }
            QCOMPARE(labels, QStringList({QStringLiteral("stories260K.gguf · greedy"),
                                          QStringLiteral("stories260K.gguf · creative"),
                                          QStringLiteral("mock/tiny")}));
            QVERIFY(answers[0] != answers[2]);

            // Metrics of prompt 0: every answer done and measured; local ones have a
            // generation speed, the remote one its cost; the best is highlighted once.
            const CellMetricsModel& metrics = *view.metricsModel();
            QCOMPARE(metrics.columnCount(), 3);
            for (int c = 0; c < 3; ++c) {
                QCOMPARE(metric(metrics, CellMetricsModel::State, c, Qt::DisplayRole).toString(),
                         QStringLiteral("done"));
                QVERIFY(metric(metrics, CellMetricsModel::TokensIn, c, CellMetricsModel::ValueRole)
                            .toDouble() > 0);
                QVERIFY(metric(metrics, CellMetricsModel::TokensOut, c, CellMetricsModel::ValueRole)
                            .toDouble() > 0);
                QVERIFY(metric(metrics, CellMetricsModel::WallTime, c, CellMetricsModel::ValueRole)
                            .toDouble() > 0);
                QVERIFY(!metric(metrics, CellMetricsModel::Finish, c, Qt::DisplayRole)
                             .toString()
                             .isEmpty());
                QVERIFY(metric(metrics, CellMetricsModel::Error, c, Qt::DisplayRole)
                            .toString()
                            .isEmpty());
            }
            for (int c = 0; c < 2; ++c) {
                QVERIFY(metric(metrics, CellMetricsModel::GenerationSpeed, c,
                               CellMetricsModel::ValueRole)
                            .toDouble() > 0);
                // -n 12: at most 12 tokens (fewer only if the story ended).
                QVERIFY(metric(metrics, CellMetricsModel::TokensOut, c, CellMetricsModel::ValueRole)
                            .toDouble() <= 12.0);
            }
            QCOMPARE(
                metric(metrics, CellMetricsModel::Cost, 2, CellMetricsModel::ValueRole).toDouble(),
                2.0);
            QCOMPARE(metric(metrics, CellMetricsModel::Cost, 2, Qt::DisplayRole).toString(),
                     QStringLiteral("$2.0000"));
            for (const int row :
                 {int(CellMetricsModel::WallTime), int(CellMetricsModel::TimeToFirstToken)}) {
                int best = -1, count = 0;
                double lowest = 1e300;
                for (int c = 0; c < 3; ++c) {
                    const QVariant v = metric(metrics, row, c, CellMetricsModel::ValueRole);
                    if (v.isValid() && v.toDouble() < lowest) {
                        lowest = v.toDouble();
                        best = c;
                    }
                    if (metric(metrics, row, c, CellMetricsModel::BestRole).toBool())
                        ++count;
                }
                QVERIFY(best >= 0);
                QVERIFY(metric(metrics, row, best, CellMetricsModel::BestRole).toBool());
                QVERIFY(count >= 1);
                QVERIFY(metric(metrics, row, best, Qt::FontRole).value<QFont>().bold());
            }
            // Only one cost: nothing to be best against.
            for (int c = 0; c < 3; ++c)
                QVERIFY(!metric(metrics, CellMetricsModel::Cost, c, CellMetricsModel::BestRole)
                             .toBool());

            // The matrix: prompts x targets, each a summary; activating a cell shows its prompt.
            const ui::PromptMatrixModel& matrix = *view.matrixModel();
            QCOMPARE(matrix.rowCount(), 2);
            QCOMPARE(matrix.columnCount(), 3);
            QVERIFY(matrix.data(matrix.index(1, 2), Qt::DisplayRole)
                        .toString()
                        .startsWith(QStringLiteral("[done] Hello, world")));
            view.setPrompt(1);
            QCOMPARE(view.answerView(2)->toPlainText().trimmed(), QStringLiteral("Hello, world"));
            view.setPrompt(0);

            // A rating and a comment on the remote answer are saved.
            QVERIFY(view.rate(2, 4));
            QVERIFY(view.annotate(2, QStringLiteral("polite")));
            QCOMPARE(metric(metrics, CellMetricsModel::Rating, 2, CellMetricsModel::ValueRole)
                         .toDouble(),
                     4.0);

            // For the documentation: KURABE_SCREENSHOT_DIR=docs saves the finished comparison.
            if (const QString shots = qEnvironmentVariable("KURABE_SCREENSHOT_DIR");
                !shots.isEmpty()) {
                QTest::qWait(300);
                QVERIFY(page.grab().save(shots + QStringLiteral("/screenshot-compare.png")));
            }

            // Blind: letters in a stored shuffled order until the vote, then the names.
            view.blindBox()->setChecked(true);
            QVERIFY(view.isBlind());
            for (int c = 0; c < 3; ++c)
                QCOMPARE(view.headerText(c), QString(QChar(u'A' + c)));
            QVERIFY(context->settings()
                        .integer(QStringLiteral("compare.blind_seed.%1").arg(id), 0)
                        .value() != 0);
            blind_order = snapshot.order;
            QVERIFY(std::is_permutation(blind_order.begin(), blind_order.end(),
                                        std::vector<int>{0, 1, 2}.begin()));
            QCOMPARE(view.answerView(0)->toPlainText().simplified(),
                     answers[blind_order[0]].simplified());
            // "A better" than B, through the buttons.
            view.findChild<QPushButton*>(QStringLiteral("compare-vote-a"))->click();
            for (int c = 0; c < 3; ++c)
                QCOMPARE(view.headerText(c),
                         QStringLiteral("%1: %2").arg(QChar(u'A' + c)).arg(labels[blind_order[c]]));
            const storage::Comparison voted = page.store().comparison(id).value();
            QCOMPARE(voted.pair_votes.size(), size_t{1});
            QCOMPARE(voted.pair_votes[0].prompt_id, voted.prompts[0].id);
            QCOMPARE(voted.pair_votes[0].target_a_id, voted.targets[blind_order[0]].id);
            QCOMPARE(voted.pair_votes[0].target_b_id, voted.targets[blind_order[1]].id);
            QCOMPARE(voted.pair_votes[0].outcome, storage::PairOutcome::ABetter);
            // Prompt 1 has no vote yet: still letters there.
            view.setPrompt(1);
            QCOMPARE(view.headerText(0), QStringLiteral("A"));
            view.setPrompt(0);

            // The leaderboard: the winner above the loser; the tag filter keeps them, another
            // tag has no votes.
            ui::LeaderboardDialog* board = page.showLeaderboard();
            Tester board_tester(board->model(), kReport);
            QCOMPARE(board->model()->rowCount(), 2);
            QCOMPARE(board->model()->ratings()[0].name, labels[blind_order[0]]);
            QCOMPARE(board->model()->ratings()[1].name, labels[blind_order[1]]);
            QVERIFY(board->model()->ratings()[0].rating > board->model()->ratings()[1].rating);
            board->tagFilter()->setText(QStringLiteral("smoke"));
            board->reload();
            QCOMPARE(board->model()->rowCount(), 2);
            board->tagFilter()->setText(QStringLiteral("other"));
            board->reload();
            QCOMPARE(board->model()->rowCount(), 0);

            // Exports, one file per format, each holding the answers.
            for (const QString& suffix : {QStringLiteral("csv"), QStringLiteral("json"),
                                          QStringLiteral("md"), QStringLiteral("html")}) {
                const QString path = dir.filePath(QStringLiteral("export.") + suffix);
                QString error;
                QVERIFY2(view.exportTo(path, &error), qPrintable(error));
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                QVERIFY2(bytes.contains("Hello, world"), qPrintable(suffix));
                if (suffix == QLatin1String("json")) {
                    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
                    QCOMPARE(json.value(QStringLiteral("format")).toString(),
                             QStringLiteral("kurabe-comparison"));
                }
            }

            // A greedy cell run again from its menu action gives the same text.
            const int greedy_column = static_cast<int>(
                std::find(blind_order.begin(), blind_order.end(), 0) - blind_order.begin());
            QVERIFY(view.rerunCell(greedy_column));
            QVERIFY(finished.wait(kWaitMs));
            QCOMPARE(snapshot.run->cell(0, 0).text, answers[0]);

            // Duplicate, then delete the copy.
            QVERIFY(page.duplicateComparison(id));
            QCOMPARE(page.savedModel()->rowCount(), 2);
            const qint64 copy = view.comparisonId();
            QVERIFY(copy != id);
            QVERIFY(page.removeComparison(copy));
            QCOMPARE(page.savedModel()->rowCount(), 1);
        }

        // Restart: the same data directory, a new profile and page.
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ComparePage page(*context);
        page.show();
        Tester saved_tester(page.savedModel(), kReport);
        QCOMPARE(page.savedModel()->rowCount(), 1);
        QCOMPARE(page.savedModel()->idAt(0), id);
        QCOMPARE(page.savedModel()->index(0).data().toString(), QStringLiteral("Once upon a time"));
        QTest::mouseClick(page.savedView()->viewport(), Qt::LeftButton, {},
                          page.savedView()->visualRect(page.savedModel()->index(0)).center());
        ComparisonView& view = *page.view();
        QCOMPARE(view.comparisonId(), id);
        QVERIFY(view.isBlind());
        QCOMPARE(view.snapshot().order, blind_order);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(view.headerText(c),
                     QStringLiteral("%1: %2").arg(QChar(u'A' + c)).arg(labels[blind_order[c]]));
            QCOMPARE(view.answerView(c)->toPlainText().simplified(),
                     answers[blind_order[c]].simplified());
            QCOMPARE(view.snapshot().state(0, c), app::CellState::Done);
        }
        QCOMPARE(
            metric(*view.metricsModel(), CellMetricsModel::State, 0, Qt::DisplayRole).toString(),
            QStringLiteral("done"));
    }
};

QTEST_MAIN(ComparePageTest)
#include "compare_page_test.moc"
