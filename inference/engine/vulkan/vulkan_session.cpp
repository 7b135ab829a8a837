#include "vulkan/vulkan_session.h"

#include "model/model.h"
#include "model/rope.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace kurabe {

namespace {

// (cos, sin) * mscale of pos * inv_freq[i] for every position and pair, as the CPU rope() does.
void append_rope_table(std::vector<float>& out, const RopeTable& table, int32_t n_ctx)
{
    for (int32_t pos = 0; pos < n_ctx; ++pos) {
        for (float f : table.inv_freq) {
            const float theta = static_cast<float>(pos) * f;
            out.push_back(std::cos(theta) * table.mscale);
            out.push_back(std::sin(theta) * table.mscale);
        }
    }
}

std::vector<uint8_t> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

uint64_t f32_bytes(int64_t count)
{
    return static_cast<uint64_t>(std::max<int64_t>(count, 1)) * sizeof(float);
}

} // namespace

VulkanSession::VulkanSession(const Model& model, int32_t n_ctx, int32_t n_batch)
    : model_(model), h_(model.hparams()), n_ctx_(n_ctx), n_batch_(n_batch)
{}

VulkanSession::~VulkanSession()
{
    save_pipeline_cache();
}

Result<std::unique_ptr<VulkanSession>> VulkanSession::create(const Model& model,
                                                             const SessionOptions& options,
                                                             const VulkanOptions& vulkan)
{
    const HParams& h = model.hparams();
    const int32_t n_ctx = options.n_ctx > 0 ? options.n_ctx : std::min(h.n_ctx_train, 4096);
    if (n_ctx <= 0)
        return Error{"the context length must be positive"};
    if (options.n_batch <= 0)
        return Error{"the batch size must be positive"};
    if (h.head_dim > 256 || h.head_dim_v > 256 || h.head_dim % 2 != 0 || h.head_dim_v % 2 != 0 ||
        h.rope_dim % 2 != 0)
        return Error{"the Vulkan backend supports even attention head widths up to 256; this "
                     "model's are " +
                     std::to_string(h.head_dim) + " and " + std::to_string(h.head_dim_v)};
    std::unique_ptr<VulkanSession> self(
        new VulkanSession(model, n_ctx, std::min(options.n_batch, n_ctx)));
    if (Result<void> r = self->init(options, vulkan); !r)
        return r.error();
    return self;
}

Result<void> VulkanSession::init(const SessionOptions& /*options*/, const VulkanOptions& vulkan)
{
    Result<std::unique_ptr<gpu::Instance>> instance =
        gpu::Instance::create(gpu::instance_options_from_environment());
    if (!instance)
        return instance.error();
    instance_ = std::move(*instance);
    std::string why;
    const auto chosen = gpu::choose_device(instance_->devices(), vulkan.device, &why);
    if (!chosen)
        return Error{why};
    Result<std::unique_ptr<gpu::Device>> device =
        gpu::Device::create(*instance_, instance_->devices()[*chosen]);
    if (!device)
        return device.error();
    device_ = std::move(*device);
    if (!vulkan.pipeline_cache_dir.empty()) {
        // The driver checks the cache's own header too; the name keeps devices from
        // overwriting each other's caches.
        const gpu::DeviceInfo& d = device_->info();
        char name[64];
        std::snprintf(name, sizeof name, "/pipelines-%04x-%04x-%08x.bin", d.vendor_id, d.device_id,
                      d.api_version);
        pipeline_cache_path_ = vulkan.pipeline_cache_dir + name;
    }
    if (Result<void> r = device_->load_pipeline_cache(pipeline_cache_path_.empty()
                                                          ? std::vector<uint8_t>{}
                                                          : read_file(pipeline_cache_path_));
        !r)
        return r;
    kernels_ = std::make_unique<gpu::Kernels>(*device_);

    const int64_t B = n_batch_, ctx = n_ctx_;
    const int64_t nqkv = h_.n_embd_q() + h_.n_embd_k() + h_.n_embd_v();
    const uint64_t kv_bytes =
        static_cast<uint64_t>(h_.n_layer) * ctx * (h_.n_embd_k() + h_.n_embd_v()) * 2;
    const uint64_t work_bytes = f32_bytes(B * (3 * h_.n_embd + nqkv + h_.n_head * h_.head_dim_v +
                                               3 * int64_t{h_.n_ff} + h_.n_vocab)) +
                                f32_bytes(2 * ctx * h_.rope_dim);
    Result<std::unique_ptr<gpu::GpuWeights>> weights =
        gpu::GpuWeights::upload(*device_, model_, kv_bytes + work_bytes);
    if (!weights)
        return weights.error();
    weights_ = std::move(*weights);
    if (Result<void> r = create_buffers(); !r)
        return r;
    Result<std::unique_ptr<gpu::CommandStream>> stream = gpu::CommandStream::create(*device_);
    if (!stream)
        return stream.error();
    stream_ = std::move(*stream);
    return {};
}

Result<void> VulkanSession::create_buffers()
{
    gpu::Device& d = *device_;
    const auto make = [&](gpu::Buffer& out, uint64_t bytes, gpu::MemoryKind kind) -> Result<void> {
        Result<gpu::Buffer> b = d.create_buffer(bytes, kind);
        if (!b)
            return b.error();
        out = std::move(*b);
        return {};
    };
    const int64_t B = n_batch_;
    const int64_t nqkv = h_.n_embd_q() + h_.n_embd_k() + h_.n_embd_v();
    const auto local = gpu::MemoryKind::DeviceLocal;
    for (auto [buffer, floats] : {std::pair{&x_, B * h_.n_embd},
                                  {&qkv_, B * nqkv},
                                  {&attn_, B * h_.n_head * h_.head_dim_v},
                                  {&o_, B * h_.n_embd},
                                  {&gate_up_, B * 2 * int64_t{h_.n_ff}},
                                  {&ffn_act_, B * int64_t{h_.n_ff}},
                                  {&xn_, B * h_.n_embd}}) {
        if (Result<void> r = make(*buffer, f32_bytes(floats), local); !r)
            return r;
    }
    if (Result<void> r = make(tokens_, f32_bytes(B), gpu::MemoryKind::Host); !r)
        return r;
    if (Result<void> r = make(logits_buf_, f32_bytes(B * h_.n_vocab), gpu::MemoryKind::Host); !r)
        return r;
    k_cache_.resize(static_cast<size_t>(h_.n_layer));
    v_cache_.resize(static_cast<size_t>(h_.n_layer));
    for (int32_t il = 0; il < h_.n_layer; ++il) {
        const auto i = static_cast<size_t>(il);
        if (Result<void> r = make(k_cache_[i], uint64_t{2} * n_ctx_ * h_.n_embd_k(), local); !r)
            return r;
        if (Result<void> r = make(v_cache_[i], uint64_t{2} * n_ctx_ * h_.n_embd_v(), local); !r)
            return r;
    }

    std::vector<float> table;
    append_rope_table(table, rope_table(h_, model_.weights(), n_ctx_), n_ctx_);
    rope_local_offset_ = static_cast<uint32_t>(table.size());
    if (h_.rope_freq_base_local > 0)
        append_rope_table(table, rope_table_local(h_), n_ctx_);
    else
        rope_local_offset_ = 0;
    if (Result<void> r = make(rope_, f32_bytes(static_cast<int64_t>(table.size())), local); !r)
        return r;
    if (!table.empty())
        return d.upload(rope_, 0, table.data(), table.size() * sizeof(float));
    return {};
}

std::string VulkanSession::device_name() const
{
    return device_->info().name;
}

void VulkanSession::truncate(int32_t n_past)
{
    n_past_ = std::clamp(n_past, 0, n_past_);
}

std::span<const float> VulkanSession::logits(int64_t i) const
{
    const auto n_vocab = static_cast<size_t>(h_.n_vocab);
    return {logits_.data() + static_cast<size_t>(i) * n_vocab, n_vocab};
}

Result<void> VulkanSession::eval(std::span<const int32_t> tokens, bool all_logits)
{
    if (Result<void> ok = check_eval_input(tokens, n_past_, n_ctx_, h_.n_vocab); !ok)
        return ok;
    logits_rows_ = all_logits ? static_cast<int64_t>(tokens.size()) : 1;
    const size_t n_vocab = static_cast<size_t>(h_.n_vocab);
    const size_t needed = static_cast<size_t>(logits_rows_) * n_vocab;
    if (logits_.size() < needed)
        logits_.resize(needed); // first eval, or every position's logits asked for
    for (size_t start = 0; start < tokens.size(); start += static_cast<size_t>(n_batch_)) {
        const int64_t T = std::min<int64_t>(n_batch_, static_cast<int64_t>(tokens.size() - start));
        const bool last_batch = start + static_cast<size_t>(T) == tokens.size();
        std::memcpy(tokens_.mapped(), tokens.data() + start, static_cast<size_t>(T) * 4);
        if (Result<void> r = stream_->begin(); !r)
            return r;
        if (Result<void> r = record_batch(T, all_logits || last_batch ? all_logits : false); !r)
            return r;
        last_dispatches_ = stream_->dispatches();
        if (Result<void> r = stream_->submit_and_wait(); !r)
            return r;
        const auto* out = static_cast<const float*>(logits_buf_.mapped());
        if (all_logits)
            std::memcpy(logits_.data() + start * n_vocab, out,
                        static_cast<size_t>(T) * n_vocab * sizeof(float));
        else if (last_batch)
            std::memcpy(logits_.data(), out, n_vocab * sizeof(float));
        n_past_ += static_cast<int32_t>(T);
    }
    return {};
}

// Records the forward pass of T tokens at positions n_past_ ...; the logits of every token
// (all_logits) or of the last one land in logits_buf_.
Result<void> VulkanSession::record_batch(int64_t T, bool all_logits)
{
    gpu::CommandStream& s = *stream_;
    gpu::Kernels& k = *kernels_;
    const gpu::GpuWeights& w = *weights_;
    const auto t = static_cast<uint32_t>(T);
    const auto E = static_cast<uint32_t>(h_.n_embd);

    const float embd_scale = h_.traits.scale_embeddings ? std::sqrt(static_cast<float>(E)) : 1.0f;
    if (Result<void> r = record_get_rows(s, k, w.token_embd, tokens_, t, x_, embd_scale); !r)
        return r;
    s.barrier();
    for (int32_t il = 0; il < h_.n_layer; ++il) {
        if (Result<void> r = record_layer(il, t); !r)
            return r;
    }

    // Output: logits of every row or only the last, the final norm fused into the product.
    gpu::MatvecArgs out;
    out.x = &x_;
    out.vectors = &w.vectors;
    out.norm = w.output_norm;
    out.eps = h_.rms_eps;
    out.x_offset = all_logits ? 0 : (t - 1) * E;
    out.x_stride = E;
    out.y = &logits_buf_;
    out.y_stride = static_cast<uint32_t>(h_.n_vocab);
    out.n_tokens = all_logits ? t : 1;
    out.softcap = h_.final_softcap;
    if (Result<void> r = normalize_input(out, out.n_tokens); !r)
        return r;
    return record_matvec(s, k, w.output(), out);
}

Result<void> VulkanSession::record_layer(int32_t il, uint32_t T)
{
    gpu::CommandStream& s = *stream_;
    gpu::Kernels& k = *kernels_;
    const gpu::GpuWeights& w = *weights_;
    const gpu::GpuLayer& l = w.layers[static_cast<size_t>(il)];
    const auto E = static_cast<uint32_t>(h_.n_embd);
    const auto nq = static_cast<uint32_t>(h_.n_embd_q());
    const auto nk = static_cast<uint32_t>(h_.n_embd_k());
    const auto nv = static_cast<uint32_t>(h_.n_embd_v());
    const uint32_t nqkv = nq + nk + nv;
    const auto n_ff = static_cast<uint32_t>(h_.n_ff);
    const auto i = static_cast<size_t>(il);
    const auto p0 = static_cast<uint32_t>(n_past_);

    // --- attention block: the input RMSNorm is fused into the q/k/v products ---
    gpu::MatvecArgs proj;
    proj.x = &x_;
    proj.norm = l.attn_norm;
    proj.eps = h_.rms_eps;
    proj.x_stride = E;
    proj.y = &qkv_;
    proj.y_stride = nqkv;
    proj.n_tokens = T;
    proj.vectors = &w.vectors;
    if (Result<void> r = normalize_input(proj, T); !r)
        return r;
    if (!l.wqkv.empty()) {
        if (Result<void> r = record_matvec(s, k, l.wqkv, proj); !r)
            return r;
    } else {
        const std::array<std::tuple<const gpu::GpuMatrix*, uint32_t, uint32_t>, 3> parts{
            {{&l.wq, 0u, l.bq}, {&l.wk, nq, l.bk}, {&l.wv, nq + nk, l.bv}}};
        for (const auto& [m, offset, bias] : parts) {
            proj.y_offset = offset;
            proj.bias = bias;
            if (Result<void> r = record_matvec(s, k, *m, proj); !r)
                return r;
        }
    }
    s.barrier();

    const bool local = h_.layer_is_local[i];
    gpu::RopeStoreArgs rope;
    rope.n_head = static_cast<uint32_t>(h_.n_head);
    rope.n_head_kv = static_cast<uint32_t>(h_.n_head_kv);
    rope.head_dim = static_cast<uint32_t>(h_.head_dim);
    rope.head_dim_v = static_cast<uint32_t>(h_.head_dim_v);
    rope.rope_dim = static_cast<uint32_t>(h_.rope_dim);
    rope.neox = h_.traits.rope == RopeStyle::NeoX;
    rope.qkv_stride = nqkv;
    rope.pos0 = p0;
    rope.q_norm = l.q_norm;
    rope.k_norm = l.k_norm;
    rope.eps = h_.rms_eps;
    rope.table_offset = local ? rope_local_offset_ : 0;
    rope.n_tokens = T;
    if (Result<void> r =
            record_rope_store(s, k, qkv_, w.vectors, rope_, k_cache_[i], v_cache_[i], rope);
        !r)
        return r;
    s.barrier();

    gpu::AttentionArgs attn;
    attn.n_head = rope.n_head;
    attn.n_head_kv = rope.n_head_kv;
    attn.head_dim = rope.head_dim;
    attn.head_dim_v = rope.head_dim_v;
    attn.qkv_stride = nqkv;
    attn.pos0 = p0;
    attn.scale = h_.attn_scale;
    attn.softcap = h_.attn_softcap;
    attn.window = local && h_.sliding_window > 0 ? static_cast<uint32_t>(h_.sliding_window) : 0;
    attn.n_tokens = T;
    if (Result<void> r = record_attention(s, k, qkv_, k_cache_[i], v_cache_[i], attn_, attn); !r)
        return r;
    s.barrier();

    // Output projection, added to the residual stream (after Gemma's post-norm).
    const auto project_into_residual = [&](const gpu::GpuMatrix& m, gpu::MatvecArgs a,
                                           uint32_t post_norm) -> Result<void> {
        a.n_tokens = T;
        a.vectors = &w.vectors;
        a.y_stride = E;
        if (post_norm == gpu::k_no_vector) {
            a.y = &x_;
            a.accumulate = true;
            if (Result<void> r = record_matvec(s, k, m, a); !r)
                return r;
            s.barrier();
            return {};
        }
        a.y = &o_;
        if (Result<void> r = record_matvec(s, k, m, a); !r)
            return r;
        s.barrier();
        if (Result<void> r =
                record_rms_norm(s, k, o_, w.vectors, post_norm, x_, E, T, h_.rms_eps, true);
            !r)
            return r;
        s.barrier();
        return {};
    };
    gpu::MatvecArgs wo_input;
    wo_input.x = &attn_;
    wo_input.x_stride = static_cast<uint32_t>(h_.n_head * h_.head_dim_v);
    if (Result<void> r = project_into_residual(l.wo, wo_input, l.post_attn_norm); !r)
        return r;

    // --- feed-forward block: norm fused into gate/up, the gated activation into down ---
    gpu::MatvecArgs ff;
    ff.x = &x_;
    ff.vectors = &w.vectors;
    ff.norm = l.ffn_norm;
    ff.eps = h_.rms_eps;
    ff.x_stride = E;
    ff.y = &gate_up_;
    ff.y_stride = 2 * n_ff;
    ff.n_tokens = T;
    if (Result<void> r = normalize_input(ff, T); !r)
        return r;
    if (l.ffn_gate.empty()) {
        if (Result<void> r = record_matvec(s, k, l.ffn_up, ff); !r)
            return r;
    } else {
        if (Result<void> r = record_matvec(s, k, l.ffn_gate, ff); !r)
            return r;
        ff.y_offset = n_ff;
        if (Result<void> r = record_matvec(s, k, l.ffn_up, ff); !r)
            return r;
    }
    s.barrier();
    if (Result<void> r = record_glu(s, k, gate_up_, ffn_act_, n_ff, T,
                                    h_.traits.activation == FfnActivation::GeluGate);
        !r)
        return r;
    s.barrier();
    gpu::MatvecArgs down_input;
    down_input.x = &ffn_act_;
    down_input.x_stride = n_ff;
    return project_into_residual(l.ffn_down, down_input, l.post_ffn_norm);
}

// On CPU devices (one lane per row) the input norm is not fused into the products: there each
// lane would redo the sum of squares of X and read the norm weight for every value of its row,
// doubling the loads of the product. One rms_norm dispatch into xn_ instead; `a` then reads xn_.
Result<void> VulkanSession::normalize_input(gpu::MatvecArgs& a, uint32_t n_rows)
{
    if (!kernels_->one_lane_per_row() || a.norm == gpu::k_no_vector)
        return {};
    const auto E = static_cast<uint32_t>(h_.n_embd);
    // rms_norm takes contiguous rows: X's rows from x_offset on, stride E.
    if (a.x_stride != E || a.x_offset % E != 0)
        return Error{"internal: the normalised input is not a whole number of rows"};
    if (a.x_offset != 0) {
        // Only the last row is wanted (the logits of the last token): normalise it alone.
        if (Result<void> r = gpu::record_rms_norm(*stream_, *kernels_, *a.x, *a.vectors, a.norm,
                                                  xn_, E, 1, h_.rms_eps, false, a.x_offset);
            !r)
            return r;
    } else if (Result<void> r = gpu::record_rms_norm(*stream_, *kernels_, *a.x, *a.vectors, a.norm,
                                                     xn_, E, n_rows, h_.rms_eps, false, 0);
               !r) {
        return r;
    }
    stream_->barrier();
    a.x = &xn_;
    a.x_offset = 0;
    a.norm = gpu::k_no_vector;
    return {};
}

void VulkanSession::save_pipeline_cache() const
{
    if (pipeline_cache_path_.empty() || !device_)
        return;
    const std::vector<uint8_t> data = device_->pipeline_cache_data();
    if (data.empty())
        return;
    std::error_code ignored; // no cache on disk is a slower start, not an error
    std::filesystem::create_directories(std::filesystem::path(pipeline_cache_path_).parent_path(),
                                        ignored);
    // Written beside the target and renamed, so a crash never leaves a torn cache.
    const std::string temp = pipeline_cache_path_ + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            return;
        out.write(reinterpret_cast<const char*>(data.data()),
                  static_cast<std::streamsize>(data.size()));
        if (!out)
            return;
    }
    std::rename(temp.c_str(), pipeline_cache_path_.c_str());
}

} // namespace kurabe
