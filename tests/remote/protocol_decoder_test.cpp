// The four provider decoders on wire samples written from each provider's documented stream
// format, every sample cut at every byte offset (and every pair of offsets) with the same
// events out. Faults: errors mid-stream, malformed JSON (text kept), streams that end early.
#include "event_text.h"
#include "inference/remote/anthropic_protocol.h"
#include "inference/remote/gemini_protocol.h"
#include "inference/remote/ollama_protocol.h"
#include "inference/remote/openai_protocol.h"

#include <QTest>

using namespace kurabe::inference::remote;
using kurabe::test::DecoderFactory;

namespace {

DecoderFactory factoryFor(const QString& provider)
{
    if (provider == QLatin1String("openai"))
        return [] { return std::make_unique<OpenAiStreamDecoder>(); };
    if (provider == QLatin1String("anthropic"))
        return [] { return std::make_unique<AnthropicStreamDecoder>(); };
    if (provider == QLatin1String("gemini"))
        return [] { return std::make_unique<GeminiStreamDecoder>(); };
    return [] { return std::make_unique<OllamaStreamDecoder>(); };
}

QByteArray sse(std::initializer_list<const char*> datas, const char* ending = "\n")
{
    QByteArray wire;
    for (const char* data : datas)
        wire += QByteArray("data: ") + data + ending + ending;
    return wire;
}

QByteArray anthropicEvent(const char* name, const char* data)
{
    return QByteArray("event: ") + name + "\ndata: " + data + "\n\n";
}

} // namespace

class ProtocolDecoderTest : public QObject
{
    Q_OBJECT
private slots:
    void decode_data();
    void decode();
    void ollamaTimings();
    void malformedKeepsTextAndSaysWhere();
};

void ProtocolDecoderTest::decode_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QStringList>("expected");

    // --- OpenAI chat completions ---
    QTest::addRow("openai text, usage, [DONE]")
        << "openai"
        << sse({R"({"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null})",
                R"({"id":"c1","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}],"usage":null})",
                R"({"id":"c1","choices":[{"index":0,"delta":{"content":", wörld 🌸"},"finish_reason":null}],"usage":null})",
                R"({"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null})",
                R"({"id":"c1","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16,"prompt_tokens_details":{"cached_tokens":8}}})",
                "[DONE]"})
        << QStringList{"T:Hello", QStringLiteral("T:, wörld 🌸"), "U:12,4,8", "F:stop"};
    QTest::addRow("openai reasoning_content (DeepSeek, vLLM), CRLF, keep-alive comments")
        << "openai"
        << QByteArray(": OPENROUTER PROCESSING\r\n\r\n") +
               sse({R"({"choices":[{"index":0,"delta":{"reasoning_content":"Let me think."}}]})",
                    R"({"choices":[{"index":0,"delta":{"reasoning":"More."}}]})",
                    R"({"choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"length"}]})",
                    "[DONE]"},
                   "\r\n")
        << QStringList{"R:Let me think.", "R:More.", "T:42", "F:length"};
    QTest::addRow("openai error object mid-stream")
        << "openai"
        << sse({R"({"choices":[{"index":0,"delta":{"content":"Par"}}]})",
                R"({"error":{"message":"The server had an error","type":"server_error","code":null}})"})
        << QStringList{"T:Par", "E:server"};
    QTest::addRow("openai finish without [DONE] still finishes")
        << "openai"
        << sse({R"({"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]})"})
        << QStringList{"T:ok", "F:stop"};
    QTest::addRow("openai ends before any finish")
        << "openai" << sse({R"({"choices":[{"index":0,"delta":{"content":"cut"}}]})"})
        << QStringList{"T:cut", "E:protocol"};
    QTest::addRow("openai malformed JSON keeps text")
        << "openai"
        << sse({R"({"choices":[{"index":0,"delta":{"content":"kept"}}]})", R"({"choices":[)"})
        << QStringList{"T:kept", "E:protocol"};

    // --- Anthropic Messages ---
    const QByteArray anthropic =
        anthropicEvent(
            "message_start",
            R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude","stop_reason":null,"usage":{"input_tokens":25,"cache_read_input_tokens":10,"output_tokens":1}}})") +
        anthropicEvent(
            "content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})") +
        anthropicEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm."}})") +
        anthropicEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}})") +
        anthropicEvent("content_block_stop", R"({"type":"content_block_stop","index":0})") +
        anthropicEvent("ping", R"({"type": "ping"})") +
        anthropicEvent(
            "content_block_start",
            R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})") +
        anthropicEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hello"}})") +
        anthropicEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" there"}})") +
        anthropicEvent("content_block_stop", R"({"type":"content_block_stop","index":1})") +
        anthropicEvent(
            "message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":15}})");
    QTest::addRow("anthropic thinking, text, usage")
        << "anthropic" << anthropic + anthropicEvent("message_stop", R"({"type":"message_stop"})")
        << QStringList{"R:Hmm.", "T:Hello", "T: there", "U:25,15,10", "F:length"};
    QTest::addRow("anthropic overloaded error mid-stream")
        << "anthropic"
        << anthropic.left(anthropic.indexOf(
               "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1")) +
               anthropicEvent(
                   "error",
                   R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << QStringList{"R:Hmm.", "T:Hello", "T: there", "E:overloaded"};
    QTest::addRow("anthropic ends without message_stop")
        << "anthropic" << anthropic << QStringList{"R:Hmm.", "T:Hello", "T: there", "E:protocol"};
    QTest::addRow("anthropic unknown event ignored")
        << "anthropic"
        << anthropicEvent("future_event", R"({"type":"future_event"})") +
               anthropicEvent(
                   "content_block_delta",
                   R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}})") +
               anthropicEvent("message_stop", R"({"type":"message_stop"})")
        << QStringList{"T:x", "U:-,-,-", "F:stop"};

    // --- Gemini ---
    QTest::addRow("gemini thoughts, text, usage")
        << "gemini"
        << sse({R"({"candidates":[{"content":{"parts":[{"text":"Considering.","thought":true}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7}})",
                R"({"candidates":[{"content":{"parts":[{"text":"Hi "},{"text":"日本"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":2,"thoughtsTokenCount":3}})",
                R"({"candidates":[{"content":{"parts":[{"text":"!"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":3,"thoughtsTokenCount":3,"cachedContentTokenCount":2,"totalTokenCount":13},"modelVersion":"gemini-2.5-flash"})"},
               "\r\n")
        << QStringList{"R:Considering.", "T:Hi ", QStringLiteral("T:日本"), "T:!",
                       "U:7,6,2",        "F:stop"};
    QTest::addRow("gemini safety stop")
        << "gemini"
        << sse({R"({"candidates":[{"content":{"parts":[{"text":"Par"}]},"finishReason":"SAFETY"}]})"})
        << QStringList{"T:Par", "F:content_filter"};
    QTest::addRow("gemini error chunk with RetryInfo")
        << "gemini"
        << sse({R"({"error":{"code":429,"message":"Quota exceeded. Please retry in 7.2s.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}})"})
        << QStringList{"E:rate_limited/7"};
    QTest::addRow("gemini ends without finishReason")
        << "gemini" << sse({R"({"candidates":[{"content":{"parts":[{"text":"a"}]}}]})"})
        << QStringList{"T:a", "E:protocol"};

    // --- Ollama native ---
    QTest::addRow("ollama ndjson")
        << "ollama"
        << QByteArray(
               R"({"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"ponder"},"done":false})"
               "\n"
               R"({"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"Hel"},"done":false})"
               "\n"
               R"({"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"lo ✓"},"done":false})"
               "\n"
               R"({"model":"llama3.2","created_at":"2025-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":5000000000,"load_duration":1000000,"prompt_eval_count":26,"prompt_eval_duration":130000000,"eval_count":2,"eval_duration":50000000})"
               "\n")
        << QStringList{"R:ponder", "T:Hel", QStringLiteral("T:lo ✓"), "U:26,2,-", "F:stop"};
    QTest::addRow("ollama error line") << "ollama"
                                       << QByteArray(R"({"error":"model 'nope' not found"})"
                                                     "\n")
                                       << QStringList{"E:server"};
    QTest::addRow("ollama length")
        << "ollama"
        << QByteArray(
               R"({"message":{"content":"a"},"done":true,"done_reason":"length","eval_count":1})")
        << QStringList{"T:a", "U:-,1,-", "F:length"};
    QTest::addRow("ollama malformed line")
        << "ollama" << QByteArray("{\"message\":{\"content\":\"ok\"},\"done\":false}\n{nope}\n")
        << QStringList{"T:ok", "E:protocol"};
}

void ProtocolDecoderTest::decode()
{
    QFETCH(QString, provider);
    QFETCH(QByteArray, wire);
    QFETCH(QStringList, expected);
    QCOMPARE(kurabe::test::decodeEverySplit(factoryFor(provider), wire), expected);
}

void ProtocolDecoderTest::ollamaTimings()
{
    OllamaStreamDecoder decoder;
    std::vector<kurabe::inference::StreamEvent> events;
    decoder.feed(
        R"({"message":{"content":"a"},"done":true,"prompt_eval_count":26,"prompt_eval_duration":130000000,"eval_count":290,"eval_duration":4709213000,"load_duration":5025959})"
        "\n",
        events);
    QCOMPARE(decoder.timings().eval_count, std::optional<int64_t>(290));
    QCOMPARE(decoder.timings().eval_duration_ns, std::optional<int64_t>(4709213000));
    QCOMPARE(decoder.timings().prompt_eval_duration_ns, std::optional<int64_t>(130000000));
    QCOMPARE(decoder.timings().load_duration_ns, std::optional<int64_t>(5025959));
}

void ProtocolDecoderTest::malformedKeepsTextAndSaysWhere()
{
    OpenAiStreamDecoder decoder;
    std::vector<kurabe::inference::StreamEvent> events;
    decoder.feed(sse({R"({"choices":[{"delta":{"content":"abc"}}]})", "{broken"}), events);
    QCOMPARE(events.size(), size_t(2));
    QCOMPARE(events[0].text, QStringLiteral("abc"));
    QCOMPARE(events[1].error, kurabe::inference::ErrorKind::Protocol);
    QVERIFY2(events[1].text.contains(QLatin1String("after 3 characters")),
             qPrintable(events[1].text));
    QVERIFY2(events[1].text.contains(QLatin1String("malformed JSON")), qPrintable(events[1].text));
    // After the terminal event, more bytes change nothing.
    decoder.feed(sse({R"({"choices":[{"delta":{"content":"more"}}]})"}), events);
    decoder.finish(events);
    QCOMPARE(events.size(), size_t(2));
}

QTEST_GUILESS_MAIN(ProtocolDecoderTest)
#include "protocol_decoder_test.moc"
