// The fault matrix: every provider client against the fake provider for every fault — reset,
// stall and malformed chunk after text, a stream without its final event, a slow first byte,
// 401, 429 then success, 500 three times, 529 then success — with the expected retry or typed
// error, the text received so far kept, and the planted key in no message.
#include "generation_run.h"
#include "mock_provider_server.h"
#include "wire_samples.h"

#include <QTest>

using namespace kurabe::inference;
using namespace kurabe::inference::remote;
using namespace kurabe::test;

namespace {

struct ProviderWire
{
    ProviderKind kind;
    QString base;
    QByteArray stream;
    QByteArray head;   // the stream up to and including the "Hello" event
    QByteArray broken; // a malformed event in this format
};

// Bytes of `stream` up to the end of the event holding "Hello"; events end with `terminator`.
QByteArray headOf(const QByteArray& stream, const QByteArray& terminator)
{
    return stream.left(stream.indexOf(terminator, stream.indexOf("Hello")) + terminator.size());
}

ProviderWire wireFor(const QString& provider)
{
    if (provider == QLatin1String("anthropic"))
        return {ProviderKind::Anthropic, QString(), kAnthropicStream,
                headOf(kAnthropicStream, "\n\n"), "event: content_block_delta\ndata: {broken\n\n"};
    if (provider == QLatin1String("gemini"))
        return {ProviderKind::Gemini, QStringLiteral("/v1beta"), kGeminiStream,
                headOf(kGeminiStream, "\r\n\r\n"), "data: {\"candidates\":[\r\n\r\n"};
    if (provider == QLatin1String("ollama"))
        return {ProviderKind::Ollama, QString(), kOllamaStream, headOf(kOllamaStream, "\n"),
                "{\"message\":\n"};
    return {ProviderKind::OpenAiCompatible, QStringLiteral("/v1"), kOpenAiStream,
            headOf(kOpenAiStream, "\n\n"), "data: {broken\n\n"};
}

MockResponse jsonError(int status, const QByteArray& body)
{
    MockResponse response;
    response.status = status;
    response.content_type = "application/json";
    response.body = body;
    return response;
}

} // namespace

class FaultSuiteTest : public QObject
{
    Q_OBJECT
private slots:
    void faults_data();
    void faults();
};

void FaultSuiteTest::faults_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("text");  // what the user saw
    QTest::addColumn<QString>("error"); // errorKindName; empty for success
    QTest::addColumn<int>("requests");  // attempts the server saw
    const QStringList providers{"openai", "anthropic", "gemini", "ollama"};
    struct Fault
    {
        const char* name;
        const char* text;
        const char* error;
        int requests;
    };
    const Fault faults[] = {
        {"reset after text", "Hello", "network", 1},
        {"stall after text", "Hello", "timeout", 1},
        {"malformed after text", "Hello", "protocol", 1},
        {"ends without final event", "Hello", "protocol", 1},
        {"slow first byte", "", "timeout", 1},
        {"401", "", "auth", 1},
        {"429 then ok", "Hello, world", "", 2},
        {"500 three times", "", "server", 3},
        {"529 then ok", "Hello, world", "", 2},
    };
    for (const QString& provider : providers) {
        for (const Fault& f : faults)
            QTest::addRow("%s: %s", qPrintable(provider), f.name)
                << provider << QString::fromLatin1(f.name) << QString::fromLatin1(f.text)
                << QString::fromLatin1(f.error) << f.requests;
    }
}

void FaultSuiteTest::faults()
{
    QFETCH(QString, provider);
    QFETCH(QString, fault);
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(int, requests);
    const ProviderWire wire = wireFor(provider);
    MockProviderServer server;
    MockResponse ok;
    ok.body = wire.stream;
    if (fault == QLatin1String("reset after text") || fault == QLatin1String("stall after text")) {
        MockResponse cut = ok;
        cut.end = fault.startsWith(QLatin1String("reset")) ? MockResponse::End::Reset
                                                           : MockResponse::End::Stall;
        cut.end_after = wire.head.size();
        server.enqueue(cut);
    } else if (fault == QLatin1String("malformed after text")) {
        MockResponse broken;
        broken.body = wire.head + wire.broken + wire.stream.mid(wire.head.size());
        server.enqueue(broken);
    } else if (fault == QLatin1String("ends without final event")) {
        MockResponse early;
        early.body = wire.head;
        server.enqueue(early);
    } else if (fault == QLatin1String("slow first byte")) {
        MockResponse slow = ok;
        slow.first_byte_delay_ms = 3000;
        server.enqueue(slow);
    } else if (fault == QLatin1String("401")) {
        server.enqueue(
            jsonError(401, R"({"error":{"message":"bad key","type":"authentication_error"}})"));
    } else if (fault == QLatin1String("429 then ok")) {
        MockResponse limited = jsonError(429, R"({"error":{"message":"slow down"}})");
        limited.headers = {{"retry-after", "0"}};
        server.enqueue(limited);
    } else if (fault == QLatin1String("500 three times")) {
        for (int i = 0; i < 3; ++i)
            server.enqueue(jsonError(500, R"({"error":{"message":"internal"}})"));
    } else if (fault == QLatin1String("529 then ok")) {
        server.enqueue(jsonError(
            529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
    }
    server.enqueue(ok); // what a retry would get

    ProviderConfig c = config(server, wire.kind, wire.base);
    c.timeouts = ProviderTimeouts{5000, 400, 400};
    RemoteBackend backend(c, QStringLiteral("m"));
    const Run r = run(backend);

    QCOMPARE(r.finished, 1);
    QCOMPARE(r.text, text);
    QCOMPARE(errorKindName(r.result.error), error);
    QCOMPARE(r.result.finish, error.isEmpty() ? FinishReason::Stop : FinishReason::Error);
    QCOMPARE(server.requests.size(), requests);
    QCOMPARE(r.result.details.value(QStringLiteral("attempts")).toInt(), requests);
    if (!error.isEmpty())
        QVERIFY(!r.result.error_message.isEmpty());
    checkNoKey(r);
}

QTEST_GUILESS_MAIN(FaultSuiteTest)
#include "fault_suite_test.moc"
