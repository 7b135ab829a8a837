// The network client against the loopback fake provider: every wire format streamed a byte at
// a time with its metrics (usage, cost, TTFT, request id, rate-limit headers); Retry-After
// honoured; a key echoed in an error body redacted; cancellation mid-stream and while queued;
// the per-provider limit; https for cloud presets; model listing with its cache. The fault
// matrix (every provider x every fault) is fault_suite_test.cpp.
#include "generation_run.h"
#include "inference/remote/model_lister.h"
#include "inference/remote/provider_queue.h"
#include "inference/remote/remote_backend.h"
#include "mock_provider_server.h"
#include "wire_samples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace kurabe::inference;
using namespace kurabe::inference::remote;
using namespace kurabe::test;

class RemoteBackendTest : public QObject
{
    Q_OBJECT
private slots:
    void streamsEveryProtocol_data();
    void streamsEveryProtocol();
    void measuresGenerationSpeed();
    void retriesAfter429WithRetryAfter();
    void authErrorIsNotRetried();
    void cancelMidStream();
    void cancelWhileQueued();
    void cloudPresetNeedsHttps();
    void connectionRefused();
    void listsModelsWithCache();
};

void RemoteBackendTest::streamsEveryProtocol_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("key_header");
    QTest::addColumn<QByteArray>("key_value");
    QTest::addRow("openai") << int(ProviderKind::OpenAiCompatible) << "/v1" << kOpenAiStream
                            << QByteArray("/v1/chat/completions") << QByteArray("authorization")
                            << "Bearer " + kKey.toUtf8();
    QTest::addRow("anthropic") << int(ProviderKind::Anthropic) << "" << kAnthropicStream
                               << QByteArray("/v1/messages") << QByteArray("x-api-key")
                               << kKey.toUtf8();
    QTest::addRow("gemini") << int(ProviderKind::Gemini) << "/v1beta" << kGeminiStream
                            << QByteArray("/v1beta/models/m:streamGenerateContent?alt=sse")
                            << QByteArray("x-goog-api-key") << kKey.toUtf8();
    QTest::addRow("ollama") << int(ProviderKind::Ollama) << "" << kOllamaStream
                            << QByteArray("/api/chat") << QByteArray("authorization")
                            << "Bearer " + kKey.toUtf8();
}

void RemoteBackendTest::streamsEveryProtocol()
{
    QFETCH(int, kind);
    QFETCH(QString, base);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, key_header);
    QFETCH(QByteArray, key_value);
    MockProviderServer server;
    MockResponse response;
    response.body = wire;
    response.chunk_bytes = 1; // a byte at a time: every split a real network could make
    response.headers = {{"x-request-id", "req_42"},
                        {"x-ratelimit-remaining-requests", "99"},
                        {"anthropic-ratelimit-tokens-remaining", "5000"}};
    server.enqueue(response);
    ProviderQueue queue;
    RemoteBackend backend(config(server, ProviderKind(kind), base), QStringLiteral("m"), nullptr,
                          nullptr, &queue);
    const Run r = run(backend);

    QCOMPARE(r.text, QStringLiteral("Hello, world"));
    QCOMPARE(r.finished, 1);
    QCOMPARE(r.result.finish, FinishReason::Stop);
    QCOMPARE(r.result.error, ErrorKind::None);
    QCOMPARE(r.result.usage.input_tokens, std::optional<int64_t>(1000000));
    QCOMPARE(r.result.usage.output_tokens, std::optional<int64_t>(500000));
    QVERIFY(!r.result.usage.estimated);
    // 1M input tokens at $2/M plus 0.5M output tokens at $8/M.
    QVERIFY(r.result.cost_usd.has_value());
    QCOMPARE(*r.result.cost_usd, 6.0);
    QVERIFY(r.result.ttft_ms.has_value());
    QVERIFY(r.result.wall_ms >= *r.result.ttft_ms);
    QCOMPARE(r.result.request_id, QStringLiteral("req_42"));
    const QJsonObject limits = r.result.details.value(QStringLiteral("rate_limits")).toObject();
    QCOMPARE(limits.value(QStringLiteral("x-ratelimit-remaining-requests")).toString(),
             QStringLiteral("99"));
    QCOMPARE(limits.value(QStringLiteral("anthropic-ratelimit-tokens-remaining")).toString(),
             QStringLiteral("5000"));
    if (ProviderKind(kind) == ProviderKind::Ollama) {
        // Server-measured: 500000 tokens in 250 s.
        QVERIFY(r.result.tokens_per_second.has_value());
        QCOMPARE(*r.result.tokens_per_second, 2000.0);
    }

    QCOMPARE(server.requests.size(), 1);
    const auto& sent = server.requests.front();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, path);
    QCOMPARE(sent.headers.value(key_header), key_value);
    QVERIFY2(!sent.path.contains(kKey.toUtf8()), "the key must never be in the URL");
    const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
    QVERIFY(!body.isEmpty());
    if (ProviderKind(kind) == ProviderKind::Anthropic) {
        QCOMPARE(sent.headers.value("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 64);
        QCOMPARE(body.value(QStringLiteral("system")).toString(), QStringLiteral("Be brief."));
    }
    if (ProviderKind(kind) == ProviderKind::OpenAiCompatible) {
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
        QCOMPARE(body.value(QStringLiteral("stream_options"))
                     .toObject()
                     .value(QStringLiteral("include_usage"))
                     .toBool(),
                 true);
    }
    if (ProviderKind(kind) == ProviderKind::Gemini) {
        QCOMPARE(body.value(QStringLiteral("generationConfig"))
                     .toObject()
                     .value(QStringLiteral("maxOutputTokens"))
                     .toInt(),
                 64);
    }
    QCOMPARE(queue.running(QStringLiteral("mock")), 0);
}

void RemoteBackendTest::measuresGenerationSpeed()
{
    MockProviderServer server;
    MockResponse paced;
    paced.body = kOpenAiStream;
    paced.chunk_bytes = 64;
    paced.chunk_delay_ms = 15;
    server.enqueue(paced);
    MockResponse burst; // the whole answer in one chunk: too short a window for a rate
    burst.body = kOpenAiStream;
    burst.chunk_bytes = static_cast<int>(kOpenAiStream.size());
    server.enqueue(burst);
    RemoteBackend backend(config(server, ProviderKind::OpenAiCompatible, "/v1"), "m");
    const Run r = run(backend);
    QCOMPARE(r.result.finish, FinishReason::Stop);
    QVERIFY(r.result.tokens_per_second.has_value());
    QVERIFY(*r.result.tokens_per_second > 0);
    QVERIFY(*r.result.ttft_ms <= r.result.wall_ms);
    const Run burst_run = run(backend);
    QCOMPARE(burst_run.text, QStringLiteral("Hello, world"));
    QVERIFY(!burst_run.result.tokens_per_second.has_value());
}

void RemoteBackendTest::retriesAfter429WithRetryAfter()
{
    MockProviderServer server;
    MockResponse limited;
    limited.status = 429;
    limited.content_type = "application/json";
    limited.headers = {{"retry-after", "1"}};
    limited.body = R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})";
    server.enqueue(limited);
    MockResponse ok;
    ok.body = kOpenAiStream;
    server.enqueue(ok);
    RemoteBackend backend(config(server, ProviderKind::OpenAiCompatible, "/v1"), "m");
    const Run r = run(backend);
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(r.text, QStringLiteral("Hello, world"));
    QCOMPARE(r.result.finish, FinishReason::Stop);
    const QJsonArray retries = r.result.details.value(QStringLiteral("retries")).toArray();
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries[0].toObject().value(QStringLiteral("delay_ms")).toInt(), 1000);
    QCOMPARE(retries[0].toObject().value(QStringLiteral("error")).toString(),
             QStringLiteral("rate_limited"));
    QVERIFY(r.result.wall_ms >= 1000);
}

void RemoteBackendTest::authErrorIsNotRetried()
{
    MockProviderServer server;
    MockResponse denied;
    denied.status = 401;
    denied.content_type = "application/json";
    // A provider echoing the key back must not put it in front of the user.
    denied.body = "{\"error\":{\"message\":\"Incorrect API key provided: " + kKey.toUtf8() +
                  "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
    server.enqueue(denied);
    server.enqueue(MockResponse{});
    RemoteBackend backend(config(server, ProviderKind::OpenAiCompatible, "/v1"), "m");
    const Run r = run(backend);
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(r.result.error, ErrorKind::Auth);
    QVERIFY(r.result.error_message.contains(QLatin1String("[key]")));
    checkNoKey(r);
}

void RemoteBackendTest::cancelMidStream()
{
    MockProviderServer server;
    MockResponse stall;
    stall.body = kOpenAiStream;
    stall.end = MockResponse::End::Stall;
    stall.end_after = kOpenAiStream.indexOf("\n\n") + 2;
    server.enqueue(stall);
    ProviderQueue queue;
    RemoteBackend backend(config(server, ProviderKind::OpenAiCompatible, "/v1"), "m", nullptr,
                          nullptr, &queue);
    const Run r = run(backend, [](Generation* generation) { generation->cancel(); });
    QCOMPARE(r.finished, 1);
    QCOMPARE(r.result.finish, FinishReason::Cancelled);
    QCOMPARE(r.result.error, ErrorKind::Cancelled);
    QCOMPARE(r.text, QStringLiteral("Hello"));
    QCOMPARE(queue.running(QStringLiteral("mock")), 0);
}

void RemoteBackendTest::cancelWhileQueued()
{
    MockProviderServer server;
    MockResponse stall;
    stall.body = kOpenAiStream;
    stall.end = MockResponse::End::Stall;
    stall.end_after = kOpenAiStream.indexOf("\n\n") + 2;
    server.enqueue(stall);
    MockResponse ok;
    ok.body = kOpenAiStream;
    server.enqueue(ok);
    ProviderQueue queue;
    ProviderConfig c = config(server, ProviderKind::OpenAiCompatible, "/v1");
    c.max_concurrent = 1;
    RemoteBackend backend(c, "m", nullptr, nullptr, &queue);

    std::unique_ptr<Generation> first(backend.start(request()));
    QString first_text;
    connect(first.get(), &Generation::textDelta, [&](const QString& t) { first_text += t; });
    QVERIFY(QTest::qWaitFor([&] { return !first_text.isEmpty(); }, 10000));
    // The limit is one: a second and third request wait.
    std::unique_ptr<Generation> second(backend.start(request()));
    std::unique_ptr<Generation> third(backend.start(request()));
    QCOMPARE(queue.running(QStringLiteral("mock")), 1);
    QCOMPARE(queue.waiting(QStringLiteral("mock")), 2);
    int third_finished = 0;
    GenerationResult third_result;
    connect(third.get(), &Generation::finished, [&](const GenerationResult& result) {
        third_result = result;
        ++third_finished;
    });
    third->cancel();
    QVERIFY(QTest::qWaitFor([&] { return third_finished == 1; }, 5000));
    QCOMPARE(third_result.finish, FinishReason::Cancelled);
    QCOMPARE(queue.waiting(QStringLiteral("mock")), 1);
    QCOMPARE(server.requests.size(), 1);

    // Ending the first lets the second through.
    QString second_text;
    int second_finished = 0;
    connect(second.get(), &Generation::textDelta, [&](const QString& t) { second_text += t; });
    connect(second.get(), &Generation::finished,
            [&](const GenerationResult&) { ++second_finished; });
    first->cancel();
    QVERIFY(QTest::qWaitFor([&] { return second_finished == 1; }, 10000));
    QCOMPARE(second_text, QStringLiteral("Hello, world"));
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(queue.running(QStringLiteral("mock")), 0);
}

void RemoteBackendTest::cloudPresetNeedsHttps()
{
    MockProviderServer server;
    ProviderConfig c = config(server, ProviderKind::OpenAiCompatible, "/v1");
    c.preset = QStringLiteral("openai");
    c.base_url = QUrl(QStringLiteral("http://api.openai.com/v1"));
    RemoteBackend backend(c, "m");
    const Run r = run(backend);
    QCOMPARE(r.result.error, ErrorKind::Network);
    QVERIFY2(r.result.error_message.contains(QLatin1String("https")),
             qPrintable(r.result.error_message));
    QCOMPARE(server.requests.size(), 0);
    // The same preset pointed at a server on this machine may use http.
    c.base_url = server.url(QStringLiteral("/v1"));
    MockResponse ok;
    ok.body = kOpenAiStream;
    server.enqueue(ok);
    RemoteBackend local(c, "m");
    QCOMPARE(run(local).result.finish, FinishReason::Stop);
}

void RemoteBackendTest::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    ProviderConfig c;
    c.name = QStringLiteral("gone");
    c.preset = QStringLiteral("llamacpp");
    c.base_url = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
    c.api_key = kKey;
    RemoteBackend backend(c, "m");
    const Run r = run(backend);
    QCOMPARE(r.result.error, ErrorKind::Network);
    QVERIFY2(r.result.error_message.contains(QLatin1String("127.0.0.1")),
             qPrintable(r.result.error_message));
    checkNoKey(r);
}

void RemoteBackendTest::listsModelsWithCache()
{
    MockProviderServer server;
    MockResponse models;
    models.content_type = "application/json";
    models.body =
        R"({"object":"list","data":[{"id":"zeta","object":"model"},{"id":"alpha","object":"model"}]})";
    server.enqueue(models);
    ModelLister lister;
    const ProviderConfig c = config(server, ProviderKind::OpenAiCompatible, "/v1");
    ModelListResult result;
    int calls = 0;
    const auto done = [&](const ModelListResult& r) {
        result = r;
        ++calls;
    };
    lister.list(c, done);
    QVERIFY(QTest::qWaitFor([&] { return calls == 1; }, 10000));
    QCOMPARE(result.error, ErrorKind::None);
    QCOMPARE(result.models, QStringList({"alpha", "zeta"}));
    QVERIFY(!result.from_cache);
    QCOMPARE(server.requests.front().path, QByteArray("/v1/models"));
    QCOMPARE(server.requests.front().method, QByteArray("GET"));

    lister.list(c, done);
    QVERIFY(QTest::qWaitFor([&] { return calls == 2; }, 10000));
    QVERIFY(result.from_cache);
    QCOMPARE(result.models, QStringList({"alpha", "zeta"}));
    QCOMPARE(server.requests.size(), 1);

    lister.invalidate(c.name); // the next call asks again; the server now answers 401
    MockResponse denied;
    denied.status = 401;
    denied.content_type = "application/json";
    denied.body = R"({"error":{"message":"bad key","code":"invalid_api_key"}})";
    server.enqueue(denied);
    lister.list(c, done);
    QVERIFY(QTest::qWaitFor([&] { return calls == 3; }, 10000));
    QCOMPARE(result.error, ErrorKind::Auth);
}

QTEST_GUILESS_MAIN(RemoteBackendTest)
#include "remote_backend_test.moc"
