#include "generation/generator.h"

#include "core/session.h"
#include "sampling/stop_strings.h"
#include "tokenizer/tokenizer.h"

#include <chrono>

namespace kurabe {

const char* stop_reason_name(StopReason reason)
{
    switch (reason) {
    case StopReason::EndOfGeneration:
        return "eog";
    case StopReason::MaxTokens:
        return "length";
    case StopReason::StopString:
        return "stop";
    case StopReason::ContextFull:
        return "context";
    case StopReason::Cancelled:
        return "cancelled";
    }
    return "eog";
}

double GenerationStats::prompt_tokens_per_second() const
{
    return prompt_ms > 0 ? prompt_tokens / (prompt_ms / 1000.0) : 0.0;
}

double GenerationStats::generation_tokens_per_second() const
{
    return generation_ms > 0 && generated_tokens > 1
               ? (generated_tokens - 1) / (generation_ms / 1000.0)
               : 0.0;
}

namespace {

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

} // namespace

Result<GenerationStats> generate(Session& session, const Tokenizer& tokenizer,
                                 std::span<const int32_t> prompt, const GenerationOptions& options,
                                 const std::function<void(std::string_view)>& on_text,
                                 const std::atomic<bool>* cancel)
{
    using clock = std::chrono::steady_clock;
    GenerationStats stats;
    if (prompt.empty())
        return Error{"the prompt is empty"};
    const auto start = clock::now();
    if (Result<void> r = session.eval(prompt, false); !r)
        return r.error();
    const auto prompt_done = clock::now();
    stats.prompt_tokens = static_cast<int32_t>(prompt.size());
    stats.prompt_ms = ms_between(start, prompt_done);

    Sampler sampler(options.sampling, static_cast<int32_t>(session.logits(0).size()));
    for (int32_t token : prompt)
        sampler.accept(token);
    StreamingDetokenizer detokenizer(tokenizer);
    StopStringFilter stops(options.stop_strings);
    clock::time_point first_token{};

    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            stats.reason = StopReason::Cancelled;
            break;
        }
        if (options.max_tokens > 0 && stats.generated_tokens >= options.max_tokens) {
            stats.reason = StopReason::MaxTokens;
            break;
        }
        const int32_t token = sampler.sample(session.logits(0));
        if (stats.generated_tokens == 0) {
            first_token = clock::now();
            stats.ttft_ms = ms_between(start, first_token);
        }
        if (tokenizer.is_end_of_generation(token)) {
            stats.reason = StopReason::EndOfGeneration;
            break;
        }
        ++stats.generated_tokens;
        stats.tokens.push_back(token);
        sampler.accept(token);
        const std::string shown = stops.push(detokenizer.push(token));
        if (!shown.empty())
            on_text(shown);
        if (stops.stopped()) {
            stats.reason = StopReason::StopString;
            break;
        }
        if (session.n_past() >= session.n_ctx()) {
            stats.reason = StopReason::ContextFull;
            break;
        }
        const int32_t next[] = {token};
        if (Result<void> r = session.eval(next, false); !r)
            return r.error();
    }
    if (!stops.stopped()) {
        const std::string rest = stops.push(detokenizer.flush()) + stops.flush();
        if (!rest.empty())
            on_text(rest);
    }
    if (stats.generated_tokens > 0)
        stats.generation_ms = ms_between(first_token, clock::now());
    return stats;
}

} // namespace kurabe
