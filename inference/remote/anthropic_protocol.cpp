#include "inference/remote/anthropic_protocol.h"

#include "inference/remote/http_error.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kurabe::inference::remote {

HttpRequestSpec anthropicChatRequest(const ProviderConfig& config, const QString& model,
                                     const GenerationRequest& request)
{
    // System text is a top-level field; the messages alternate user/assistant.
    QStringList system;
    QJsonArray messages;
    for (const ChatMessage& message : request.messages) {
        if (message.role == QLatin1String("system"))
            system.append(message.content);
        else
            messages.append(QJsonObject{{QStringLiteral("role"), message.role},
                                        {QStringLiteral("content"), message.content}});
    }
    const SamplingParams& s = request.sampling;
    QJsonObject body{
        {QStringLiteral("model"), model},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("max_tokens"), s.max_tokens.value_or(config.default_max_tokens)},
        {QStringLiteral("stream"), true},
    };
    if (!system.isEmpty())
        body.insert(QStringLiteral("system"), system.join(QStringLiteral("\n\n")));
    if (s.temperature)
        body.insert(QStringLiteral("temperature"), *s.temperature);
    if (s.top_p)
        body.insert(QStringLiteral("top_p"), *s.top_p);
    if (s.top_k)
        body.insert(QStringLiteral("top_k"), *s.top_k);
    if (!s.stop.isEmpty())
        body.insert(QStringLiteral("stop_sequences"), QJsonArray::fromStringList(s.stop));

    HttpRequestSpec spec;
    spec.url = appendPath(config.base_url, QStringLiteral("/v1/messages"));
    spec.addHeader("Content-Type", "application/json");
    spec.addHeader("Accept", "text/event-stream");
    spec.addHeader("anthropic-version", kAnthropicVersion);
    if (!config.api_key.isEmpty())
        spec.addHeader("x-api-key", config.api_key.toUtf8());
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

FinishReason anthropicStopReason(const QString& reason)
{
    if (reason == QLatin1String("max_tokens"))
        return FinishReason::Length;
    if (reason == QLatin1String("tool_use"))
        return FinishReason::ToolCalls;
    if (reason == QLatin1String("refusal"))
        return FinishReason::ContentFilter;
    return FinishReason::Stop; // end_turn, stop_sequence, pause_turn
}

void AnthropicStreamDecoder::decode(QByteArrayView bytes, std::vector<StreamEvent>& events)
{
    std::vector<SseEvent> sse_events;
    sse_.feed(bytes, sse_events);
    for (const SseEvent& event : sse_events) {
        handle(event, events);
        if (done())
            return;
    }
    if (sse_.error())
        emitMalformed(events, *sse_.error());
}

void AnthropicStreamDecoder::handle(const SseEvent& event, std::vector<StreamEvent>& events)
{
    const std::optional<QJsonObject> data = parseObject(events, event.data.toUtf8());
    if (!data)
        return;
    // The data's "type" repeats the SSE event name; it is the one relied on.
    const QString type = data->value(QStringLiteral("type")).toString(event.event);
    if (type == QLatin1String("message_start")) {
        const QJsonObject usage = data->value(QStringLiteral("message"))
                                      .toObject()
                                      .value(QStringLiteral("usage"))
                                      .toObject();
        usage_.input_tokens = jsonInt(usage.value(QStringLiteral("input_tokens")));
        usage_.output_tokens = jsonInt(usage.value(QStringLiteral("output_tokens")));
        usage_.cached_input_tokens =
            jsonInt(usage.value(QStringLiteral("cache_read_input_tokens")));
    } else if (type == QLatin1String("content_block_start")) {
        const QJsonObject block = data->value(QStringLiteral("content_block")).toObject();
        const QString kind = block.value(QStringLiteral("type")).toString();
        if (kind == QLatin1String("text"))
            emitText(events, block.value(QStringLiteral("text")).toString());
        else if (kind == QLatin1String("thinking"))
            emitReasoning(events, block.value(QStringLiteral("thinking")).toString());
    } else if (type == QLatin1String("content_block_delta")) {
        const QJsonObject delta = data->value(QStringLiteral("delta")).toObject();
        const QString kind = delta.value(QStringLiteral("type")).toString();
        if (kind == QLatin1String("text_delta"))
            emitText(events, delta.value(QStringLiteral("text")).toString());
        else if (kind == QLatin1String("thinking_delta"))
            emitReasoning(events, delta.value(QStringLiteral("thinking")).toString());
        // input_json_delta (tool arguments) and signature_delta carry no text to show.
    } else if (type == QLatin1String("message_delta")) {
        const QJsonValue reason =
            data->value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason"));
        if (reason.isString())
            finish_ = anthropicStopReason(reason.toString());
        // message_delta usage counts are cumulative for the whole message.
        const QJsonObject usage = data->value(QStringLiteral("usage")).toObject();
        if (auto output = jsonInt(usage.value(QStringLiteral("output_tokens"))))
            usage_.output_tokens = output;
        if (auto input = jsonInt(usage.value(QStringLiteral("input_tokens"))))
            usage_.input_tokens = input;
        if (auto cached = jsonInt(usage.value(QStringLiteral("cache_read_input_tokens"))))
            usage_.cached_input_tokens = cached;
    } else if (type == QLatin1String("message_stop")) {
        emitUsage(events, usage_);
        emitFinish(events, finish_);
    } else if (type == QLatin1String("error")) {
        const ProviderError error = classifyErrorObject(*data);
        emitError(events, error.kind, error.message, error.retry_after_seconds);
    }
}

} // namespace kurabe::inference::remote
