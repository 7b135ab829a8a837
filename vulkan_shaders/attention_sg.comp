#version 450
// attention.comp for CPU Vulkan implementations with 8-lane subgroups (lavapipe): the same
// causal, grouped-query attention over the f16 KV cache with online softmax, but one
// subgroup per (query head, token) and no barriers or shared memory (each barrier switches
// between invocations there), and the cache and q read as 16-byte texels (a storage-buffer
// load with a different address per lane is a loop over the lanes there).
// Lane l scores position c + l of each chunk of 8; the subgroup's max and sum come from
// subgroupMax/subgroupAdd. For the values, lane l owns dimensions 8g .. 8g + 7 for the
// texels g = l, l + 8, l + 16, l + 24 of a cached row (head_dim_v <= 256). The host takes this
// shader when head_dim and head_dim_v are multiples of 8 and q is texel-aligned.
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_ballot : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_EXT_control_flow_attributes : require

layout(local_size_x = 8) in;

layout(binding = 0, rgba32ui) readonly uniform uimageBuffer qkv_tex;
layout(binding = 1, rgba32ui) readonly uniform uimageBuffer k_tex;
layout(binding = 2, rgba32ui) readonly uniform uimageBuffer v_tex;
layout(std430, binding = 3) writeonly buffer Out { float out_[]; };

layout(push_constant) uniform Params {
    uint n_head;
    uint n_head_kv;
    uint head_dim;   // <= 256, a multiple of 8
    uint head_dim_v; // <= 256, a multiple of 8
    uint qkv_stride;
    uint pos0;
    uint k_offset; // uint index of this layer's position 0 in k_cache (a multiple of 4)
    uint v_offset;
    float scale;
    float softcap; // 0: off
    uint window;   // 0: off
} p;

vec4 lo_halves(uvec4 t)
{
    return vec4(unpackHalf2x16(t.x), unpackHalf2x16(t.y));
}

vec4 hi_halves(uvec4 t)
{
    return vec4(unpackHalf2x16(t.z), unpackHalf2x16(t.w));
}

void main()
{
    const uint lane = gl_SubgroupInvocationID;
    const uint head = gl_WorkGroupID.x;
    const uint t = gl_WorkGroupID.y;
    const uint pos = p.pos0 + t;
    const uint kv_head = head / (p.n_head / p.n_head_kv);
    // In texels (8 halves, or 4 floats of q).
    const uint k_row = p.n_head_kv * p.head_dim / 8u;
    const uint v_row = p.n_head_kv * p.head_dim_v / 8u;
    const uint k_head = p.k_offset / 4u + kv_head * (p.head_dim / 8u);
    const uint v_head = p.v_offset / 4u + kv_head * (p.head_dim_v / 8u);
    const uint q_base = (t * p.qkv_stride + head * p.head_dim) / 4u;
    const uint k_texels = p.head_dim / 8u;
    const uint v_texels = p.head_dim_v / 8u;

    const uint first = (p.window > 0u && pos + 1u > p.window) ? pos + 1u - p.window : 0u;
    float running_max = -1.0 / 0.0;
    float running_sum = 0.0;
    vec4 acc[8];
    [[unroll]] for (uint i = 0u; i < 8u; ++i)
        acc[i] = vec4(0.0);

    for (uint c = first; c <= pos; c += 8u) {
        const uint j = min(c + lane, pos);
        const uint kb = k_head + j * k_row;
        float dot_qk = 0.0;
        for (uint i = 0u; i < k_texels; ++i) {
            const uvec4 kt = imageLoad(k_tex, int(kb + i));
            dot_qk += dot(uintBitsToFloat(imageLoad(qkv_tex, int(q_base + 2u * i))), lo_halves(kt)) +
                      dot(uintBitsToFloat(imageLoad(qkv_tex, int(q_base + 2u * i + 1u))), hi_halves(kt));
        }
        float s = dot_qk * p.scale;
        if (p.softcap > 0.0)
            s = p.softcap * tanh(clamp(s / p.softcap, -15.0, 15.0));
        if (c + lane > pos)
            s = -1.0 / 0.0;
        const float new_max = max(running_max, subgroupMax(s));
        const float alpha = exp(running_max - new_max);
        const float e = c + lane <= pos ? exp(s - new_max) : 0.0;
        running_sum = running_sum * alpha + subgroupAdd(e);
        running_max = new_max;
        [[unroll]] for (uint i = 0u; i < 8u; ++i)
            acc[i] *= alpha;
        const uint count = min(8u, pos + 1u - c);
        [[unroll]] for (uint k = 0u; k < 8u; ++k) {
            if (k < count) {
                const float pk = subgroupBroadcast(e, k);
                const uint vb = v_head + (c + k) * v_row;
                [[unroll]] for (uint g = 0u; g < 4u; ++g) {
                    const uint texel = lane + 8u * g;
                    if (texel < v_texels) {
                        const uvec4 vt = imageLoad(v_tex, int(vb + texel));
                        acc[2u * g] += pk * lo_halves(vt);
                        acc[2u * g + 1u] += pk * hi_halves(vt);
                    }
                }
            }
        }
    }

    const float inv_sum = 1.0 / running_sum;
    const uint o = (t * p.n_head + head) * p.head_dim_v;
    [[unroll]] for (uint g = 0u; g < 4u; ++g) {
        const uint texel = lane + 8u * g;
        if (texel < v_texels) {
            const vec4 a = acc[2u * g] * inv_sum, b = acc[2u * g + 1u] * inv_sum;
            const uint d = o + 8u * texel;
            out_[d] = a.x;
            out_[d + 1u] = a.y;
            out_[d + 2u] = a.z;
            out_[d + 3u] = a.w;
            out_[d + 4u] = b.x;
            out_[d + 5u] = b.y;
            out_[d + 6u] = b.z;
            out_[d + 7u] = b.w;
        }
    }
}
