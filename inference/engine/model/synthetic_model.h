// Models with random weights in the shape of real ones, built in memory, so speed can be
// measured (kurabe bench --synthetic SHAPE:TYPE) without downloading anything.
#pragma once

#include "core/result.h"
#include "model/model.h"

#include <memory>
#include <string>
#include <vector>

namespace kurabe {

struct SyntheticShape
{
    std::string name; // "llama-1b"
    std::string arch; // general.architecture
    int32_t n_vocab, n_embd, n_layer, n_head, n_head_kv, n_ff, n_ctx;
    float rope_base;
    bool tied_output;
    bool qkv_bias;
};

const std::vector<SyntheticShape>& synthetic_shapes();

// `shape` is one of synthetic_shapes()' names; `type` a tensor type name ("Q4_0", "Q4_K",
// "Q8_0", "F16", ...) used for every matrix whose rows are whole blocks of it (the others take
// the type quantizers fall back to: Q4_K -> Q5_0, Q6_K -> Q8_0, ...), or the mix "Q4_K_M" or
// "Q5_K_M" (Q6_K for the output, and attn_v and ffn_down in some layers). Norms are F32. Weights
// are random but valid (finite scales), so the forward pass does real work at real cost.
Result<std::unique_ptr<Model>> build_synthetic_model(const std::string& shape,
                                                     const std::string& type);

} // namespace kurabe
