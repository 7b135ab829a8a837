// `kurabe providers` end to end against the loopback fake provider, and the key-leak check: a
// planted key goes in through --key-env and must then appear in no output channel (stdout,
// stderr, JSON), in no file of the data directory in clear text, and never on the command line.
#include "mock_provider_server.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using kurabe::test::MockProviderServer;
using kurabe::test::MockResponse;

namespace {

const QByteArray kKey = "sk-proj-PLANTED-cli-key-0123456789abcdefXYZ";

struct CliRun
{
    int exit_code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class ProvidersCliTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void addListTestRemoveWithoutLeaks();
    void refusesPlainHttpForCloudPresets();
    void keyIsNeverAnArgument();
    void chatThroughAProvider();
    void generateThroughAProvider();

private:
    // Runs kurabe asynchronously, so the fake provider in this process keeps serving.
    CliRun kurabe(const QStringList& args, const QByteArray& input = {});
    void checkNoLeak(const CliRun& run);

    std::unique_ptr<QTemporaryDir> dir_;
    QList<CliRun> runs_;
};

void ProvidersCliTest::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
}

CliRun ProvidersCliTest::kurabe(const QStringList& args, const QByteArray& input)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("KURABE_KEYSTORE"), QStringLiteral("file"));
    env.insert(QStringLiteral("KURABE_SECRETS_PASSPHRASE"), QStringLiteral("test passphrase"));
    env.insert(QStringLiteral("PLANTED_KEY"), QString::fromLatin1(kKey));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(KURABE_BINARY),
                  args + QStringList{QStringLiteral("--data-dir"), dir_->path()});
    process.write(input);
    process.closeWriteChannel();
    CliRun run;
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    runs_.append(run);
    return run;
}

void ProvidersCliTest::checkNoLeak(const CliRun& run)
{
    QVERIFY2(!run.out.contains(kKey), "the key leaked to stdout");
    QVERIFY2(!run.err.contains(kKey), "the key leaked to stderr");
    QVERIFY2(!run.out.contains("PLANTED") && !run.err.contains("PLANTED"),
             "part of the key leaked");
}

void ProvidersCliTest::addListTestRemoveWithoutLeaks()
{
    MockProviderServer server;
    CliRun added =
        kurabe({"providers", "add", "mock", "--kind", "openai-compatible", "--base-url",
                server.url(QStringLiteral("/v1")).toString(), "--key-env", "PLANTED_KEY"});
    QVERIFY2(added.exit_code == 0, added.err.constData());
    QVERIFY(added.out.contains("encrypted key file"));
    checkNoLeak(added);

    const CliRun listed = kurabe({"providers", "list", "--json"});
    QCOMPARE(listed.exit_code, 0);
    const QJsonArray providers = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(providers.size(), 1);
    QCOMPARE(providers[0].toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("mock"));
    QCOMPARE(providers[0].toObject().value(QStringLiteral("key")).toBool(), true);
    checkNoLeak(listed);

    // test: the model list, then a tiny request, both carrying the key.
    MockResponse models;
    models.content_type = "application/json";
    models.body = R"({"object":"list","data":[{"id":"tiny-model"}]})";
    server.enqueue(models);
    MockResponse answer;
    answer.body =
        "data: {\"choices\":[{\"delta\":{\"content\":\"OK\"},\"finish_reason\":\"stop\"}]}"
        "\n\ndata: [DONE]\n\n";
    server.enqueue(answer);
    const CliRun tested = kurabe({"providers", "test", "mock", "--json"});
    QVERIFY2(tested.exit_code == 0, tested.err.constData());
    const QJsonObject report = QJsonDocument::fromJson(tested.out).object();
    QCOMPARE(report.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("model")).toString(), QStringLiteral("tiny-model"));
    QCOMPARE(report.value(QStringLiteral("text")).toString(), QStringLiteral("OK"));
    QVERIFY(report.contains(QStringLiteral("ttft_ms")));
    checkNoLeak(tested);
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests[0].headers.value("authorization"), "Bearer " + kKey);
    QCOMPARE(server.requests[1].path, QByteArray("/v1/chat/completions"));

    // A refused key: the provider echoes it; the typed error must not.
    MockResponse denied;
    denied.status = 401;
    denied.content_type = "application/json";
    denied.body = "{\"error\":{\"message\":\"Incorrect API key provided: " + kKey +
                  "\",\"code\":\"invalid_api_key\"}}";
    server.enqueue(denied);
    server.enqueue(denied);
    const CliRun refused = kurabe({"providers", "test", "mock", "--model", "tiny-model"});
    QCOMPARE(refused.exit_code, 1);
    QVERIFY2(refused.err.contains("(auth)"), refused.err.constData());
    checkNoLeak(refused);

    // No file in the data directory holds the key in clear text (database, WAL, key file).
    QDirIterator files(dir_->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int checked = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("PLANTED"), qPrintable(file.fileName()));
        ++checked;
    }
    QVERIFY(checked >= 2); // the database and the key file at least

    const CliRun removed = kurabe({"providers", "remove", "mock"});
    QCOMPARE(removed.exit_code, 0);
    QCOMPARE(QJsonDocument::fromJson(kurabe({"providers", "list", "--json"}).out).array().size(),
             0);
}

void ProvidersCliTest::refusesPlainHttpForCloudPresets()
{
    const CliRun run = kurabe({"providers", "add", "o", "--kind", "openai", "--base-url",
                               "http://api.openai.com/v1", "--key-env", "PLANTED_KEY"});
    QCOMPARE(run.exit_code, 2);
    QVERIFY2(run.err.contains("https"), run.err.constData());
    checkNoLeak(run);
    const CliRun missing = kurabe({"providers", "add", "a", "--kind", "anthropic"});
    QCOMPARE(missing.exit_code, 2);
    QVERIFY(missing.err.contains("--key-stdin"));
}

void ProvidersCliTest::keyIsNeverAnArgument()
{
    const CliRun run = kurabe({"providers", "add", "o", "--kind", "openai", "--key", kKey});
    QCOMPARE(run.exit_code, 2);
    checkNoLeak(run);
    // From stdin it works.
    const CliRun piped =
        kurabe({"providers", "add", "o", "--kind", "openai", "--key-stdin"}, kKey + "\n");
    QVERIFY2(piped.exit_code == 0, piped.err.constData());
    checkNoLeak(piped);
}

// `kurabe chat --provider`: the answer streams from the provider, is saved like a local one
// (with its target and metrics), and the conversation goes on with the whole history sent.
void ProvidersCliTest::chatThroughAProvider()
{
    MockProviderServer server;
    const CliRun added =
        kurabe({"providers", "add", "mock", "--kind", "openai-compatible", "--base-url",
                server.url(QStringLiteral("/v1")).toString(), "--key-env", "PLANTED_KEY"});
    QVERIFY2(added.exit_code == 0, added.err.constData());
    MockResponse answer;
    answer.body = "data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n"
                  "data: {\"choices\":[{\"delta\":{\"content\":\" there\"},"
                  "\"finish_reason\":\"stop\"}]}\n\n"
                  "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
                  "\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";
    server.enqueue(answer);
    const CliRun first = kurabe(
        {"chat", "--provider", "mock", "--model", "tiny-model", "--message", "Hi", "--json"});
    QVERIFY2(first.exit_code == 0, first.err.constData());
    const QJsonObject json = QJsonDocument::fromJson(first.out).object();
    QCOMPARE(json.value("text").toString(), QStringLiteral("Hello there"));
    QCOMPARE(json.value("finish_reason").toString(), QStringLiteral("stop"));
    QCOMPARE(json.value("tokens_in").toInteger(), 7);
    QCOMPARE(json.value("tokens_out").toInteger(), 2);
    checkNoLeak(first);

    server.enqueue(answer);
    const QString id = QString::number(json.value("conversation_id").toInteger());
    const CliRun second = kurabe({"chat", "--provider", "mock", "--model", "tiny-model",
                                  "--conversation", id, "--message", "And again?"});
    QVERIFY2(second.exit_code == 0, second.err.constData());
    QCOMPARE(second.out, QByteArray("Hello there\n"));
    QCOMPARE(server.requests.size(), 2);
    const QJsonArray messages =
        QJsonDocument::fromJson(server.requests[1].body).object().value("messages").toArray();
    QCOMPARE(messages.size(), 3); // Hi, Hello there, And again?
    QCOMPARE(messages[1].toObject().value("content").toString(), QStringLiteral("Hello there"));
    QCOMPARE(messages[2].toObject().value("content").toString(), QStringLiteral("And again?"));
}

// `kurabe generate --provider NAME -m MODEL`: the prompt goes as one user message with the
// sampling options given, the answer streams to stdout and the measurements go to stderr; a
// provider error is a failure exit with the provider's reason.
void ProvidersCliTest::generateThroughAProvider()
{
    MockProviderServer server;
    const CliRun added =
        kurabe({"providers", "add", "mock", "--kind", "openai-compatible", "--base-url",
                server.url(QStringLiteral("/v1")).toString(), "--key-env", "PLANTED_KEY"});
    QVERIFY2(added.exit_code == 0, added.err.constData());
    MockResponse answer;
    answer.body = "data: {\"choices\":[{\"delta\":{\"content\":\"Once upon\"}}]}\n\n"
                  "data: {\"choices\":[{\"delta\":{\"content\":\" a time\"},"
                  "\"finish_reason\":\"length\"}]}\n\n"
                  "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
                  "\"completion_tokens\":3}}\n\ndata: [DONE]\n\n";
    server.enqueue(answer);
    const CliRun run = kurabe({"generate", "--provider", "mock", "-m", "tiny-model", "-p",
                               "Tell a story", "-n", "3", "--temp", "0", "--seed", "7"});
    QVERIFY2(run.exit_code == 0, run.err.constData());
    QCOMPARE(run.out, QByteArray("Once upon a time"));
    QVERIFY2(run.err.contains("3 tokens generated") && run.err.contains("stopped: length"),
             run.err.constData());
    checkNoLeak(run);
    QCOMPARE(server.requests.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(server.requests[0].body).object();
    QCOMPARE(body.value("model").toString(), QStringLiteral("tiny-model"));
    const QJsonArray messages = body.value("messages").toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].toObject().value("role").toString(), QStringLiteral("user"));
    QCOMPARE(messages[0].toObject().value("content").toString(), QStringLiteral("Tell a story"));
    QCOMPARE(body.value("temperature").toDouble(), 0.0);
    QCOMPARE(body.value("seed").toInteger(), 7);
    QVERIFY(!body.contains("top_k")); // not set on the command line: the provider's default

    MockResponse refused;
    refused.status = 401;
    refused.content_type = "application/json";
    refused.body = "{\"error\":{\"message\":\"Incorrect API key provided\"}}";
    server.enqueue(refused);
    const CliRun failed =
        kurabe({"generate", "--provider", "mock", "-m", "tiny-model", "-p", "Hi", "--json"});
    QCOMPARE(failed.exit_code, 1);
    const QJsonObject report = QJsonDocument::fromJson(failed.out).object();
    QCOMPARE(report.value("error").toString(), QStringLiteral("auth"));
    checkNoLeak(failed);

    const CliRun unknown = kurabe({"generate", "--provider", "nobody", "-m", "x", "-p", "Hi"});
    QVERIFY(unknown.exit_code != 0);
    QVERIFY2(unknown.err.contains("nobody"), unknown.err.constData());
}

QTEST_GUILESS_MAIN(ProvidersCliTest)
#include "providers_cli_test.moc"
