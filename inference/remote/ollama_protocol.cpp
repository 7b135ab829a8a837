#include "inference/remote/ollama_protocol.h"

#include "inference/remote/http_error.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kurabe::inference::remote {

HttpRequestSpec ollamaChatRequest(const ProviderConfig& config, const QString& model,
                                  const GenerationRequest& request)
{
    QJsonArray messages;
    for (const ChatMessage& message : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), message.role},
                                    {QStringLiteral("content"), message.content}});
    const SamplingParams& s = request.sampling;
    QJsonObject options;
    if (s.temperature)
        options.insert(QStringLiteral("temperature"), *s.temperature);
    if (s.top_p)
        options.insert(QStringLiteral("top_p"), *s.top_p);
    if (s.top_k)
        options.insert(QStringLiteral("top_k"), *s.top_k);
    if (s.min_p)
        options.insert(QStringLiteral("min_p"), *s.min_p);
    if (s.repeat_penalty)
        options.insert(QStringLiteral("repeat_penalty"), *s.repeat_penalty);
    if (s.presence_penalty)
        options.insert(QStringLiteral("presence_penalty"), *s.presence_penalty);
    if (s.frequency_penalty)
        options.insert(QStringLiteral("frequency_penalty"), *s.frequency_penalty);
    if (s.seed)
        options.insert(QStringLiteral("seed"), static_cast<qint64>(*s.seed & 0x7fffffffu));
    if (s.max_tokens)
        options.insert(QStringLiteral("num_predict"), *s.max_tokens);
    if (!s.stop.isEmpty())
        options.insert(QStringLiteral("stop"), QJsonArray::fromStringList(s.stop));
    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), true}};
    if (!options.isEmpty())
        body.insert(QStringLiteral("options"), options);

    HttpRequestSpec spec;
    spec.url = appendPath(config.base_url, QStringLiteral("/api/chat"));
    spec.addHeader("Content-Type", "application/json");
    // Ollama behind an authenticating proxy (or ollama.com) takes a bearer key.
    if (!config.api_key.isEmpty())
        spec.addHeader("Authorization", "Bearer " + config.api_key.toUtf8());
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

void OllamaStreamDecoder::decode(QByteArrayView bytes, std::vector<StreamEvent>& events)
{
    std::vector<QByteArray> lines;
    lines_.feed(bytes, lines);
    for (const QByteArray& line : lines) {
        handle(line, events);
        if (done())
            return;
    }
    if (lines_.error())
        emitMalformed(events, *lines_.error());
}

void OllamaStreamDecoder::decodeEnd(std::vector<StreamEvent>& events)
{
    std::vector<QByteArray> lines;
    lines_.finish(lines);
    for (const QByteArray& line : lines)
        handle(line, events);
}

void OllamaStreamDecoder::handle(const QByteArray& line, std::vector<StreamEvent>& events)
{
    const std::optional<QJsonObject> object = parseObject(events, line);
    if (!object)
        return;
    if (object->contains(QStringLiteral("error"))) {
        const ProviderError error = classifyErrorObject(*object);
        emitError(events, error.kind, error.message, error.retry_after_seconds);
        return;
    }
    const QJsonObject message = object->value(QStringLiteral("message")).toObject();
    emitReasoning(events, message.value(QStringLiteral("thinking")).toString());
    emitText(events, message.value(QStringLiteral("content")).toString());
    if (!object->value(QStringLiteral("done")).toBool())
        return;
    timings_.prompt_eval_count = jsonInt(object->value(QStringLiteral("prompt_eval_count")));
    timings_.prompt_eval_duration_ns =
        jsonInt(object->value(QStringLiteral("prompt_eval_duration")));
    timings_.eval_count = jsonInt(object->value(QStringLiteral("eval_count")));
    timings_.eval_duration_ns = jsonInt(object->value(QStringLiteral("eval_duration")));
    timings_.load_duration_ns = jsonInt(object->value(QStringLiteral("load_duration")));
    Usage usage;
    usage.input_tokens = timings_.prompt_eval_count;
    usage.output_tokens = timings_.eval_count;
    emitUsage(events, usage);
    const QString reason = object->value(QStringLiteral("done_reason")).toString();
    emitFinish(events,
               reason == QLatin1String("length") ? FinishReason::Length : FinishReason::Stop);
}

} // namespace kurabe::inference::remote
