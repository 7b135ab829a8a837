// The compute pipelines of the forward pass and one recording helper per operation. Each
// helper fills the push-constant block of its shader in vulkan_shaders/ (the structs below
// mirror those blocks field by field) and records the dispatch into a CommandStream.
#pragma once

#include "core/result.h"
#include "tensor/tensor_type.h"
#include "vulkan/command_stream.h"
#include "vulkan/device.h"
#include "vulkan/gpu_weights.h"

#include <cstdint>
#include <map>
#include <memory>

namespace kurabe::gpu {

// Pipelines, created on first use (a model needs only the matvec types it stores).
class Kernels
{
public:
    explicit Kernels(Device& device);

    // Whether matrix products give each row a single lane (no barriers: best on CPU
    // implementations such as lavapipe) or up to 32 lanes that combine their sums (GPUs).
    bool one_lane_per_row() const { return one_lane_per_row_; }
    void set_one_lane_per_row(bool on) { one_lane_per_row_ = on; }
    // With one lane per row: whether the products read the weights and X as texels
    // (matvec_sg.comp, on buffers with texel views, which CPU devices give every buffer) and
    // attention takes attention_sg.comp (8-lane subgroups with ballot and arithmetic, as
    // lavapipe on AVX2 has), rather than storage-buffer loads.
    bool texel_kernels() const { return one_lane_per_row_ && texel_kernels_; }
    void set_texel_kernels(bool on) { texel_kernels_ = on && texel_kernels_supported_; }

    // The product for one token (decode) or for tiles of 8 tokens (prompts), reading texels
    // (see texel_kernels()) or not.
    Result<const ComputePipeline*> matvec(TensorType type, bool one_token, bool texels);
    Result<const ComputePipeline*> get_rows(TensorType type);
    // rms_norm_sg.comp (CPU devices with 8-lane subgroups, see texel_kernels()) or rms_norm.comp.
    Result<const ComputePipeline*> rms_norm(bool texels);
    // rope_store_sg.comp (CPU devices, heads as texels in one subgroup) or rope_store.comp.
    Result<const ComputePipeline*> rope_store(bool texels);
    // attention_sg.comp (CPU devices with 8-lane subgroups, see texel_kernels()) or attention.comp.
    Result<const ComputePipeline*> attention(bool subgroup);
    // glu_sg.comp (CPU devices, texels of 4 values) or glu.comp.
    Result<const ComputePipeline*> glu(bool texels);

private:
    Result<const ComputePipeline*> get(const std::string& name, uint32_t bindings,
                                       uint32_t push_bytes, uint32_t texel_bindings = 0);
    Device& device_;
    std::map<std::string, std::unique_ptr<ComputePipeline>> pipelines_;
    bool one_lane_per_row_;
    bool texel_kernels_supported_;
    bool texel_kernels_;
};

// Y[t, y_offset + r] (=|+=) W.row(r) · X[x_offset + t * x_stride ..] (+ bias[r]), optionally
// soft-capped, for t < n_tokens and every row of W. X may be RMS-normalised first (norm). The
// gated activation is a dispatch of its own (record_glu): fused into the product, every row
// recomputed act() of every input value, a cost in exp() of rows x cols on a CPU device.
struct MatvecArgs
{
    const Buffer* x = nullptr;
    uint32_t x_offset = 0; // floats
    uint32_t x_stride = 0; // floats between tokens
    const Buffer* y = nullptr;
    uint32_t y_offset = 0;
    uint32_t y_stride = 0;
    uint32_t n_tokens = 1;
    bool accumulate = false;         // add to Y (a residual connection)
    const Buffer* vectors = nullptr; // holds the bias; any buffer when there is none
    uint32_t bias = k_no_vector;     // float offset in `vectors`
    float softcap = 0;               // 0: off
    uint32_t norm = k_no_vector;     // RMSNorm weight offset in `vectors`
    float eps = 0;
};
Result<void> record_matvec(CommandStream& s, Kernels& k, const GpuMatrix& w, const MatvecArgs& a);

// out[t] = scale * row tokens[t] of w, for t < n_tokens (tokens: uint32 ids).
Result<void> record_get_rows(CommandStream& s, Kernels& k, const GpuMatrix& w, const Buffer& tokens,
                             uint32_t n_tokens, const Buffer& out, float scale);

// out[t] (=|+=) rms_norm(in[in_offset / width + t]) * vectors[weight ..], rows of `width`,
// t < n_rows (in_offset in floats, a multiple of width).
Result<void> record_rms_norm(CommandStream& s, Kernels& k, const Buffer& in, const Buffer& vectors,
                             uint32_t weight, const Buffer& out, uint32_t width, uint32_t n_rows,
                             float eps, bool add, uint32_t in_offset = 0);

struct RopeStoreArgs
{
    uint32_t n_head = 0, n_head_kv = 0, head_dim = 0, head_dim_v = 0, rope_dim = 0;
    bool neox = false;
    uint32_t qkv_stride = 0;
    uint32_t pos0 = 0;
    uint32_t q_norm = k_no_vector, k_norm = k_no_vector; // both or neither
    float eps = 0;
    uint32_t table_offset = 0; // floats into the rope table
    uint32_t n_tokens = 1;
};
// Per-head q/k norm, RoPE in place, and k, v into the f16 caches at positions pos0 ...
Result<void> record_rope_store(CommandStream& s, Kernels& k, const Buffer& qkv,
                               const Buffer& vectors, const Buffer& rope_table,
                               const Buffer& k_cache, const Buffer& v_cache,
                               const RopeStoreArgs& a);

struct AttentionArgs
{
    uint32_t n_head = 0, n_head_kv = 0, head_dim = 0, head_dim_v = 0;
    uint32_t qkv_stride = 0;
    uint32_t pos0 = 0;
    float scale = 1, softcap = 0;
    uint32_t window = 0;
    uint32_t n_tokens = 1;
};
// out[t, head] = softmax(q·K) V over positions visible to token t (at pos0 + t).
Result<void> record_attention(CommandStream& s, Kernels& k, const Buffer& qkv,
                              const Buffer& k_cache, const Buffer& v_cache, const Buffer& out,
                              const AttentionArgs& a);

// out[t, i] = act(gate_up[t, i]) * gate_up[t, n_ff + i].
Result<void> record_glu(CommandStream& s, Kernels& k, const Buffer& gate_up, const Buffer& out,
                        uint32_t n_ff, uint32_t n_tokens, bool gelu);

} // namespace kurabe::gpu
