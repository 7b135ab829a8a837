// Anthropic Messages, streamed: POST {base}/v1/messages with x-api-key and anthropic-version
// headers. Stream: SSE events named message_start (message.usage.input_tokens, cache reads),
// content_block_start / content_block_delta (text_delta .text, thinking_delta .thinking) /
// content_block_stop, message_delta (delta.stop_reason, usage.output_tokens), message_stop,
// ping, and error ({"type":"error","error":{"type":"overloaded_error",...}}). Unknown events
// are ignored, as Anthropic's versioning policy asks.
#pragma once

#include "inference/backend.h"
#include "inference/remote/http_request_spec.h"
#include "inference/remote/provider_config.h"
#include "inference/remote/sse_parser.h"
#include "inference/remote/stream_decoder.h"

namespace kurabe::inference::remote {

inline constexpr char kAnthropicVersion[] = "2023-06-01";

HttpRequestSpec anthropicChatRequest(const ProviderConfig& config, const QString& model,
                                     const GenerationRequest& request);

class AnthropicStreamDecoder final : public StreamDecoder
{
protected:
    void decode(QByteArrayView bytes, std::vector<StreamEvent>& events) override;
    void decodeEnd(std::vector<StreamEvent>&) override {}

private:
    void handle(const SseEvent& event, std::vector<StreamEvent>& events);

    SseParser sse_;
    Usage usage_;
    FinishReason finish_ = FinishReason::Stop;
};

FinishReason anthropicStopReason(const QString& reason);

} // namespace kurabe::inference::remote
