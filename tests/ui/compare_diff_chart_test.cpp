// The diff window and the charts of the Compare workspace, offscreen. A comparison is written
// to the store as a finished run would leave it (three targets, two prompts, one failed and
// one cancelled answer), then opened in a ComparisonView: the diff strikes the removed words
// through on red and puts the added ones on green, shows answer markup as text, and names the
// answers by letter while blind; the charts hold one bar per target, the mean over finished
// answers only, named as the columns are. Runs against the fake provider fill the charts as
// their answers finish, and an open diff window follows the answers as they stream.
#include "chat_test_support.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "storage/stores/comparison_store.h"
#include "ui/compare/answer_diff_dialog.h"
#include "ui/compare/cell_metrics_model.h"
#include "ui/compare/compare_page.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/metrics_chart.h"
#include "ui/compare/new_comparison_panel.h"

#include <QBarSet>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextEdit>

using namespace kurabe;
using test::MockProviderServer;
using test::MockResponse;
using ui::ComparisonView;

namespace {

constexpr int kWaitMs = 60'000;

const QString kBold = QStringLiteral("The <b>big</b> dog runs");
const QString kSmall = QStringLiteral("The small dog runs");

struct StoredAnswer
{
    int prompt = 0;
    int target = 0;
    QString text;
    QString finish; // empty: still streaming
    QString error;
    std::optional<double> tokens_per_s;
    std::optional<double> ttft_ms;
};

// Targets "alpha", "beta", "beta" (the same label twice is allowed); prompt 0 and 1. Means
// over finished answers: alpha 200 tokens/s, 100 ms; beta 40, 200; the second beta 10, 30.
qint64 store_comparison(storage::ComparisonStore& store)
{
    storage::NewComparison draft;
    draft.title = QStringLiteral("diff and charts");
    const QJsonObject target{{QStringLiteral("kind"), QStringLiteral("provider")},
                             {QStringLiteral("provider"), QStringLiteral("mock")},
                             {QStringLiteral("model"), QStringLiteral("tiny")}};
    for (const char* label : {"alpha", "beta", "beta"})
        draft.targets.push_back({QString::fromLatin1(label), target, {}});
    draft.prompts.push_back({QString(), QStringLiteral("Describe the dog")});
    draft.prompts.push_back({QString(), QStringLiteral("Describe the cat")});
    const storage::StorageResult<qint64> id = store.create(draft);
    if (!id)
        return 0;
    const storage::Comparison created = store.comparison(*id).value();
    const std::vector<StoredAnswer> answers = {
        {0, 0, kBold, QStringLiteral("stop"), {}, 100.0, 50.0},
        {0, 1, kSmall, QStringLiteral("stop"), {}, 40.0, 200.0},
        {0, 2, QString(), QStringLiteral("error"), QStringLiteral("connection refused"), 999.0,
         1.0},
        {1, 0, QStringLiteral("A cat."), QStringLiteral("stop"), {}, 300.0, 150.0},
        {1, 1, QStringLiteral("A c"), QStringLiteral("cancelled"), {}, 1000.0, 1.0},
        {1, 2, QStringLiteral("The cat."), QStringLiteral("length"), {}, 10.0, 30.0},
    };
    for (const StoredAnswer& answer : answers) {
        const storage::StorageResult<qint64> result =
            store.start_result(*id, created.prompts[static_cast<size_t>(answer.prompt)].id,
                               created.targets[static_cast<size_t>(answer.target)].id);
        if (!result)
            return 0;
        storage::MessageMetrics metrics;
        metrics.finish_reason = answer.finish;
        metrics.error = answer.error;
        metrics.tokens_per_s = answer.tokens_per_s;
        metrics.ttft_ms = answer.ttft_ms;
        if (!store.finish_result(*result, answer.text, metrics))
            return 0;
    }
    return *id;
}

QStringList items(const QComboBox& box)
{
    QStringList out;
    for (int i = 0; i < box.count(); ++i)
        out << box.itemText(i);
    return out;
}

std::vector<double> values(const QBarSet& bars)
{
    std::vector<double> out;
    for (int i = 0; i < bars.count(); ++i)
        out.push_back(bars.at(i));
    return out;
}

// The character format of the first fragment of `document` whose text contains `text`.
std::optional<QTextCharFormat> format_of(const QTextDocument& document, const QString& text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text().contains(text))
                return it.fragment().charFormat();
        }
    }
    return std::nullopt;
}

MockResponse model_list()
{
    MockResponse list;
    list.content_type = "application/json";
    list.body = R"({"object":"list","data":[{"id":"tiny"}]})";
    return list;
}

storage::NewProvider mock_provider(const MockProviderServer& server)
{
    storage::NewProvider provider;
    provider.kind = QStringLiteral("openai-compatible");
    provider.name = QStringLiteral("mock");
    provider.base_url = server.url(QStringLiteral("/v1")).toString();
    provider.options = QJsonObject{{QStringLiteral("preset"), QStringLiteral("custom")},
                                   {QStringLiteral("max_concurrent"), 1}};
    return provider;
}

} // namespace

class CompareDiffChartTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("KURABE_KEYSTORE", "file");
        qputenv("KURABE_SECRETS_PASSPHRASE", "compare diff chart test");
    }

    void diffMarksWordsAndEscapesMarkup()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        storage::ComparisonStore store(context->database());
        const qint64 id = store_comparison(store);
        QVERIFY(id != 0);
        ComparisonView view(store, context->settings());
        QVERIFY(view.open(id, {}));
        view.show();

        ui::AnswerDiffDialog* dialog = view.showDiff();
        QVERIFY(dialog);
        QCOMPARE(
            items(*dialog->firstChoice()),
            QStringList({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("beta")}));
        QCOMPARE(dialog->firstChoice()->currentIndex(), 0);
        QCOMPARE(dialog->secondChoice()->currentIndex(), 1);
        // "<b>big</b>" is 8 tokens: < b > big < / b >.
        QCOMPARE(dialog->summary(), QStringLiteral("3 words the same, 8 removed, 1 added"));
        const QString html = dialog->html();
        QVERIFY2(html.contains(QStringLiteral("&lt;b&gt;big&lt;/b&gt;")), qPrintable(html));
        QVERIFY(!html.contains(QStringLiteral("<b>")));
        QVERIFY(html.contains(QStringLiteral("class=\"removed\"")));
        QVERIFY(html.contains(QStringLiteral("class=\"added\"")));
        // As rendered: the markup shows as text, struck through on red; "small" on green.
        const QTextDocument& document = *dialog->diffView()->document();
        QCOMPARE(document.toPlainText(), QStringLiteral("The <b>big</b>small dog runs"));
        const std::optional<QTextCharFormat> removed = format_of(document, QStringLiteral("big"));
        QVERIFY(removed);
        QVERIFY(removed->fontStrikeOut());
        const QColor red = removed->background().color();
        QVERIFY(red.red() > red.green());
        const std::optional<QTextCharFormat> added = format_of(document, QStringLiteral("small"));
        QVERIFY(added);
        QVERIFY(!added->fontStrikeOut());
        const QColor green = added->background().color();
        QVERIFY(green.green() > green.red());
        const std::optional<QTextCharFormat> same = format_of(document, QStringLiteral("dog"));
        QVERIFY(same);
        QVERIFY(!same->fontStrikeOut());
        QCOMPARE(same->background().style(), Qt::NoBrush);

        // Another pair through the boxes: the same answer against itself has no change.
        dialog->secondChoice()->setCurrentIndex(0);
        QCOMPARE(dialog->summary(), QStringLiteral("11 words the same, 0 removed, 0 added"));
        QCOMPARE(dialog->diff().segments.size(), size_t{1});
        // The failed answer is empty: everything of alpha's removed.
        dialog->secondChoice()->setCurrentIndex(2);
        QCOMPARE(dialog->summary(), QStringLiteral("0 words the same, 11 removed, 0 added"));
        dialog->close(); // deletes itself

        // The Diff… button opens one, for the shown prompt.
        view.setPrompt(1);
        const int before = view.findChildren<ui::AnswerDiffDialog*>().size();
        view.findChild<QPushButton*>(QStringLiteral("compare-diff-button"))->click();
        const QList<ui::AnswerDiffDialog*> open = view.findChildren<ui::AnswerDiffDialog*>();
        QCOMPARE(open.size(), before + 1);
        QCOMPARE(open.last()->diff().segments.front(),
                 (app::DiffSegment{app::DiffOp::Equal, QStringLiteral("A ")}));
    }

    void blindDiffUsesLetters()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        storage::ComparisonStore store(context->database());
        const qint64 id = store_comparison(store);
        QVERIFY(id != 0);
        ComparisonView view(store, context->settings());
        QVERIFY(view.open(id, {}));
        view.setBlind(true);
        const std::vector<int> order = view.snapshot().order;
        const QStringList texts = {kBold, kSmall, QString()}; // prompt 0, by target

        ui::AnswerDiffDialog* dialog = view.showDiff();
        QCOMPARE(items(*dialog->secondChoice()),
                 QStringList({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
        // A against B: the answers of the targets shuffled into those columns.
        QString first;
        QString second;
        for (const app::DiffSegment& segment : dialog->diff().segments) {
            if (segment.op != app::DiffOp::Added)
                first += segment.text;
            if (segment.op != app::DiffOp::Removed)
                second += segment.text;
        }
        QCOMPARE(first, texts[order[0]]);
        QCOMPARE(second, texts[order[1]]);
    }

    void chartsMeanFinishedAnswersPerTarget()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        storage::ComparisonStore store(context->database());
        const qint64 id = store_comparison(store);
        QVERIFY(id != 0);
        ComparisonView view(store, context->settings());
        QVERIFY(view.open(id, {}));
        view.resize(1000, 700);
        view.show();
        const ui::MetricsChart& chart = *view.metricsChart();

        // The failed and the cancelled answers are left out of the means.
        QCOMPARE(chart.categories(), QStringList({QStringLiteral("alpha"), QStringLiteral("beta"),
                                                  QStringLiteral("beta (3)")}));
        QCOMPARE(values(*chart.speedBars()), (std::vector<double>{200.0, 40.0, 10.0}));
        QCOMPARE(values(*chart.firstTokenBars()), (std::vector<double>{100.0, 200.0, 30.0}));
        const std::vector<ui::TargetSpeed> speeds = ui::target_speeds(view.snapshot());
        QCOMPARE(speeds.size(), size_t{3});
        QCOMPARE(speeds[0].answers, 2);
        QCOMPARE(speeds[1].answers, 1);
        QCOMPARE(speeds[2].answers, 1);

        // Blind: letters, the bars in the shuffled column order; a vote on the shown prompt
        // reveals the names.
        view.setBlind(true);
        const std::vector<int> order = view.snapshot().order;
        const std::vector<double> speed = {200.0, 40.0, 10.0};
        const std::vector<double> ttft = {100.0, 200.0, 30.0};
        QCOMPARE(chart.categories(),
                 QStringList({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(chart.speedBars()->at(c), speed[static_cast<size_t>(order[c])]);
            QCOMPARE(chart.firstTokenBars()->at(c), ttft[static_cast<size_t>(order[c])]);
        }
        QVERIFY(view.vote(0, 1, storage::PairOutcome::Tie));
        const QStringList labels = {QStringLiteral("alpha"), QStringLiteral("beta"),
                                    QStringLiteral("beta")};
        for (int c = 0; c < 3; ++c)
            QVERIFY2(chart.categories()[c].startsWith(
                         QStringLiteral("%1: %2").arg(QChar(u'A' + c)).arg(labels[order[c]])),
                     qPrintable(chart.categories()[c]));
    }

    void diffFollowsTheAnswers()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        server.enqueue(model_list());
        QVERIFY(context->providers().add(mock_provider(server)));
        QVERIFY(
            QTest::qWaitFor([&] { return !context->remoteModels().models().empty(); }, kWaitMs));
        ui::ComparePage page(*context);
        page.show();
        ComparisonView& view = *page.view();
        ui::NewComparisonPanel& panel = *page.newPanel();
        panel.modelCombo()->setCurrentIndex(
            panel.modelCombo()->findText(QStringLiteral("mock · tiny")));
        QVERIFY(panel.addChosenTarget());
        QVERIFY(panel.addChosenTarget());
        panel.promptEdit()->setPlainText(QStringLiteral("Say hello"));
        for (int i = 0; i < 3; ++i) {
            MockResponse response;
            response.body = test::kOpenAiStream;
            response.chunk_delay_ms = 60;
            server.enqueue(response);
        }
        QSignalSpy finished(&view, &ComparisonView::runFinished);
        QVERIFY(page.runNew());

        // Opened before any answer arrived: empty against empty.
        QPointer<ui::AnswerDiffDialog> dialog = view.showDiff();
        QCOMPARE(dialog->summary(), QStringLiteral("0 words the same, 0 removed, 0 added"));
        QStringList summaries; // every diff the window showed
        connect(dialog->diffView(), &QTextEdit::textChanged, this, [&] {
            if (dialog && (summaries.isEmpty() || summaries.last() != dialog->summary()))
                summaries << dialog->summary();
        });
        QVERIFY(finished.wait(kWaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(
            dialog->answers(),
            QStringList({QStringLiteral("Hello, world"), QStringLiteral("Hello, world")}), kWaitMs);
        QCOMPARE(dialog->diff().removed_words + dialog->diff().added_words, 0);
        QVERIFY(dialog->diff().equal_words > 0);
        // It showed the answers on their way, not only the end.
        QVERIFY2(summaries.size() >= 2, qPrintable(summaries.join(QStringLiteral(" | "))));

        // The second answer run again: while it streams, the window shows what it lacks; at the
        // end the two are the same again.
        summaries.clear();
        QVERIFY(view.rerunCell(1));
        QVERIFY(finished.wait(kWaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(dialog->answers().value(1), QStringLiteral("Hello, world"),
                                  kWaitMs);
        QCOMPARE(dialog->diff().removed_words, 0);
        QVERIFY(std::any_of(summaries.begin(), summaries.end(), [](const QString& summary) {
            return !summary.contains(QStringLiteral(" 0 removed"));
        }));

        // Another comparison opened: the window of the old one closes.
        QVERIFY(page.duplicateComparison(view.comparisonId()));
        QTRY_VERIFY(dialog.isNull());
    }

    void chartsFillAsAnswersFinish()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        server.enqueue(model_list());
        QVERIFY(context->providers().add(mock_provider(server)));
        QVERIFY(
            QTest::qWaitFor([&] { return !context->remoteModels().models().empty(); }, kWaitMs));
        ui::ComparePage page(*context);
        page.show();
        ComparisonView& view = *page.view();
        ui::NewComparisonPanel& panel = *page.newPanel();
        panel.modelCombo()->setCurrentIndex(
            panel.modelCombo()->findText(QStringLiteral("mock · tiny")));
        QVERIFY(panel.addChosenTarget());
        QVERIFY(panel.addChosenTarget());
        panel.promptEdit()->setPlainText(QStringLiteral("Say hello"));
        for (int i = 0; i < 2; ++i) {
            MockResponse response;
            response.body = test::kOpenAiStream;
            response.chunk_delay_ms = 20;
            server.enqueue(response);
        }
        QSignalSpy finished(&view, &ComparisonView::runFinished);
        QVERIFY(page.runNew());
        const ui::MetricsChart& chart = *view.metricsChart();
        QCOMPARE(values(*chart.speedBars()), (std::vector<double>{0.0, 0.0})); // nothing yet
        QVERIFY(finished.wait(kWaitMs));

        // Each bar is the one finished answer's value, as the metrics table shows it.
        const ui::CellMetricsModel& metrics = *view.metricsModel();
        for (int c = 0; c < 2; ++c) {
            QCOMPARE(metrics.data(metrics.index(ui::CellMetricsModel::State, c), Qt::DisplayRole)
                         .toString(),
                     QStringLiteral("done"));
            const QVariant first_token =
                metrics.data(metrics.index(ui::CellMetricsModel::TimeToFirstToken, c),
                             ui::CellMetricsModel::ValueRole);
            QVERIFY(first_token.isValid());
            QVERIFY(first_token.toDouble() > 0);
            QCOMPARE(chart.firstTokenBars()->at(c), first_token.toDouble());
            const QVariant speed =
                metrics.data(metrics.index(ui::CellMetricsModel::GenerationSpeed, c),
                             ui::CellMetricsModel::ValueRole);
            QCOMPARE(chart.speedBars()->at(c), speed.isValid() ? speed.toDouble() : 0.0);
        }
    }
};

QTEST_MAIN(CompareDiffChartTest)
#include "compare_diff_chart_test.moc"
