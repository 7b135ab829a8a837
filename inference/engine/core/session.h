// What every backend's session offers the generation loop, the CLI and the app: feed tokens,
// read logits, rewind. A session owns one conversation's KV cache on one device; the model
// code above it does not know whether the math runs on the CPU or through Vulkan.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>

namespace kurabe {

struct SessionOptions
{
    int32_t n_ctx = 0;     // tokens the KV cache holds; 0: the model's, capped at 4096
    int32_t n_batch = 256; // tokens per forward pass while reading a prompt
    int32_t n_threads = 0; // CPU threads; 0: one per hardware thread
};

class Session
{
public:
    virtual ~Session() = default;

    // Feeds tokens at positions n_past() onwards. Afterwards logits(i) holds the logits after
    // the i-th fed token when all_logits is set, else only after the last (logits(0)).
    virtual Result<void> eval(std::span<const int32_t> tokens, bool all_logits) = 0;

    virtual std::span<const float> logits(int64_t i = 0) const = 0; // [n_vocab]
    virtual int64_t logits_rows() const = 0;

    virtual int32_t n_past() const = 0;
    virtual int32_t n_ctx() const = 0;
    virtual void truncate(int32_t n_past) = 0; // forget positions >= n_past (edit, regenerate)

    virtual std::string backend_name() const = 0; // "cpu", "vulkan"
    virtual std::string device_name() const = 0;  // "CPU (8 threads)", the GPU's name
};

// What every backend checks before evaluating `tokens` after `n_past` cached positions: some
// tokens, room in the context, and every id inside the vocabulary.
Result<void> check_eval_input(std::span<const int32_t> tokens, int32_t n_past, int32_t n_ctx,
                              int32_t n_vocab);

} // namespace kurabe
