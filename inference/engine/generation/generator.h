// The generation loop shared by the CLI, the app and the benchmarks: read the prompt, then
// sample token after token until an end-of-generation token, a stop string, the token limit,
// a full context or a cancel — streaming complete UTF-8 text as it goes and timing every phase.
#pragma once

#include "core/result.h"
#include "sampling/sampler.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kurabe {

class Session;
class Tokenizer;

struct GenerationOptions
{
    int32_t max_tokens = 256; // generated tokens at most (<= 0: until the context is full)
    SamplingParams sampling;
    std::vector<std::string> stop_strings;
};

// Stored with messages (as text): keep the names stable.
enum class StopReason
{
    EndOfGeneration,
    MaxTokens,
    StopString,
    ContextFull,
    Cancelled
};
const char* stop_reason_name(StopReason reason); // "eog", "length", "stop", "context", "cancelled"

struct GenerationStats
{
    int32_t prompt_tokens = 0;
    int32_t generated_tokens = 0;
    double prompt_ms = 0;     // reading the prompt
    double generation_ms = 0; // from the first generated token to the last
    double ttft_ms = 0;       // from the start to the first generated token
    StopReason reason = StopReason::MaxTokens;
    std::vector<int32_t> tokens; // the generated tokens

    double prompt_tokens_per_second() const;
    double generation_tokens_per_second() const; // tokens after the first / generation time
};

// `on_text` receives text as soon as it is complete UTF-8 and past any possible stop string.
// `cancel`, when set by another thread, stops within one token.
Result<GenerationStats> generate(Session& session, const Tokenizer& tokenizer,
                                 std::span<const int32_t> prompt, const GenerationOptions& options,
                                 const std::function<void(std::string_view)>& on_text,
                                 const std::atomic<bool>* cancel = nullptr);

} // namespace kurabe
