#version 450
// After the q/k/v projections of a batch: per token and head, the optional per-head RMSNorm of
// q and k (qwen3, gemma3), RoPE on q and k (in place in `qkv`), and the store of k and v into
// the f16 KV cache at the token's position. One workgroup per (head, token): heads
// 0 .. n_head-1 are q, then n_head_kv k heads, then n_head_kv v heads.
// Rotation table: rope[table_offset + (pos * rope_dim / 2 + i) * 2 ..] = (cos, sin) of pair i
// at position pos, both already times the model's mscale.

#define WG 64u
layout(local_size_x = 64) in;

layout(std430, binding = 0) buffer Qkv { float qkv[]; };
layout(std430, binding = 1) readonly buffer Vectors { float vectors[]; };
layout(std430, binding = 2) readonly buffer Rope { float rope[]; };
layout(std430, binding = 3) writeonly buffer KCache { uint k_cache[]; };
layout(std430, binding = 4) writeonly buffer VCache { uint v_cache[]; };

layout(push_constant) uniform Params {
    uint n_head;
    uint n_head_kv;
    uint head_dim;   // q and k (<= 256)
    uint head_dim_v; // v (<= 256)
    uint rope_dim;
    uint neox;       // 1: pairs (i, i + rope_dim / 2); 0: (2i, 2i + 1)
    uint qkv_stride; // floats per token in qkv: q heads, k heads, v heads
    uint pos0;       // position of token 0
    uint qk_norm;    // 1: RMSNorm q and k heads with q_norm / k_norm
    uint q_norm_offset;
    uint k_norm_offset;
    float eps;
    uint table_offset;
    uint k_offset; // uint index of this layer's position 0 in k_cache (pairs of f16)
    uint v_offset;
} p;

shared float hv[256];
shared float sums[WG];

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint head = gl_WorkGroupID.x;
    const uint t = gl_WorkGroupID.y;
    const uint pos = p.pos0 + t;
    const bool is_q = head < p.n_head;
    const bool is_k = !is_q && head < p.n_head + p.n_head_kv;
    const uint width = (is_q || is_k) ? p.head_dim : p.head_dim_v;
    uint start; // float index of the head's first value in qkv
    if (is_q)
        start = head * p.head_dim;
    else if (is_k)
        start = p.n_head * p.head_dim + (head - p.n_head) * p.head_dim;
    else
        start = (p.n_head + p.n_head_kv) * p.head_dim + (head - p.n_head - p.n_head_kv) * p.head_dim_v;
    start += t * p.qkv_stride;

    for (uint i = lane; i < width; i += WG)
        hv[i] = qkv[start + i];
    barrier();

    if (!(is_q || is_k)) {
        const uint kv = head - p.n_head - p.n_head_kv;
        const uint dst = p.v_offset + pos * (p.n_head_kv * p.head_dim_v / 2u) + kv * (p.head_dim_v / 2u);
        for (uint j = lane; j < width / 2u; j += WG)
            v_cache[dst + j] = packHalf2x16(vec2(hv[2u * j], hv[2u * j + 1u]));
        return;
    }

    if (p.qk_norm != 0u) {
        float s = 0.0;
        for (uint i = lane; i < width; i += WG)
            s += hv[i] * hv[i];
        sums[lane] = s;
        barrier();
        for (uint stride = WG / 2u; stride > 0u; stride >>= 1) {
            if (lane < stride)
                sums[lane] += sums[lane + stride];
            barrier();
        }
        const float scale = 1.0 / sqrt(sums[0] / float(width) + p.eps);
        const uint w = is_q ? p.q_norm_offset : p.k_norm_offset;
        for (uint i = lane; i < width; i += WG)
            hv[i] = hv[i] * scale * vectors[w + i];
        barrier();
    }

    const uint half_dim = p.rope_dim / 2u;
    for (uint i = lane; i < half_dim; i += WG) {
        const uint ia = p.neox != 0u ? i : 2u * i;
        const uint ib = p.neox != 0u ? i + half_dim : 2u * i + 1u;
        const uint r = p.table_offset + (pos * half_dim + i) * 2u;
        const float c = rope[r], s = rope[r + 1u];
        const float a = hv[ia], b = hv[ib];
        hv[ia] = a * c - b * s;
        hv[ib] = a * s + b * c;
    }
    barrier();

    if (is_q) {
        for (uint i = lane; i < width; i += WG)
            qkv[start + i] = hv[i];
    } else {
        const uint kv = head - p.n_head;
        const uint dst = p.k_offset + pos * (p.n_head_kv * p.head_dim / 2u) + kv * (p.head_dim / 2u);
        for (uint j = lane; j < width / 2u; j += WG)
            k_cache[dst + j] = packHalf2x16(vec2(hv[2u * j], hv[2u * j + 1u]));
    }
}
