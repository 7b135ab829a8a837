#include "inference/remote/gemini_protocol.h"

#include "inference/remote/http_error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace kurabe::inference::remote {

HttpRequestSpec geminiChatRequest(const ProviderConfig& config, const QString& model,
                                  const GenerationRequest& request)
{
    QStringList system;
    QJsonArray contents;
    for (const ChatMessage& message : request.messages) {
        if (message.role == QLatin1String("system")) {
            system.append(message.content);
            continue;
        }
        const QJsonArray parts{QJsonObject{{QStringLiteral("text"), message.content}}};
        const QString role = message.role == QLatin1String("assistant") ? QStringLiteral("model")
                                                                        : QStringLiteral("user");
        contents.append(
            QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("parts"), parts}});
    }
    QJsonObject body{{QStringLiteral("contents"), contents}};
    if (!system.isEmpty()) {
        const QJsonArray parts{
            QJsonObject{{QStringLiteral("text"), system.join(QStringLiteral("\n\n"))}}};
        body.insert(QStringLiteral("systemInstruction"),
                    QJsonObject{{QStringLiteral("parts"), parts}});
    }
    const SamplingParams& s = request.sampling;
    QJsonObject generation;
    if (s.temperature)
        generation.insert(QStringLiteral("temperature"), *s.temperature);
    if (s.top_p)
        generation.insert(QStringLiteral("topP"), *s.top_p);
    if (s.top_k)
        generation.insert(QStringLiteral("topK"), *s.top_k);
    if (s.max_tokens)
        generation.insert(QStringLiteral("maxOutputTokens"), *s.max_tokens);
    if (s.presence_penalty)
        generation.insert(QStringLiteral("presencePenalty"), *s.presence_penalty);
    if (s.frequency_penalty)
        generation.insert(QStringLiteral("frequencyPenalty"), *s.frequency_penalty);
    if (s.seed) // an int32 field
        generation.insert(QStringLiteral("seed"), static_cast<int>(*s.seed & 0x7fffffffu));
    if (!s.stop.isEmpty())
        generation.insert(QStringLiteral("stopSequences"), QJsonArray::fromStringList(s.stop));
    if (!generation.isEmpty())
        body.insert(QStringLiteral("generationConfig"), generation);

    HttpRequestSpec spec;
    // Model ids are accepted with or without the API's "models/" prefix.
    const QString id = model.startsWith(QLatin1String("models/")) ? model.mid(7) : model;
    spec.url =
        appendPath(config.base_url, QStringLiteral("/models/%1:streamGenerateContent").arg(id));
    spec.url.setQuery(QStringLiteral("alt=sse"));
    spec.addHeader("Content-Type", "application/json");
    spec.addHeader("Accept", "text/event-stream");
    if (!config.api_key.isEmpty())
        spec.addHeader("x-goog-api-key", config.api_key.toUtf8());
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

FinishReason geminiFinishReason(const QString& reason)
{
    if (reason == QLatin1String("MAX_TOKENS"))
        return FinishReason::Length;
    for (const char* filtered : {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                                 "IMAGE_SAFETY", "LANGUAGE"}) {
        if (reason == QLatin1String(filtered))
            return FinishReason::ContentFilter;
    }
    return FinishReason::Stop;
}

void GeminiStreamDecoder::decode(QByteArrayView bytes, std::vector<StreamEvent>& events)
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

void GeminiStreamDecoder::handle(const SseEvent& event, std::vector<StreamEvent>& events)
{
    const std::optional<QJsonObject> chunk = parseObject(events, event.data.toUtf8());
    if (!chunk)
        return;
    if (chunk->contains(QStringLiteral("error"))) {
        const ProviderError error = classifyErrorObject(*chunk);
        emitError(events, error.kind, error.message, error.retry_after_seconds);
        return;
    }
    const QJsonArray candidates = chunk->value(QStringLiteral("candidates")).toArray();
    if (!candidates.isEmpty()) {
        const QJsonObject candidate = candidates.first().toObject();
        const QJsonArray parts = candidate.value(QStringLiteral("content"))
                                     .toObject()
                                     .value(QStringLiteral("parts"))
                                     .toArray();
        for (const QJsonValue& part_value : parts) {
            const QJsonObject part = part_value.toObject();
            const QString text = part.value(QStringLiteral("text")).toString();
            if (part.value(QStringLiteral("thought")).toBool())
                emitReasoning(events, text);
            else
                emitText(events, text);
        }
        const QJsonValue reason = candidate.value(QStringLiteral("finishReason"));
        if (reason.isString())
            finish_ = geminiFinishReason(reason.toString());
    }
    // A prompt blocked before any candidate: promptFeedback.blockReason and no candidates.
    if (chunk->value(QStringLiteral("promptFeedback"))
            .toObject()
            .contains(QStringLiteral("blockReason")) &&
        candidates.isEmpty())
        finish_ = FinishReason::ContentFilter;
    const QJsonValue metadata_value = chunk->value(QStringLiteral("usageMetadata"));
    if (metadata_value.isObject()) {
        const QJsonObject metadata = metadata_value.toObject();
        Usage usage;
        usage.input_tokens = jsonInt(metadata.value(QStringLiteral("promptTokenCount")));
        // Thought tokens are billed as output.
        const auto candidates_tokens =
            jsonInt(metadata.value(QStringLiteral("candidatesTokenCount")));
        const auto thoughts = jsonInt(metadata.value(QStringLiteral("thoughtsTokenCount")));
        if (candidates_tokens || thoughts)
            usage.output_tokens = candidates_tokens.value_or(0) + thoughts.value_or(0);
        usage.cached_input_tokens =
            jsonInt(metadata.value(QStringLiteral("cachedContentTokenCount")));
        usage_ = usage; // each chunk repeats the running totals; the last one counts
    }
}

void GeminiStreamDecoder::decodeEnd(std::vector<StreamEvent>& events)
{
    if (!finish_ || sse_.hasPendingData())
        return;
    if (usage_)
        emitUsage(events, *usage_);
    emitFinish(events, *finish_);
}

} // namespace kurabe::inference::remote
