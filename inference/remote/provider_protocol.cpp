#include "inference/remote/provider_protocol.h"

#include "inference/remote/anthropic_protocol.h"
#include "inference/remote/gemini_protocol.h"
#include "inference/remote/ollama_protocol.h"
#include "inference/remote/openai_protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kurabe::inference::remote {

HttpRequestSpec chatRequest(const ProviderConfig& config, const QString& model,
                            const GenerationRequest& request)
{
    switch (config.kind) {
    case ProviderKind::OpenAiCompatible:
        return openAiChatRequest(config, model, request);
    case ProviderKind::Anthropic:
        return anthropicChatRequest(config, model, request);
    case ProviderKind::Gemini:
        return geminiChatRequest(config, model, request);
    case ProviderKind::Ollama:
        return ollamaChatRequest(config, model, request);
    }
    return {};
}

std::unique_ptr<StreamDecoder> makeDecoder(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAiCompatible:
        return std::make_unique<OpenAiStreamDecoder>();
    case ProviderKind::Anthropic:
        return std::make_unique<AnthropicStreamDecoder>();
    case ProviderKind::Gemini:
        return std::make_unique<GeminiStreamDecoder>();
    case ProviderKind::Ollama:
        return std::make_unique<OllamaStreamDecoder>();
    }
    return nullptr;
}

HttpRequestSpec modelListRequest(const ProviderConfig& config)
{
    HttpRequestSpec spec;
    const QByteArray key = config.api_key.toUtf8();
    switch (config.kind) {
    case ProviderKind::OpenAiCompatible:
        spec.url = appendPath(config.base_url, QStringLiteral("/models"));
        if (!key.isEmpty())
            spec.addHeader("Authorization", "Bearer " + key);
        break;
    case ProviderKind::Anthropic:
        spec.url = appendPath(config.base_url, QStringLiteral("/v1/models"));
        spec.url.setQuery(QStringLiteral("limit=1000"));
        spec.addHeader("anthropic-version", kAnthropicVersion);
        if (!key.isEmpty())
            spec.addHeader("x-api-key", key);
        break;
    case ProviderKind::Gemini:
        spec.url = appendPath(config.base_url, QStringLiteral("/models"));
        spec.url.setQuery(QStringLiteral("pageSize=1000"));
        if (!key.isEmpty())
            spec.addHeader("x-goog-api-key", key);
        break;
    case ProviderKind::Ollama:
        spec.url = appendPath(config.base_url, QStringLiteral("/api/tags"));
        if (!key.isEmpty())
            spec.addHeader("Authorization", "Bearer " + key);
        break;
    }
    spec.addHeader("Accept", "application/json");
    return spec;
}

std::optional<QStringList> parseModelList(ProviderKind kind, const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject root = document.object();
    QStringList ids;
    switch (kind) {
    case ProviderKind::OpenAiCompatible:
    case ProviderKind::Anthropic: // {"data":[{"id":...}], ...}
        if (!root.value(QStringLiteral("data")).isArray())
            return std::nullopt;
        for (const QJsonValue& model : root.value(QStringLiteral("data")).toArray())
            ids.append(model.toObject().value(QStringLiteral("id")).toString());
        break;
    case ProviderKind::Gemini: { // {"models":[{"name":"models/gemini-...",
                                 //   "supportedGenerationMethods":[...]}]}
        if (!root.value(QStringLiteral("models")).isArray())
            return std::nullopt;
        for (const QJsonValue& value : root.value(QStringLiteral("models")).toArray()) {
            const QJsonObject model = value.toObject();
            const QJsonValue methods = model.value(QStringLiteral("supportedGenerationMethods"));
            if (methods.isArray() &&
                !methods.toArray().contains(QJsonValue(QStringLiteral("generateContent"))))
                continue; // embedding and other non-chat models
            QString name = model.value(QStringLiteral("name")).toString();
            if (name.startsWith(QLatin1String("models/")))
                name = name.mid(7);
            ids.append(name);
        }
        break;
    }
    case ProviderKind::Ollama: // {"models":[{"name":"llama3.2:latest","model":...}]}
        if (!root.value(QStringLiteral("models")).isArray())
            return std::nullopt;
        for (const QJsonValue& model : root.value(QStringLiteral("models")).toArray())
            ids.append(model.toObject().value(QStringLiteral("name")).toString());
        break;
    }
    ids.removeAll(QString());
    ids.sort();
    ids.removeDuplicates();
    return ids;
}

} // namespace kurabe::inference::remote
