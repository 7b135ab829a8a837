// Hyperparameters of a model, read from GGUF metadata ("<arch>.embedding_length", ...).
#pragma once

#include "core/result.h"
#include "model/architecture.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kurabe {

class GgufFile;

enum class RopeScaling
{
    None,
    Linear,
    Yarn
};

struct HParams
{
    ArchitectureTraits traits{};
    int32_t n_vocab = 0;     // rows of token_embd
    int32_t n_ctx_train = 0; // context length the model was trained for
    int32_t n_embd = 0;      // residual stream width
    int32_t n_layer = 0;
    int32_t n_head = 0;
    int32_t n_head_kv = 0;  // < n_head: grouped-query attention
    int32_t head_dim = 0;   // per-head width of q and k (attention.key_length)
    int32_t head_dim_v = 0; // per-head width of v (attention.value_length)
    int32_t n_ff = 0;       // feed-forward hidden width
    float rms_eps = 1e-5f;

    int32_t rope_dim = 0; // leading dimensions of each head that RoPE rotates
    float rope_freq_base = 10000.0f;
    RopeScaling rope_scaling = RopeScaling::None;
    float rope_freq_scale = 1.0f;  // positions are multiplied by this (1 / scaling factor)
    int32_t rope_orig_ctx = 0;     // yarn: the context length the model was trained for
    float yarn_ext_factor = 0.0f;  // yarn: 1 mixes in the unscaled frequencies, 0 is linear
    float yarn_beta_fast = 32.0f;  // yarn: pairs turning more than this often are kept as is
    float yarn_beta_slow = 1.0f;   // yarn: pairs turning less than this often are interpolated
    float rope_attn_factor = 1.0f; // multiplies the rotated values (yarn: times its mscale)

    float attn_softcap = 0.0f;  // 0: off; else scores = c * tanh(scores / c)
    float final_softcap = 0.0f; // 0: off; same on the output logits
    float attn_scale = 0.0f;    // multiplies q·k (1/sqrt(head_dim) unless the model says)
    int32_t sliding_window = 0; // 0: off; positions p - q >= window are masked on local layers
    std::vector<bool> layer_is_local;  // [n_layer] true where the sliding window applies
    float rope_freq_base_local = 0.0f; // gemma3 local layers use their own base (0: same)

    int32_t n_embd_q() const { return n_head * head_dim; }
    int32_t n_embd_k() const { return n_head_kv * head_dim; }
    int32_t n_embd_v() const { return n_head_kv * head_dim_v; }
};

// Reads and checks the hyperparameters; `n_vocab` comes from the embedding tensor.
Result<HParams> read_hparams(const GgufFile& file, int32_t n_vocab);

} // namespace kurabe
