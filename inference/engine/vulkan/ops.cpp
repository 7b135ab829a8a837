#include "vulkan/ops.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace kurabe::gpu {

namespace {

// Push-constant blocks, field for field as declared in the shaders.
struct MatvecPush
{
    uint32_t cols, rows, row_bytes, n_tokens, x_offset, x_stride, y_offset, y_stride, flags,
        bias_offset;
    float softcap;
    uint32_t lanes_per_row, norm_offset;
    float eps;
};

struct GetRowsPush
{
    uint32_t cols, row_bytes, first_row, rows;
    float scale;
    uint32_t interleave;
};

struct RmsNormPush
{
    uint32_t width, weight_offset, add;
    float eps;
    uint32_t in_offset;
};

struct RopeStorePush
{
    uint32_t n_head, n_head_kv, head_dim, head_dim_v, rope_dim, neox, qkv_stride, pos0, qk_norm,
        q_norm_offset, k_norm_offset;
    float eps;
    uint32_t table_offset, k_offset, v_offset;
};

struct AttentionPush
{
    uint32_t n_head, n_head_kv, head_dim, head_dim_v, qkv_stride, pos0, k_offset, v_offset;
    float scale, softcap;
    uint32_t window;
};

struct GluPush
{
    uint32_t n_ff, n, gelu;
};

std::string lower_type_name(TensorType type)
{
    std::string name(tensor_type_name(type));
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

// Workgroups over `rows`: x up to 65535 (the smallest limit Vulkan guarantees), z for the rest.
std::pair<uint32_t, uint32_t> row_grid(int64_t rows)
{
    const auto x = static_cast<uint32_t>(std::min<int64_t>(rows, 65535));
    const auto z = static_cast<uint32_t>((rows + x - 1) / x);
    return {x, z};
}

} // namespace

Kernels::Kernels(Device& device)
    : device_(device), one_lane_per_row_(device.info().type == DeviceType::Cpu),
      texel_kernels_supported_(device.info().subgroup_size == 8 && device.info().subgroup_ballot &&
                               device.info().subgroup_arithmetic),
      texel_kernels_(texel_kernels_supported_)
{}

Result<const ComputePipeline*> Kernels::get(const std::string& name, uint32_t bindings,
                                            uint32_t push_bytes, uint32_t texel_bindings)
{
    if (auto found = pipelines_.find(name); found != pipelines_.end())
        return found->second.get();
    Result<ComputePipeline> p = device_.create_pipeline(name, bindings, push_bytes, texel_bindings);
    if (!p)
        return p.error();
    auto owned = std::make_unique<ComputePipeline>(std::move(*p));
    const ComputePipeline* raw = owned.get();
    pipelines_.emplace(name, std::move(owned));
    return raw;
}

Result<const ComputePipeline*> Kernels::matvec(TensorType type, bool one_token, bool texels)
{
    if (texels) // weights and X as texel buffers
        return get((one_token ? "matvec_sg1_" : "matvec_sg_") + lower_type_name(type), 4,
                   sizeof(MatvecPush), 0b11);
    return get((one_token ? "matvec1_" : "matvec_") + lower_type_name(type), 4, sizeof(MatvecPush));
}

Result<const ComputePipeline*> Kernels::get_rows(TensorType type)
{
    return get("get_rows_" + lower_type_name(type), 3, sizeof(GetRowsPush));
}

Result<const ComputePipeline*> Kernels::rms_norm(bool texels)
{
    if (texels) // input, weights and output as texel buffers
        return get("rms_norm_sg", 3, sizeof(RmsNormPush), 0b111);
    return get("rms_norm", 3, sizeof(RmsNormPush));
}

Result<const ComputePipeline*> Kernels::rope_store(bool texels)
{
    if (texels) // qkv, the norms and the rope table as texel buffers
        return get("rope_store_sg", 5, sizeof(RopeStorePush), 0b00111);
    return get("rope_store", 5, sizeof(RopeStorePush));
}

Result<const ComputePipeline*> Kernels::attention(bool subgroup)
{
    if (subgroup) // q, K and V as texel buffers
        return get("attention_sg", 4, sizeof(AttentionPush), 0b111);
    return get("attention", 4, sizeof(AttentionPush));
}

Result<const ComputePipeline*> Kernels::glu(bool texels)
{
    if (texels) // gate_up and the output as texel buffers
        return get("glu_sg", 2, sizeof(GluPush), 0b11);
    return get("glu", 2, sizeof(GluPush));
}

Result<void> record_matvec(CommandStream& s, Kernels& k, const GpuMatrix& w, const MatvecArgs& a)
{
    // matvec_sg.comp reads the weights and X as texels, four floats of X at a time; it has no
    // fused RMSNorm (CPU devices normalise in a dispatch of its own).
    // Quantized matrices must be interleaved (see GpuMatrix::interleave).
    bool texels = k.texel_kernels() && a.norm == k_no_vector && a.x_offset % 4 == 0 &&
                  a.x_stride % 4 == 0 && w.cols % 4 == 0 &&
                  (w.interleave != 1 ||
                   tensor_type_traits(static_cast<uint32_t>(w.type))->block_elements == 1) &&
                  a.x->texel_view() != VK_NULL_HANDLE;
    for (const GpuMatrixPart& part : w.parts)
        texels = texels && part.buffer.texel_view() != VK_NULL_HANDLE;
    Result<const ComputePipeline*> pipeline = k.matvec(w.type, a.n_tokens == 1, texels);
    if (!pipeline)
        return pipeline.error();
    uint32_t flags = a.accumulate ? 1u : 0u;
    if (a.bias != k_no_vector)
        flags |= 2u;
    if (a.softcap > 0)
        flags |= 4u;
    if (a.norm != k_no_vector)
        flags |= 8u;
    if (w.interleave != 1)
        flags |= 16u;
    const Buffer* vectors = a.vectors ? a.vectors : a.x;
    // Enough lanes for a row's 32-value units, so narrow matrices share a workgroup.
    const int64_t units = (w.cols + 31) / 32;
    uint32_t lanes = 1;
    while (!k.one_lane_per_row() && lanes < 32 && lanes < units)
        lanes *= 2;
    // matvec_sg.comp sums 256 rows per workgroup.
    const int64_t rows_per_group = texels ? 256 : 32 / lanes;
    for (const GpuMatrixPart& part : w.parts) {
        const MatvecPush push{
            static_cast<uint32_t>(w.cols),
            static_cast<uint32_t>(part.rows),
            w.row_bytes,
            a.n_tokens,
            a.x_offset,
            a.x_stride,
            a.y_offset + static_cast<uint32_t>(part.first_row),
            a.y_stride,
            flags,
            a.bias == k_no_vector ? 0u : a.bias + static_cast<uint32_t>(part.first_row),
            a.softcap,
            lanes,
            a.norm == k_no_vector ? 0u : a.norm,
            a.eps};
        const auto [x, z] = row_grid((part.rows + rows_per_group - 1) / rows_per_group);
        if (Result<void> r = s.dispatch(**pipeline, {&part.buffer, a.x, a.y, vectors}, push, x,
                                        a.n_tokens == 1 ? 1 : (a.n_tokens + 7) / 8, z);
            !r)
            return r;
    }
    return {};
}

Result<void> record_get_rows(CommandStream& s, Kernels& k, const GpuMatrix& w, const Buffer& tokens,
                             uint32_t n_tokens, const Buffer& out, float scale)
{
    Result<const ComputePipeline*> pipeline = k.get_rows(w.type);
    if (!pipeline)
        return pipeline.error();
    for (const GpuMatrixPart& part : w.parts) {
        const GetRowsPush push{
            static_cast<uint32_t>(w.cols),    w.row_bytes, static_cast<uint32_t>(part.first_row),
            static_cast<uint32_t>(part.rows), scale,       w.interleave};
        if (Result<void> r = s.dispatch(**pipeline, {&part.buffer, &tokens, &out}, push, n_tokens);
            !r)
            return r;
    }
    return {};
}

Result<void> record_rms_norm(CommandStream& s, Kernels& k, const Buffer& in, const Buffer& vectors,
                             uint32_t weight, const Buffer& out, uint32_t width, uint32_t n_rows,
                             float eps, bool add, uint32_t in_offset)
{
    // rms_norm_sg.comp reads and writes rows as texels of 4 floats.
    const bool texels = k.texel_kernels() && width % 4 == 0 && in_offset % 4 == 0 &&
                        weight % 4 == 0 && in.texel_view() != VK_NULL_HANDLE &&
                        vectors.texel_view() != VK_NULL_HANDLE &&
                        out.texel_view() != VK_NULL_HANDLE;
    Result<const ComputePipeline*> pipeline = k.rms_norm(texels);
    if (!pipeline)
        return pipeline.error();
    const RmsNormPush push{width, weight, add ? 1u : 0u, eps, in_offset};
    return s.dispatch(**pipeline, {&in, &vectors, &out}, push, n_rows);
}

Result<void> record_rope_store(CommandStream& s, Kernels& k, const Buffer& qkv,
                               const Buffer& vectors, const Buffer& rope_table,
                               const Buffer& k_cache, const Buffer& v_cache, const RopeStoreArgs& a)
{
    const bool qk_norm = a.q_norm != k_no_vector && a.k_norm != k_no_vector;
    // rope_store_sg.comp holds a head as texels in a subgroup's lanes (8 each at most), RoPE
    // pairs within a lane: NeoX only over whole heads of 64, 128 or 256.
    const bool texels =
        k.texel_kernels() && a.head_dim % 4 == 0 && a.head_dim_v % 4 == 0 && a.head_dim <= 256 &&
        a.head_dim_v <= 256 && a.qkv_stride % 4 == 0 && a.rope_dim % 4 == 0 &&
        a.table_offset % 4 == 0 && (!qk_norm || (a.q_norm % 4 == 0 && a.k_norm % 4 == 0)) &&
        (!a.neox || (a.rope_dim == a.head_dim &&
                     (a.rope_dim == 64 || a.rope_dim == 128 || a.rope_dim == 256))) &&
        qkv.texel_view() != VK_NULL_HANDLE && vectors.texel_view() != VK_NULL_HANDLE &&
        rope_table.texel_view() != VK_NULL_HANDLE;
    Result<const ComputePipeline*> pipeline = k.rope_store(texels);
    if (!pipeline)
        return pipeline.error();
    const RopeStorePush push{a.n_head,
                             a.n_head_kv,
                             a.head_dim,
                             a.head_dim_v,
                             a.rope_dim,
                             a.neox ? 1u : 0u,
                             a.qkv_stride,
                             a.pos0,
                             qk_norm ? 1u : 0u,
                             qk_norm ? a.q_norm : 0u,
                             qk_norm ? a.k_norm : 0u,
                             a.eps,
                             a.table_offset,
                             0u,
                             0u};
    return s.dispatch(**pipeline, {&qkv, &vectors, &rope_table, &k_cache, &v_cache}, push,
                      a.n_head + 2 * a.n_head_kv, a.n_tokens);
}

Result<void> record_attention(CommandStream& s, Kernels& k, const Buffer& qkv,
                              const Buffer& k_cache, const Buffer& v_cache, const Buffer& out,
                              const AttentionArgs& a)
{
    // attention_sg.comp reads q, K and V as texels: 8 halves of a cached row, 4 floats of q.
    const bool subgroup = k.texel_kernels() && a.head_dim % 8 == 0 && a.head_dim_v % 8 == 0 &&
                          a.qkv_stride % 4 == 0 && qkv.texel_view() != VK_NULL_HANDLE &&
                          k_cache.texel_view() != VK_NULL_HANDLE &&
                          v_cache.texel_view() != VK_NULL_HANDLE;
    Result<const ComputePipeline*> pipeline = k.attention(subgroup);
    if (!pipeline)
        return pipeline.error();
    const AttentionPush push{a.n_head, a.n_head_kv, a.head_dim, a.head_dim_v, a.qkv_stride, a.pos0,
                             0u,       0u,          a.scale,    a.softcap,    a.window};
    return s.dispatch(**pipeline, {&qkv, &k_cache, &v_cache, &out}, push, a.n_head, a.n_tokens);
}

Result<void> record_glu(CommandStream& s, Kernels& k, const Buffer& gate_up, const Buffer& out,
                        uint32_t n_ff, uint32_t n_tokens, bool gelu)
{
    // glu_sg.comp takes four values of a row at a time, as texels.
    const bool texels = k.texel_kernels() && n_ff % 4 == 0 &&
                        gate_up.texel_view() != VK_NULL_HANDLE &&
                        out.texel_view() != VK_NULL_HANDLE;
    Result<const ComputePipeline*> pipeline = k.glu(texels);
    if (!pipeline)
        return pipeline.error();
    const uint32_t n = n_ff * n_tokens;
    const GluPush push{n_ff, n, gelu ? 1u : 0u};
    const uint32_t per_group = texels ? 4 * 64 : 256;
    return s.dispatch(**pipeline, {&gate_up, &out}, push,
                      std::min<uint32_t>((n + per_group - 1) / per_group, 4096));
}

} // namespace kurabe::gpu
