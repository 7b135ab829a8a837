// One conversation's state on the CPU: the KV cache and the working buffers of the forward
// pass, all sized once when the session is created. The reference backend: plain f32 math
// that reads like the model's equations, multi-threaded over matrix rows and attention heads.
#pragma once

#include "core/result.h"
#include "core/session.h"
#include "cpu/kernels.h"
#include "cpu/thread_pool.h"
#include "model/rope.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace kurabe {

class Model;
struct HParams;
struct Weights;

class CpuSession final : public Session
{
public:
    static Result<std::unique_ptr<CpuSession>> create(const Model& model,
                                                      const SessionOptions& options);

    Result<void> eval(std::span<const int32_t> tokens, bool all_logits) override;
    std::span<const float> logits(int64_t i = 0) const override;
    int64_t logits_rows() const override { return logits_rows_; }
    int32_t n_past() const override { return n_past_; }
    int32_t n_ctx() const override { return n_ctx_; }
    void truncate(int32_t n_past) override;
    std::string backend_name() const override { return "cpu"; }
    std::string device_name() const override;

    int32_t threads() const { return pool_.size(); }

private:
    CpuSession(const Model& model, const SessionOptions& options, int32_t n_ctx);
    void forward(const int32_t* tokens, int64_t T, bool all_logits, int64_t logits_offset);
    void attention(int32_t layer, int64_t T, int32_t p0);

    const Model& model_;
    const HParams& h_;
    const Weights& w_;
    ThreadPool pool_;
    int32_t n_ctx_;
    int32_t n_batch_;
    int32_t n_past_ = 0;

    RopeTable rope_;       // global layers
    RopeTable rope_local_; // sliding-window layers (gemma3: their own base, unscaled)

    // KV cache, f32: per layer [n_ctx, n_embd_k] and [n_ctx, n_embd_v].
    std::vector<std::vector<float>> k_cache_, v_cache_;

    // Working buffers for one batch of up to n_batch tokens.
    std::vector<float> x_;       // [n_batch, n_embd] residual stream
    std::vector<float> h_buf_;   // [n_batch, n_embd] normed input of a block
    std::vector<float> qkv_;     // [n_batch, n_embd_q + n_embd_k + n_embd_v]
    std::vector<float> attn_;    // [n_batch, n_head * head_dim_v]
    std::vector<float> o_;       // [n_batch, n_embd] block output
    std::vector<float> gate_up_; // [n_batch, 2 * n_ff]
    std::vector<float> ff_;      // [n_batch, n_ff]
    std::vector<float> scores_;  // [threads, n_ctx]
    MatmulScratch scratch_;      // sized for the widest matrix row
    std::vector<float> logits_;  // [rows, n_vocab]
    int64_t logits_rows_ = 0;
};

} // namespace kurabe
