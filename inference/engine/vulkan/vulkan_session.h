// One conversation on a Vulkan device: the model's weights uploaded once, an f16 KV cache
// sized from n_ctx, and the work buffers of one batch. Each batch of tokens is one recorded
// command buffer (barriers between dependent dispatches), one submit and one fence wait; the
// logits are read back once from host-visible memory.
#pragma once

#include "core/result.h"
#include "core/session.h"
#include "vulkan/command_stream.h"
#include "vulkan/device.h"
#include "vulkan/gpu_weights.h"
#include "vulkan/instance.h"
#include "vulkan/ops.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kurabe {

class Model;
struct HParams;

struct VulkanOptions
{
    std::string device; // name part or index; "" picks the best device
    // A directory for the pipeline cache, one file per device and driver version ("" keeps no
    // cache on disk).
    std::string pipeline_cache_dir;
};

class VulkanSession final : public Session
{
public:
    static Result<std::unique_ptr<VulkanSession>>
    create(const Model& model, const SessionOptions& options, const VulkanOptions& vulkan);
    ~VulkanSession() override;

    Result<void> eval(std::span<const int32_t> tokens, bool all_logits) override;
    std::span<const float> logits(int64_t i = 0) const override;
    int64_t logits_rows() const override { return logits_rows_; }
    int32_t n_past() const override { return n_past_; }
    int32_t n_ctx() const override { return n_ctx_; }
    void truncate(int32_t n_past) override;
    std::string backend_name() const override { return "vulkan"; }
    std::string device_name() const override;

    // Dispatches recorded for the last batch evaluated (a decode step when it was one token).
    uint32_t last_dispatches() const { return last_dispatches_; }
    uint64_t weight_bytes() const { return weights_->bytes; }
    // Per-pipeline GPU time of the batches evaluated while profiling is on (CommandStream).
    Result<void> set_profiling(bool on) { return stream_->set_profiling(on); }
    const std::map<std::string, gpu::CommandStream::ProfileEntry>& profile() const
    {
        return stream_->profile();
    }
    // Validation-layer messages of this session's instance (validation is on when
    // KURABE_VK_VALIDATION=1); tests require none.
    std::vector<std::string> validation_messages() const
    {
        return instance_->validation_messages();
    }

private:
    VulkanSession(const Model& model, int32_t n_ctx, int32_t n_batch);
    Result<void> init(const SessionOptions& options, const VulkanOptions& vulkan);
    Result<void> create_buffers();
    Result<void> record_batch(int64_t T, bool all_logits);
    Result<void> record_layer(int32_t il, uint32_t T);
    Result<void> normalize_input(gpu::MatvecArgs& a, uint32_t n_rows);
    void save_pipeline_cache() const;

    const Model& model_;
    const HParams& h_;
    int32_t n_ctx_;
    int32_t n_batch_;
    int32_t n_past_ = 0;
    std::string pipeline_cache_path_;

    std::unique_ptr<gpu::Instance> instance_;
    std::unique_ptr<gpu::Device> device_;
    std::unique_ptr<gpu::Kernels> kernels_;
    std::unique_ptr<gpu::GpuWeights> weights_;
    std::unique_ptr<gpu::CommandStream> stream_;

    std::vector<gpu::Buffer> k_cache_, v_cache_; // per layer [n_ctx, n_embd_k | n_embd_v] f16
    gpu::Buffer rope_;                           // (cos, sin) per position and pair: global, local
    uint32_t rope_local_offset_ = 0;             // floats
    gpu::Buffer x_, qkv_, attn_, o_, gate_up_;   // [n_batch, width] f32
    gpu::Buffer ffn_act_;                        // [n_batch, n_ff] f32: act(gate) * up
    gpu::Buffer xn_;         // [n_batch, n_embd] f32: the normalised input on CPU devices
    gpu::Buffer tokens_;     // [n_batch] u32, host-visible
    gpu::Buffer logits_buf_; // [n_batch, n_vocab], host-visible

    std::vector<float> logits_;
    int64_t logits_rows_ = 0;
    uint32_t last_dispatches_ = 0;
};

} // namespace kurabe
