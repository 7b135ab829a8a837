// The request side of each protocol: URLs, headers and JSON bodies as each provider documents
// them; model-list parsing; the transport rule (https for cloud services); the queue.
#include "inference/remote/provider_presets.h"
#include "inference/remote/provider_protocol.h"
#include "inference/remote/provider_queue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kurabe::inference;
using namespace kurabe::inference::remote;

namespace {

ProviderConfig preset(const char* id)
{
    const ProviderPreset* p = findPreset(QString::fromLatin1(id));
    ProviderConfig config;
    config.name = QString::fromLatin1(id);
    config.preset = QString::fromLatin1(id);
    config.kind = p->kind;
    config.base_url = QUrl(QString::fromLatin1(p->base_url));
    config.api_key = QStringLiteral("KEY");
    return config;
}

GenerationRequest conversation()
{
    GenerationRequest request;
    request.messages = {{QStringLiteral("system"), QStringLiteral("Sys.")},
                        {QStringLiteral("user"), QStringLiteral("Hi")},
                        {QStringLiteral("assistant"), QStringLiteral("Hello")},
                        {QStringLiteral("user"), QStringLiteral("Again")}};
    request.sampling.temperature = 0.7;
    request.sampling.top_k = 20;
    request.sampling.min_p = 0.05;
    request.sampling.max_tokens = 100;
    request.sampling.seed = 42;
    request.sampling.stop = {QStringLiteral("END")};
    return request;
}

QJsonObject body(const HttpRequestSpec& spec)
{
    return QJsonDocument::fromJson(spec.body).object();
}

} // namespace

class ProtocolRequestTest : public QObject
{
    Q_OBJECT
private slots:
    void openAi();
    void openAiCompatibleLocal();
    void anthropic();
    void gemini();
    void ollama();
    void modelLists_data();
    void modelLists();
    void transport_data();
    void transport();
    void presetsAreConsistent();
    void queueLimitsAndOrders();
};

void ProtocolRequestTest::openAi()
{
    const HttpRequestSpec spec =
        chatRequest(preset("openai"), QStringLiteral("gpt-4o"), conversation());
    QCOMPARE(spec.url.toString(), QStringLiteral("https://api.openai.com/v1/chat/completions"));
    QCOMPARE(spec.header("authorization"), QByteArray("Bearer KEY"));
    const QJsonObject b = body(spec);
    QCOMPARE(b.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o"));
    QCOMPARE(b.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(b.value(QStringLiteral("stream_options"))
                 .toObject()
                 .value(QStringLiteral("include_usage"))
                 .toBool(),
             true);
    QCOMPARE(b.value(QStringLiteral("messages")).toArray().size(), 4);
    QCOMPARE(b.value(QStringLiteral("messages"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toString(),
             QStringLiteral("system"));
    QCOMPARE(b.value(QStringLiteral("max_completion_tokens")).toInt(), 100);
    QVERIFY(!b.contains(QStringLiteral("max_tokens")));
    QCOMPARE(b.value(QStringLiteral("seed")).toInteger(), 42);
    QCOMPARE(b.value(QStringLiteral("stop")).toArray().size(), 1);
    QVERIFY(!b.contains(QStringLiteral("top_k"))); // not an OpenAI parameter
}

void ProtocolRequestTest::openAiCompatibleLocal()
{
    ProviderConfig config = preset("llamacpp");
    config.api_key.clear();
    const HttpRequestSpec spec = chatRequest(config, QStringLiteral("m"), conversation());
    QCOMPARE(spec.url.toString(), QStringLiteral("http://127.0.0.1:8080/v1/chat/completions"));
    QVERIFY(spec.header("authorization").isEmpty());
    const QJsonObject b = body(spec);
    QCOMPARE(b.value(QStringLiteral("max_tokens")).toInt(), 100);
    QCOMPARE(b.value(QStringLiteral("top_k")).toInt(), 20);
    QCOMPARE(b.value(QStringLiteral("min_p")).toDouble(), 0.05);
    // A base URL with a trailing slash joins the same way.
    config.base_url = QUrl(QStringLiteral("http://10.0.0.5:8000/v1/"));
    QCOMPARE(chatRequest(config, "m", conversation()).url.toString(),
             QStringLiteral("http://10.0.0.5:8000/v1/chat/completions"));
}

void ProtocolRequestTest::anthropic()
{
    GenerationRequest request = conversation();
    request.sampling.max_tokens.reset();
    const HttpRequestSpec spec =
        chatRequest(preset("anthropic"), QStringLiteral("claude-x"), request);
    QCOMPARE(spec.url.toString(), QStringLiteral("https://api.anthropic.com/v1/messages"));
    QCOMPARE(spec.header("x-api-key"), QByteArray("KEY"));
    QCOMPARE(spec.header("anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(spec.header("authorization").isEmpty());
    const QJsonObject b = body(spec);
    QCOMPARE(b.value(QStringLiteral("system")).toString(), QStringLiteral("Sys."));
    QCOMPARE(b.value(QStringLiteral("messages")).toArray().size(), 3); // system is not a message
    QCOMPARE(b.value(QStringLiteral("max_tokens")).toInt(), 4096);     // required: the default
    QCOMPARE(b.value(QStringLiteral("stop_sequences")).toArray()[0].toString(),
             QStringLiteral("END"));
    QCOMPARE(b.value(QStringLiteral("top_k")).toInt(), 20);
    QCOMPARE(b.value(QStringLiteral("stream")).toBool(), true);
}

void ProtocolRequestTest::gemini()
{
    const HttpRequestSpec spec =
        chatRequest(preset("gemini"), QStringLiteral("gemini-2.5-flash"), conversation());
    QCOMPARE(spec.url.toString(),
             QStringLiteral("https://generativelanguage.googleapis.com/v1beta/models/"
                            "gemini-2.5-flash:streamGenerateContent?alt=sse"));
    QVERIFY(!spec.url.toString().contains(QLatin1String("KEY")));
    QCOMPARE(spec.header("x-goog-api-key"), QByteArray("KEY"));
    const QJsonObject b = body(spec);
    const QJsonArray contents = b.value(QStringLiteral("contents")).toArray();
    QCOMPARE(contents.size(), 3);
    QCOMPARE(contents[1].toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("model"));
    QCOMPARE(contents[1]
                 .toObject()
                 .value(QStringLiteral("parts"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("Hello"));
    QCOMPARE(b.value(QStringLiteral("systemInstruction"))
                 .toObject()
                 .value(QStringLiteral("parts"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("Sys."));
    const QJsonObject generation = b.value(QStringLiteral("generationConfig")).toObject();
    QCOMPARE(generation.value(QStringLiteral("maxOutputTokens")).toInt(), 100);
    QCOMPARE(generation.value(QStringLiteral("topK")).toInt(), 20);
    QCOMPARE(generation.value(QStringLiteral("stopSequences")).toArray().size(), 1);
}

void ProtocolRequestTest::ollama()
{
    ProviderConfig config = preset("ollama");
    config.api_key.clear();
    const HttpRequestSpec spec = chatRequest(config, QStringLiteral("llama3.2"), conversation());
    QCOMPARE(spec.url.toString(), QStringLiteral("http://127.0.0.1:11434/api/chat"));
    const QJsonObject b = body(spec);
    QCOMPARE(b.value(QStringLiteral("stream")).toBool(), true);
    const QJsonObject options = b.value(QStringLiteral("options")).toObject();
    QCOMPARE(options.value(QStringLiteral("num_predict")).toInt(), 100);
    QCOMPARE(options.value(QStringLiteral("min_p")).toDouble(), 0.05);
    QCOMPARE(options.value(QStringLiteral("seed")).toInt(), 42);
    QVERIFY(spec.header("authorization").isEmpty());
}

void ProtocolRequestTest::modelLists_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("openai")
        << int(ProviderKind::OpenAiCompatible)
        << QByteArray(
               R"({"object":"list","data":[{"id":"gpt-b","object":"model"},{"id":"gpt-a"}]})")
        << QStringList{"gpt-a", "gpt-b"};
    QTest::addRow("anthropic")
        << int(ProviderKind::Anthropic)
        << QByteArray(
               R"({"data":[{"type":"model","id":"claude-z","display_name":"Z"}],"has_more":false})")
        << QStringList{"claude-z"};
    QTest::addRow("gemini skips embedding models")
        << int(ProviderKind::Gemini)
        << QByteArray(
               R"({"models":[{"name":"models/gemini-2.5-flash","supportedGenerationMethods":["generateContent","countTokens"]},{"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}]})")
        << QStringList{"gemini-2.5-flash"};
    QTest::addRow("ollama tags")
        << int(ProviderKind::Ollama)
        << QByteArray(
               R"({"models":[{"name":"qwen3:8b","model":"qwen3:8b","size":1},{"name":"llama3.2:latest"}]})")
        << QStringList{"llama3.2:latest", "qwen3:8b"};
}

void ProtocolRequestTest::modelLists()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);
    QCOMPARE(parseModelList(ProviderKind(kind), body), std::optional<QStringList>(expected));
    QCOMPARE(parseModelList(ProviderKind(kind), "<html>"), std::nullopt);
    QCOMPARE(parseModelList(ProviderKind(kind), "{}"), std::nullopt);
}

void ProtocolRequestTest::transport_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::addRow("cloud https") << "openai"
                                 << "https://api.openai.com/v1" << true;
    QTest::addRow("cloud http") << "anthropic"
                                << "http://api.anthropic.com" << false;
    QTest::addRow("cloud preset via loopback proxy") << "openai"
                                                     << "http://127.0.0.1:9000/v1" << true;
    QTest::addRow("cloud preset via LAN gateway") << "gemini"
                                                  << "http://192.168.1.20/v1beta" << true;
    QTest::addRow("cloud preset, public http") << "groq"
                                               << "http://203.0.113.9/v1" << false;
    QTest::addRow("local server preset, any http") << "vllm"
                                                   << "http://gpu-box.example:8000/v1" << true;
    QTest::addRow("custom, http") << "custom"
                                  << "http://my-gateway.example/v1" << true;
    QTest::addRow("localhost name") << "openai"
                                    << "http://localhost:8080/v1" << true;
    QTest::addRow("ipv6 loopback") << "openai"
                                   << "http://[::1]:8080/v1" << true;
    QTest::addRow("172.16/12") << "openai"
                               << "http://172.20.0.3/v1" << true;
    QTest::addRow("172.32 is public") << "openai"
                                      << "http://172.32.0.3/v1" << false;
    QTest::addRow("ftp") << "custom"
                         << "ftp://x/v1" << false;
    QTest::addRow("no host") << "custom"
                             << "not a url" << false;
}

void ProtocolRequestTest::transport()
{
    QFETCH(QString, preset);
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    ProviderConfig config;
    config.name = QStringLiteral("p");
    config.preset = preset;
    config.base_url = QUrl(url);
    const auto problem = checkTransport(config);
    QVERIFY2(problem.has_value() != allowed, problem ? qPrintable(*problem) : "allowed");
}

void ProtocolRequestTest::presetsAreConsistent()
{
    for (const ProviderPreset& p : providerPresets()) {
        const QString url = QString::fromLatin1(p.base_url);
        if (QLatin1String(p.id) == "custom") {
            QVERIFY(url.isEmpty());
            continue;
        }
        // Cloud services are https; local servers sit on loopback.
        QCOMPARE(url.startsWith(QLatin1String("https://")), !p.local);
        QCOMPARE(p.needs_key, !p.local);
        ProviderConfig config = preset(p.id);
        QVERIFY2(!checkTransport(config), p.id);
    }
}

void ProtocolRequestTest::queueLimitsAndOrders()
{
    ProviderQueue queue;
    QStringList started;
    const auto a = queue.enqueue("p", 2, [&] { started << "a"; });
    const auto b = queue.enqueue("p", 2, [&] { started << "b"; });
    const auto c = queue.enqueue("p", 2, [&] { started << "c"; });
    const auto d = queue.enqueue("p", 2, [&] { started << "d"; });
    queue.enqueue("other", 1, [&] { started << "x"; });
    QCOMPARE(started, QStringList({"a", "b", "x"}));
    QCOMPARE(queue.running("p"), 2);
    QCOMPARE(queue.waiting("p"), 2);
    queue.release(c); // withdrawn while waiting
    QCOMPARE(queue.waiting("p"), 1);
    queue.release(a);
    QCOMPARE(started, QStringList({"a", "b", "x", "d"}));
    queue.release(a); // twice: ignored
    QCOMPARE(queue.running("p"), 2);
    queue.release(b);
    queue.release(d);
    QCOMPARE(queue.running("p"), 0);
    QCOMPARE(queue.waiting("p"), 0);
}

QTEST_GUILESS_MAIN(ProtocolRequestTest)
#include "protocol_request_test.moc"
