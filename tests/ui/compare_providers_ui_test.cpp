// The Compare page with the app's ProviderRegistry, offscreen: a provider that cannot be used
// is named in the status line without stopping the page, and a comparison started while the
// providers are still being read (just after one was added) waits for them instead of failing
// its remote answers.
#include "chat_test_support.h"
#include "common/provider_rows.h"
#include "inference/remote/api_key_store.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "ui/compare/compare_page.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/new_comparison_panel.h"

#include <QPlainTextEdit>
#include <QTemporaryDir>

using namespace kurabe;
using test::MockProviderServer;
using test::MockResponse;

namespace {

constexpr int kWaitMs = 60'000;

const QString kKey = QStringLiteral("sk-compare-providers");

using test::provider_row;

app::TargetSpec target(const QString& text)
{
    QString error;
    return app::parse_target_spec(text, &error).value_or(app::TargetSpec{});
}

} // namespace

class CompareProvidersUiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("KURABE_KEYSTORE", "file");
        qputenv("KURABE_SECRETS_PASSPHRASE", "compare providers ui test");
    }

    void unusableProvidersAreShownAndRunsWaitForTheProviders()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        // Every request — the model lists included — gets the streamed answer, so the order in
        // which the lists and the answers ask does not matter.
        for (int i = 0; i < 6; ++i) {
            MockResponse answer;
            answer.body = test::kOpenAiStream;
            server.enqueue(answer);
        }
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        app::ProviderRegistry& registry = context->providerRegistry();
        ui::ComparePage page(*context);
        page.show();

        QVERIFY(context->providers().add(
            provider_row(QStringLiteral("strange"), QStringLiteral("telepathy"),
                         server.url(QStringLiteral("/v1")).toString())));
        QTRY_VERIFY_WITH_TIMEOUT(!registry.isLoading(), kWaitMs);
        QVERIFY(page.statusText().contains(QStringLiteral("cannot be used")));
        QVERIFY2(page.statusText().contains(QStringLiteral("strange")),
                 qPrintable(page.statusText()));

        // A new provider whose key is in the encrypted key file (slow to open on purpose, so
        // reading it takes a while): the registry reads again, and the run is started
        // meanwhile.
        inference::remote::ApiKeyStore keys(
            inference::remote::ApiKeyStore::optionsFromEnvironment(dir.path()));
        bool written = false;
        keys.writeKey(QStringLiteral("provider/mock"), kKey, [&](const QString& error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            written = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, kWaitMs);
        QVERIFY(context->providers().add(provider_row(
            QStringLiteral("mock"), QStringLiteral("openai-compatible"),
            server.url(QStringLiteral("/v1")).toString(), QStringLiteral("provider/mock"))));
        QVERIFY(registry.isLoading());
        ui::NewComparisonPanel& panel = *page.newPanel();
        QVERIFY(panel.addTarget(target(QStringLiteral("provider:mock/tiny"))));
        QVERIFY(panel.addTarget(target(QStringLiteral("provider:mock/tiny:greedy"))));
        panel.promptEdit()->setPlainText(QStringLiteral("Say hello"));
        ui::ComparisonView& view = *page.view();
        QSignalSpy finished(&view, &ui::ComparisonView::runFinished);
        QVERIFY(page.runNew());
        QVERIFY(registry.isLoading()); // nothing ran on this thread in between
        QCOMPARE(view.snapshot().state(0, 0), app::CellState::Queued);
        QVERIFY(finished.wait(kWaitMs));
        for (int t = 0; t < 2; ++t) {
            QCOMPARE(view.snapshot().state(0, t), app::CellState::Done);
            QCOMPARE(view.snapshot().text(0, t), QStringLiteral("Hello, world"));
        }
        // The answers were asked for with the key the worker read.
        int answers = 0;
        for (const test::RecordedRequest& request : server.requests) {
            if (request.path.endsWith("/chat/completions")) {
                QCOMPARE(request.headers.value("authorization"),
                         QByteArray("Bearer ") + kKey.toUtf8());
                ++answers;
            }
        }
        QCOMPARE(answers, 2);
    }
};

QTEST_MAIN(CompareProvidersUiTest)
#include "compare_providers_ui_test.moc"
