// One switch over the provider kinds: which request to build, which decoder reads the answer,
// where the model list lives and how to read it. Everything here is pure.
#pragma once

#include "inference/backend.h"
#include "inference/remote/http_request_spec.h"
#include "inference/remote/provider_config.h"
#include "inference/remote/stream_decoder.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace kurabe::inference::remote {

HttpRequestSpec chatRequest(const ProviderConfig& config, const QString& model,
                            const GenerationRequest& request);
std::unique_ptr<StreamDecoder> makeDecoder(ProviderKind kind);

// GET {base}/models (OpenAI-compatible), {base}/v1/models (Anthropic), {base}/models (Gemini),
// {base}/api/tags (Ollama).
HttpRequestSpec modelListRequest(const ProviderConfig& config);
// Model ids from a model-list response body, sorted; nullopt when the body is not one.
std::optional<QStringList> parseModelList(ProviderKind kind, const QByteArray& body);

} // namespace kurabe::inference::remote
