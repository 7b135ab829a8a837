#include "inference/remote/openai_protocol.h"

#include "inference/remote/http_error.h"
#include "inference/remote/provider_presets.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kurabe::inference::remote {

namespace {

// Presets whose servers accept llama.cpp-style sampling fields (top_k, min_p, repeat_penalty).
bool acceptsLocalSampling(const QString& preset)
{
    const ProviderPreset* found = findPreset(preset);
    return !found || found->local || QLatin1String(found->id) == "custom";
}

} // namespace

HttpRequestSpec openAiChatRequest(const ProviderConfig& config, const QString& model,
                                  const GenerationRequest& request)
{
    QJsonArray messages;
    for (const ChatMessage& message : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), message.role},
                                    {QStringLiteral("content"), message.content}});
    QJsonObject body{
        {QStringLiteral("model"), model},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("stream"), true},
        {QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}}},
    };
    const SamplingParams& s = request.sampling;
    if (s.temperature)
        body.insert(QStringLiteral("temperature"), *s.temperature);
    if (s.top_p)
        body.insert(QStringLiteral("top_p"), *s.top_p);
    if (s.presence_penalty)
        body.insert(QStringLiteral("presence_penalty"), *s.presence_penalty);
    if (s.frequency_penalty)
        body.insert(QStringLiteral("frequency_penalty"), *s.frequency_penalty);
    // JSON numbers are doubles: seeds above 2^53 would be rounded, so they are folded into range.
    if (s.seed)
        body.insert(QStringLiteral("seed"), static_cast<qint64>(*s.seed & ((1ull << 53) - 1)));
    if (s.max_tokens) {
        // OpenAI itself replaced max_tokens (refused by its reasoning models); other servers
        // know only max_tokens.
        body.insert(config.preset == QLatin1String("openai")
                        ? QStringLiteral("max_completion_tokens")
                        : QStringLiteral("max_tokens"),
                    *s.max_tokens);
    }
    if (!s.stop.isEmpty())
        body.insert(QStringLiteral("stop"), QJsonArray::fromStringList(s.stop));
    if (acceptsLocalSampling(config.preset)) {
        if (s.top_k)
            body.insert(QStringLiteral("top_k"), *s.top_k);
        if (s.min_p)
            body.insert(QStringLiteral("min_p"), *s.min_p);
        if (s.repeat_penalty)
            body.insert(QStringLiteral("repeat_penalty"), *s.repeat_penalty);
    }

    HttpRequestSpec spec;
    spec.url = appendPath(config.base_url, QStringLiteral("/chat/completions"));
    spec.addHeader("Content-Type", "application/json");
    spec.addHeader("Accept", "text/event-stream");
    if (!config.api_key.isEmpty())
        spec.addHeader("Authorization", "Bearer " + config.api_key.toUtf8());
    if (config.preset == QLatin1String("openrouter"))
        spec.addHeader("X-Title", "Kurabe");
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

FinishReason openAiFinishReason(const QString& reason)
{
    if (reason == QLatin1String("length"))
        return FinishReason::Length;
    if (reason == QLatin1String("content_filter"))
        return FinishReason::ContentFilter;
    if (reason == QLatin1String("tool_calls") || reason == QLatin1String("function_call"))
        return FinishReason::ToolCalls;
    return FinishReason::Stop;
}

void OpenAiStreamDecoder::decode(QByteArrayView bytes, std::vector<StreamEvent>& events)
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

void OpenAiStreamDecoder::handle(const SseEvent& event, std::vector<StreamEvent>& events)
{
    if (event.data == QLatin1String("[DONE]")) {
        emitFinish(events, finish_.value_or(FinishReason::Stop));
        return;
    }
    const std::optional<QJsonObject> chunk = parseObject(events, event.data.toUtf8());
    if (!chunk)
        return;
    if (chunk->contains(QStringLiteral("error"))) {
        const ProviderError error = classifyErrorObject(chunk->value(QStringLiteral("error")));
        emitError(events, error.kind, error.message, error.retry_after_seconds);
        return;
    }
    const QJsonArray choices = chunk->value(QStringLiteral("choices")).toArray();
    if (!choices.isEmpty()) {
        // One answer is asked for (n = 1): choice 0.
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        for (const char* key : {"reasoning_content", "reasoning"}) {
            const QJsonValue reasoning = delta.value(QLatin1String(key));
            if (reasoning.isString()) {
                emitReasoning(events, reasoning.toString());
                break;
            }
        }
        emitText(events, delta.value(QStringLiteral("content")).toString());
        const QJsonValue reason = choice.value(QStringLiteral("finish_reason"));
        if (reason.isString())
            finish_ = openAiFinishReason(reason.toString());
    }
    const QJsonValue usage_value = chunk->value(QStringLiteral("usage"));
    if (usage_value.isObject()) {
        const QJsonObject usage = usage_value.toObject();
        Usage parsed;
        parsed.input_tokens = jsonInt(usage.value(QStringLiteral("prompt_tokens")));
        parsed.output_tokens = jsonInt(usage.value(QStringLiteral("completion_tokens")));
        parsed.cached_input_tokens = jsonInt(usage.value(QStringLiteral("prompt_tokens_details"))
                                                 .toObject()
                                                 .value(QStringLiteral("cached_tokens")));
        emitUsage(events, parsed);
    }
}

void OpenAiStreamDecoder::decodeEnd(std::vector<StreamEvent>& events)
{
    // Some OpenAI-compatible servers close the stream after the finish_reason chunk without
    // "[DONE]"; a finish reason seen is an answer that ended properly.
    if (finish_ && !sse_.hasPendingData())
        emitFinish(events, *finish_);
}

} // namespace kurabe::inference::remote
