// run_provider_generation — the remote half of `kurabe generate --provider` — in process against
// the fake provider: the provider is added with the real CLI (key through the environment), then
// the answer streams and the exit code and the request sent are checked; a refused key fails
// with exit code 1.
#include "cli/providers_command.h"
#include "mock_provider_server.h"
#include "wire_samples.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using kurabe::test::MockProviderServer;
using kurabe::test::MockResponse;

class ProviderGenerationTest : public QObject
{
    Q_OBJECT
private slots:
    void streamsFromAddedProvider();
};

void ProviderGenerationTest::streamsFromAddedProvider()
{
    QTemporaryDir dir;
    qputenv("KURABE_KEYSTORE", "file");
    qputenv("KURABE_SECRETS_PASSPHRASE", "generation test");
    qputenv("GEN_TEST_KEY", "sk-gen-PLANTED-0123456789");
    MockProviderServer server;

    QProcess add;
    add.start(QStringLiteral(KURABE_BINARY),
              {"providers", "add", "local", "--kind", "openai-compatible", "--base-url",
               server.url(QStringLiteral("/v1")).toString(), "--key-env", "GEN_TEST_KEY",
               "--data-dir", dir.path()});
    QVERIFY(add.waitForFinished(60000));
    QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());

    MockResponse answer;
    answer.body = kurabe::test::kOpenAiStream;
    server.enqueue(answer);
    kurabe::inference::GenerationRequest request;
    request.messages = {{QStringLiteral("user"), QStringLiteral("Once upon a time")}};
    request.sampling.max_tokens = 12;
    request.sampling.temperature = 0.0;
    QCOMPARE(kurabe::cli::run_provider_generation(dir.path(), QStringLiteral("local"),
                                                  QStringLiteral("tiny"), request, true),
             0);
    QCOMPARE(server.requests.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(server.requests[0].body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("tiny"));
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 12);
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.0);
    QCOMPARE(server.requests[0].headers.value("authorization"),
             QByteArray("Bearer sk-gen-PLANTED-0123456789"));

    MockResponse denied;
    denied.status = 401;
    denied.content_type = "application/json";
    denied.body = R"({"error":{"message":"no","code":"invalid_api_key"}})";
    server.enqueue(denied);
    QCOMPARE(kurabe::cli::run_provider_generation(dir.path(), QStringLiteral("local"),
                                                  QStringLiteral("tiny"), request, false),
             1);
    QCOMPARE(kurabe::cli::run_provider_generation(dir.path(), QStringLiteral("missing"),
                                                  QStringLiteral("tiny"), request, false),
             1);
}

QTEST_GUILESS_MAIN(ProviderGenerationTest)
#include "provider_generation_test.moc"
