#version 450
// rope_store.comp for CPU Vulkan implementations with 8-lane subgroups (lavapipe): one
// subgroup per (head, token), no shared memory or barriers (each barrier switches between
// invocations there), the head read and q written back as 16-byte texels (an image load or
// store is a few plain loads there, a storage-buffer access with a different address per lane
// a loop over the lanes). Lane l holds texels l + 8m of the head (m < 8: head_dim <= 256);
// the per-head RMSNorm sums with subgroupAdd. RoPE pairs lie within a lane: (2i, 2i + 1) in
// one texel, or for NeoX (i, i + rope_dim / 2) texels hq = rope_dim / 16 entries apart, which
// the host ensures by taking this shader for NeoX only with rope_dim == head_dim and
// rope_dim / 64 in 1, 2, 4. The cache stores stay storage-buffer writes (two halves per
// word, half a texel per lane). Same push constants as rope_store.comp.
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_EXT_control_flow_attributes : require

layout(local_size_x = 8) in;

layout(binding = 0, rgba32ui) uniform uimageBuffer qkv_tex;
layout(binding = 1, rgba32ui) readonly uniform uimageBuffer vectors_tex;
layout(binding = 2, rgba32ui) readonly uniform uimageBuffer rope_tex;
layout(std430, binding = 3) writeonly buffer KCache { uint k_cache[]; };
layout(std430, binding = 4) writeonly buffer VCache { uint v_cache[]; };

layout(push_constant) uniform Params {
    uint n_head;
    uint n_head_kv;
    uint head_dim;
    uint head_dim_v;
    uint rope_dim;
    uint neox;
    uint qkv_stride;
    uint pos0;
    uint qk_norm;
    uint q_norm_offset;
    uint k_norm_offset;
    float eps;
    uint table_offset;
    uint k_offset;
    uint v_offset;
} p;

vec4 g_h[8];  // texels lane + 8m of the head
uint g_table; // the rope table's texel of pair 0 at the token's position

// NeoX: texel j = lane + 8m (values 4j .. 4j + 3, pairs 4j .. 4j + 3) with texel j + 8k.
void rope_neox(const uint k)
{
    [[unroll]] for (uint m = 0u; m < k; ++m) {
        const uint j = gl_LocalInvocationID.x + 8u * m;
        const vec4 cs0 = uintBitsToFloat(imageLoad(rope_tex, int(g_table + 2u * j)));
        const vec4 cs1 = uintBitsToFloat(imageLoad(rope_tex, int(g_table + 2u * j + 1u)));
        const vec4 c = vec4(cs0.x, cs0.z, cs1.x, cs1.z), s = vec4(cs0.y, cs0.w, cs1.y, cs1.w);
        const vec4 a = g_h[m], b = g_h[m + k];
        g_h[m] = a * c - b * s;
        g_h[m + k] = a * s + b * c;
    }
}

void main()
{
    // Push constants first: inside a loop or a branch lavapipe loads each as a gather.
    const uint n_head = p.n_head, n_head_kv = p.n_head_kv, head_dim = p.head_dim,
               head_dim_v = p.head_dim_v, rope_dim = p.rope_dim, qkv_stride = p.qkv_stride,
               pos0 = p.pos0, q_norm = p.q_norm_offset >> 2, k_norm = p.k_norm_offset >> 2,
               table_offset = p.table_offset, k_offset = p.k_offset, v_offset = p.v_offset;
    const bool neox = p.neox != 0u, qk_norm = p.qk_norm != 0u;
    const float eps = p.eps;

    const uint lane = gl_LocalInvocationID.x;
    const uint head = gl_WorkGroupID.x;
    const uint t = gl_WorkGroupID.y;
    const uint pos = pos0 + t;
    const bool is_q = head < n_head;
    const bool is_k = !is_q && head < n_head + n_head_kv;
    const uint width = (is_q || is_k) ? head_dim : head_dim_v;
    uint start; // float index of the head's first value in qkv
    if (is_q)
        start = head * head_dim;
    else if (is_k)
        start = n_head * head_dim + (head - n_head) * head_dim;
    else
        start = (n_head + n_head_kv) * head_dim + (head - n_head - n_head_kv) * head_dim_v;
    const uint first = (start + t * qkv_stride) >> 2;
    const uint texels = width >> 2;
    // Texels past the head read its last one, and are neither summed nor stored.
    [[unroll]] for (uint m = 0u; m < 8u; ++m)
        g_h[m] = uintBitsToFloat(imageLoad(qkv_tex, int(first + min(lane + 8u * m, texels - 1u))));

    if (is_q || is_k) {
        if (qk_norm) {
            float s = 0.0;
            [[unroll]] for (uint m = 0u; m < 8u; ++m)
                s += lane + 8u * m < texels ? dot(g_h[m], g_h[m]) : 0.0;
            const float scale = 1.0 / sqrt(subgroupAdd(s) / float(width) + eps);
            const uint w = is_q ? q_norm : k_norm;
            [[unroll]] for (uint m = 0u; m < 8u; ++m) {
                const uint j = min(lane + 8u * m, texels - 1u);
                g_h[m] = g_h[m] * scale * uintBitsToFloat(imageLoad(vectors_tex, int(w + j)));
            }
        }
        const uint half_dim = rope_dim / 2u;
        g_table = (table_offset >> 2) + pos * (half_dim / 2u);
        if (neox) {
            const uint k = rope_dim / 64u;
            if (k == 1u)
                rope_neox(1u);
            else if (k == 2u)
                rope_neox(2u);
            else
                rope_neox(4u);
        } else {
            // Texel j holds pairs 2j and 2j + 1 (values 4j .. 4j + 3), rotated below rope_dim.
            [[unroll]] for (uint m = 0u; m < 8u; ++m) {
                const uint j = lane + 8u * m;
                if (4u * j < rope_dim) {
                    const vec4 cs = uintBitsToFloat(imageLoad(rope_tex, int(g_table + j)));
                    const vec4 h = g_h[m];
                    g_h[m] = vec4(h.x * cs.x - h.y * cs.y, h.x * cs.y + h.y * cs.x,
                                  h.z * cs.z - h.w * cs.w, h.z * cs.w + h.w * cs.z);
                }
            }
        }
    }

    if (is_q) {
        [[unroll]] for (uint m = 0u; m < 8u; ++m) {
            const uint j = lane + 8u * m;
            if (j < texels)
                imageStore(qkv_tex, int(first + j), floatBitsToUint(g_h[m]));
        }
    } else if (is_k) {
        const uint dst = k_offset + pos * (n_head_kv * head_dim / 2u) + (head - n_head) * (head_dim / 2u);
        [[unroll]] for (uint m = 0u; m < 8u; ++m) {
            const uint j = lane + 8u * m;
            if (j < texels) {
                k_cache[dst + 2u * j] = packHalf2x16(g_h[m].xy);
                k_cache[dst + 2u * j + 1u] = packHalf2x16(g_h[m].zw);
            }
        }
    } else {
        const uint dst = v_offset + pos * (n_head_kv * head_dim_v / 2u) +
                         (head - n_head - n_head_kv) * (head_dim_v / 2u);
        [[unroll]] for (uint m = 0u; m < 8u; ++m) {
            const uint j = lane + 8u * m;
            if (j < texels) {
                v_cache[dst + 2u * j] = packHalf2x16(g_h[m].xy);
                v_cache[dst + 2u * j + 1u] = packHalf2x16(g_h[m].zw);
            }
        }
    }
}
