#version 450
// Causal attention with grouped-query heads over the f16 KV cache, one workgroup per (query
// head, token): out = softmax(soft_cap(scale * q·K)) V over positions first .. pos, where
// first = pos - window + 1 on sliding-window layers (else 0). Positions are taken 64 at a time
// (one score per lane) with a running max and sum (online softmax), so any context length
// runs in fixed shared memory. Each lane owns value dimension pairs lane, lane + 64.

#define WG 64u
layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer Qkv { float qkv[]; };
layout(std430, binding = 1) readonly buffer KCache { uint k_cache[]; };
layout(std430, binding = 2) readonly buffer VCache { uint v_cache[]; };
layout(std430, binding = 3) writeonly buffer Out { float out_[]; };

layout(push_constant) uniform Params {
    uint n_head;
    uint n_head_kv;
    uint head_dim;   // <= 256
    uint head_dim_v; // <= 256
    uint qkv_stride;
    uint pos0;
    uint k_offset; // uint index of this layer's position 0 in k_cache
    uint v_offset;
    float scale;
    float softcap; // 0: off
    uint window;   // 0: off
} p;

shared float q[256];
shared float probs[WG];
shared float red[WG];

float reduce_max(uint lane, float v)
{
    red[lane] = v;
    barrier();
    for (uint stride = WG / 2u; stride > 0u; stride >>= 1) {
        if (lane < stride)
            red[lane] = max(red[lane], red[lane + stride]);
        barrier();
    }
    const float r = red[0];
    barrier();
    return r;
}

float reduce_sum(uint lane, float v)
{
    red[lane] = v;
    barrier();
    for (uint stride = WG / 2u; stride > 0u; stride >>= 1) {
        if (lane < stride)
            red[lane] += red[lane + stride];
        barrier();
    }
    const float r = red[0];
    barrier();
    return r;
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint head = gl_WorkGroupID.x;
    const uint t = gl_WorkGroupID.y;
    const uint pos = p.pos0 + t;
    const uint kv_head = head / (p.n_head / p.n_head_kv);
    const uint k_row = p.n_head_kv * p.head_dim / 2u; // uints per cached position
    const uint v_row = p.n_head_kv * p.head_dim_v / 2u;
    const uint k_head = p.k_offset + kv_head * (p.head_dim / 2u);
    const uint v_head = p.v_offset + kv_head * (p.head_dim_v / 2u);

    for (uint i = lane; i < p.head_dim; i += WG)
        q[i] = qkv[t * p.qkv_stride + head * p.head_dim + i];
    barrier();

    const uint first = (p.window > 0u && pos + 1u > p.window) ? pos + 1u - p.window : 0u;
    float running_max = -1.0 / 0.0;
    float running_sum = 0.0;
    vec2 acc[2] = vec2[2](vec2(0.0), vec2(0.0));
    const uint pairs = p.head_dim_v / 2u;

    for (uint c = first; c <= pos; c += WG) {
        const uint j = c + lane;
        float s = -1.0 / 0.0;
        if (j <= pos) {
            const uint kb = k_head + j * k_row;
            float dot_qk = 0.0;
            for (uint d = 0u; d < p.head_dim / 2u; ++d) {
                const vec2 k = unpackHalf2x16(k_cache[kb + d]);
                dot_qk += q[2u * d] * k.x + q[2u * d + 1u] * k.y;
            }
            s = dot_qk * p.scale;
            if (p.softcap > 0.0)
                s = p.softcap * tanh(clamp(s / p.softcap, -15.0, 15.0));
        }
        const float chunk_max = reduce_max(lane, s);
        const float new_max = max(running_max, chunk_max);
        const float alpha = exp(running_max - new_max);
        const float e = j <= pos ? exp(s - new_max) : 0.0;
        probs[lane] = e;
        running_sum = running_sum * alpha + reduce_sum(lane, e); // barrier inside: probs ready
        running_max = new_max;
        const uint count = min(WG, pos + 1u - c);
        for (uint k = 0u; k < 2u; ++k) {
            const uint pair = lane + k * WG;
            if (pair < pairs) {
                vec2 a = acc[k] * alpha;
                for (uint i = 0u; i < count; ++i)
                    a += probs[i] * unpackHalf2x16(v_cache[v_head + (c + i) * v_row + pair]);
                acc[k] = a;
            }
        }
        barrier(); // probs is rewritten by the next chunk
    }

    const float inv_sum = 1.0 / running_sum;
    const uint o = (t * p.n_head + head) * p.head_dim_v;
    for (uint k = 0u; k < 2u; ++k) {
        const uint pair = lane + k * WG;
        if (pair < pairs) {
            out_[o + 2u * pair] = acc[k].x * inv_sum;
            out_[o + 2u * pair + 1u] = acc[k].y * inv_sum;
        }
    }
}
