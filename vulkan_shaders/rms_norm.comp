#version 450
// RMSNorm of one row per workgroup: out[t] (=|+=) in[t] / sqrt(mean(in[t]^2) + eps) * w, with
// w = vectors[weight_offset ..]. The add mode fuses Gemma's post-norms with the residual add.

#define WG 64u
layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer In { float in_[]; };
layout(std430, binding = 1) readonly buffer Vectors { float vectors[]; };
layout(std430, binding = 2) buffer Out { float out_[]; };

layout(push_constant) uniform Params {
    uint width;
    uint weight_offset;
    uint add; // 1: add to out
    float eps;
    uint in_offset; // floats before the first input row
} p;

shared float sums[WG];

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint base = gl_WorkGroupID.x * p.width;
    const uint in_base = p.in_offset + base;
    float s = 0.0;
    for (uint i = lane; i < p.width; i += WG)
        s += in_[in_base + i] * in_[in_base + i];
    sums[lane] = s;
    barrier();
    for (uint stride = WG / 2u; stride > 0u; stride >>= 1) {
        if (lane < stride)
            sums[lane] += sums[lane + stride];
        barrier();
    }
    const float scale = 1.0 / sqrt(sums[0] / float(p.width) + p.eps);
    for (uint i = lane; i < p.width; i += WG) {
        const float v = in_[in_base + i] * scale * vectors[p.weight_offset + i];
        if (p.add != 0u)
            out_[base + i] += v;
        else
            out_[base + i] = v;
    }
}
