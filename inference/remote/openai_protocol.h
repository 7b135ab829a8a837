// OpenAI chat completions, streamed (also every OpenAI-compatible server: OpenRouter, Groq,
// Mistral, DeepSeek, Together, llama.cpp server, vLLM, LM Studio, Ollama's /v1).
// Stream: SSE "data:" lines with chat.completion.chunk objects — choices[0].delta.content,
// delta.reasoning_content (DeepSeek, vLLM, llama.cpp) or delta.reasoning (OpenRouter),
// choices[0].finish_reason — then, with stream_options.include_usage, a chunk with empty
// choices and usage {prompt_tokens, completion_tokens, prompt_tokens_details.cached_tokens},
// then "data: [DONE]". An {"error":{...}} object may arrive instead of a chunk.
#pragma once

#include "inference/backend.h"
#include "inference/remote/http_request_spec.h"
#include "inference/remote/provider_config.h"
#include "inference/remote/sse_parser.h"
#include "inference/remote/stream_decoder.h"

namespace kurabe::inference::remote {

HttpRequestSpec openAiChatRequest(const ProviderConfig& config, const QString& model,
                                  const GenerationRequest& request);

class OpenAiStreamDecoder final : public StreamDecoder
{
protected:
    void decode(QByteArrayView bytes, std::vector<StreamEvent>& events) override;
    void decodeEnd(std::vector<StreamEvent>& events) override;

private:
    void handle(const SseEvent& event, std::vector<StreamEvent>& events);

    SseParser sse_;
    std::optional<FinishReason> finish_;
};

FinishReason openAiFinishReason(const QString& reason);

} // namespace kurabe::inference::remote
