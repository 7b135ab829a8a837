// Gemini streamGenerateContent with alt=sse: POST {base}/models/{model}:streamGenerateContent
// ?alt=sse, key in the x-goog-api-key header (never in the URL, where proxies and logs keep
// it). Stream: SSE "data:" objects with candidates[0].content.parts[] ({"text"}, thought
// summaries as {"text","thought":true}), candidates[0].finishReason and usageMetadata
// {promptTokenCount, candidatesTokenCount, thoughtsTokenCount, cachedContentTokenCount}. There is
// no end marker: the stream ends after the chunk carrying finishReason.
#pragma once

#include "inference/backend.h"
#include "inference/remote/http_request_spec.h"
#include "inference/remote/provider_config.h"
#include "inference/remote/sse_parser.h"
#include "inference/remote/stream_decoder.h"

namespace kurabe::inference::remote {

HttpRequestSpec geminiChatRequest(const ProviderConfig& config, const QString& model,
                                  const GenerationRequest& request);

class GeminiStreamDecoder final : public StreamDecoder
{
protected:
    void decode(QByteArrayView bytes, std::vector<StreamEvent>& events) override;
    void decodeEnd(std::vector<StreamEvent>& events) override;

private:
    void handle(const SseEvent& event, std::vector<StreamEvent>& events);

    SseParser sse_;
    std::optional<Usage> usage_;
    std::optional<FinishReason> finish_;
};

FinishReason geminiFinishReason(const QString& reason);

} // namespace kurabe::inference::remote
