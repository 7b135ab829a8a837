// Ollama's native chat API: POST {base}/api/chat, streamed as NDJSON — one object per line with
// message.content (and message.thinking for thinking models), done:false; the last has done:true,
// done_reason, prompt_eval_count, eval_count and durations in nanoseconds (eval_duration,
// prompt_eval_duration, load_duration, total_duration). Errors come as {"error":"text"}.
#pragma once

#include "inference/backend.h"
#include "inference/remote/http_request_spec.h"
#include "inference/remote/ndjson_parser.h"
#include "inference/remote/provider_config.h"
#include "inference/remote/stream_decoder.h"

namespace kurabe::inference::remote {

HttpRequestSpec ollamaChatRequest(const ProviderConfig& config, const QString& model,
                                  const GenerationRequest& request);

// Server-side timings from the final line, nanoseconds.
struct OllamaTimings
{
    std::optional<int64_t> prompt_eval_count;
    std::optional<int64_t> prompt_eval_duration_ns;
    std::optional<int64_t> eval_count;
    std::optional<int64_t> eval_duration_ns;
    std::optional<int64_t> load_duration_ns;
};

class OllamaStreamDecoder final : public StreamDecoder
{
public:
    const OllamaTimings& timings() const { return timings_; }

protected:
    void decode(QByteArrayView bytes, std::vector<StreamEvent>& events) override;
    void decodeEnd(std::vector<StreamEvent>& events) override;

private:
    void handle(const QByteArray& line, std::vector<StreamEvent>& events);

    NdjsonParser lines_;
    OllamaTimings timings_;
};

} // namespace kurabe::inference::remote
