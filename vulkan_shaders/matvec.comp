#version 450
// Y[t, y_offset + r] (=|+=) W.row(r) · X[x_offset + t * x_stride ..] (+ bias) (soft-capped),
// for the rows of one weight part and up to 8 tokens per workgroup: each 32-value unit of a
// row is dequantized once (quant.glsl) and used for every token of the tile. The 32 lanes of
// a workgroup serve 32 / lanes_per_row consecutive rows (narrow matrices get several rows per
// workgroup); the lanes of a row split its units and add their partial sums in shared memory
// (no subgroup operations). With one lane per row (chosen for CPU implementations such as
// lavapipe, where every barrier costs a switch between invocations) each lane sums its own
// row and the shader runs without a single barrier. Rows over the grid's x and z, 8-token
// tiles over y. f32 sums.
// Two fusions save a dispatch and a barrier each: X may be RMS-normalised on the fly (the
// block's input norm: x * weight * 1/sqrt(mean(x^2) + eps)), or be the gated activation of a
// gate/up buffer (act(gate) * up, the FFN's input to its down projection).
#extension GL_GOOGLE_include_directive : require

#define WG 32u
#define TILE 8u
layout(local_size_x = 32) in;

layout(std430, binding = 0) readonly buffer Weights { uint w_data[]; };
layout(std430, binding = 1) readonly buffer X { float x[]; };
layout(std430, binding = 2) buffer Y { float y[]; };
layout(std430, binding = 3) readonly buffer Vectors { float vectors[]; };

#include "quant.glsl"

layout(push_constant) uniform Params {
    uint cols;      // values per row
    uint rows;      // rows in this part
    uint row_bytes; // bytes per stored row
    uint n_tokens;
    uint x_offset;  // float index of token 0's first value
    uint x_stride;  // floats between tokens in X
    uint y_offset;  // float index of (token 0, row 0 of this part)
    uint y_stride;  // floats between tokens in Y
    // 1: add to Y; 2: add the bias vectors[bias_offset + r]; 4: soft-cap; 8: RMS-normalise X
    // with weight vectors[norm_offset ..]; 16: X is act(x[i]) * x[glu_offset + i], act SiLU
    // or (32) GELU
    uint flags;
    uint bias_offset;
    float softcap;
    uint lanes_per_row; // power of two <= 32
    uint norm_offset;
    float eps;
    uint glu_offset; // floats from a gate value to its up value
} p;

float gelu(float g)
{
    return 0.5 * g * (1.0 + tanh(clamp(0.7978845608028654 * (g + 0.044715 * g * g * g), -15.0, 15.0)));
}

// Input value i (an index into X) as the product sees it.
float load_x(uint i, uint col)
{
    if ((p.flags & 16u) != 0u) {
        const float g = x[i];
        const float a = (p.flags & 32u) != 0u ? gelu(g) : g / (1.0 + exp(-g));
        return a * x[i + p.glu_offset];
    }
    if ((p.flags & 8u) != 0u)
        return x[i] * vectors[p.norm_offset + col];
    return x[i];
}

shared float partial[TILE][WG];

// Y[token, row] (=|+=) value + bias, soft-capped.
void store(uint row, uint token, float value)
{
    if ((p.flags & 2u) != 0u)
        value += vectors[p.bias_offset + row];
    if ((p.flags & 4u) != 0u)
        value = p.softcap * tanh(clamp(value / p.softcap, -15.0, 15.0));
    const uint i = p.y_offset + token * p.y_stride + row;
    if ((p.flags & 1u) != 0u)
        y[i] += value;
    else
        y[i] = value;
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint rows_per_group = WG / p.lanes_per_row;
    const uint group = gl_WorkGroupID.x + gl_NumWorkGroups.x * gl_WorkGroupID.z;
    const uint row = group * rows_per_group + lane / p.lanes_per_row;
    const uint sub = lane % p.lanes_per_row;
    if (group * rows_per_group >= p.rows)
        return; // uniform over the workgroup
    const uint t0 = gl_WorkGroupID.y * TILE;
    const uint nt = min(TILE, p.n_tokens - t0);

    // RMSNorm of X: every lane sums squares of a slice of each token, then the lanes combine.
    float norm_scale[TILE];
    for (uint t = 0u; t < TILE; ++t)
        norm_scale[t] = 1.0;
    if ((p.flags & 8u) != 0u && p.lanes_per_row == 1u) {
        for (uint t = 0u; t < TILE; ++t) {
            if (t < nt) {
                const uint base = p.x_offset + (t0 + t) * p.x_stride;
                float ss = 0.0;
                for (uint i = 0u; i < p.cols; ++i)
                    ss += x[base + i] * x[base + i];
                norm_scale[t] = 1.0 / sqrt(ss / float(p.cols) + p.eps);
            }
        }
    } else if ((p.flags & 8u) != 0u) {
        for (uint t = 0u; t < TILE; ++t) {
            float ss = 0.0;
            if (t < nt) {
                const uint base = p.x_offset + (t0 + t) * p.x_stride;
                for (uint i = lane; i < p.cols; i += WG)
                    ss += x[base + i] * x[base + i];
            }
            partial[t][lane] = ss;
        }
        barrier();
        for (uint stride = WG / 2u; stride > 0u; stride >>= 1) {
            if (lane < stride) {
                for (uint t = 0u; t < TILE; ++t)
                    partial[t][lane] += partial[t][lane + stride];
            }
            barrier();
        }
        for (uint t = 0u; t < TILE; ++t)
            norm_scale[t] = 1.0 / sqrt(partial[t][0] / float(p.cols) + p.eps);
        barrier(); // partial is reused below
    }

    float acc[TILE];
    for (uint t = 0u; t < TILE; ++t)
        acc[t] = 0.0;
    const uint row_start = row * p.row_bytes;
    const uint units = row < p.rows ? (p.cols + 31u) / 32u : 0u;
    for (uint u = sub; u < units; u += p.lanes_per_row) {
        const uint valid = min(32u, p.cols - u * 32u);
        float v[32];
        decode_unit(row_start, u, valid, v);
        for (uint t = 0u; t < TILE; ++t) {
            if (t < nt) {
                const uint base = p.x_offset + (t0 + t) * p.x_stride + u * 32u;
                float s = 0.0;
                if ((p.flags & 24u) == 0u) {
                    if (valid == 32u) {
                        for (uint i = 0u; i < 32u; ++i)
                            s += v[i] * x[base + i];
                    } else {
                        for (uint i = 0u; i < valid; ++i)
                            s += v[i] * x[base + i];
                    }
                } else {
                    for (uint i = 0u; i < valid; ++i)
                        s += v[i] * load_x(base + i, u * 32u + i);
                }
                acc[t] += s * norm_scale[t];
            }
        }
    }
    if (p.lanes_per_row == 1u) {
        for (uint t = 0u; t < nt && row < p.rows; ++t)
            store(row, t0 + t, acc[t]);
        return;
    }
    for (uint t = 0u; t < TILE; ++t)
        partial[t][lane] = acc[t];
    barrier();
    for (uint stride = p.lanes_per_row / 2u; stride > 0u; stride >>= 1) {
        if (sub < stride) {
            for (uint t = 0u; t < TILE; ++t)
                partial[t][lane] += partial[t][lane + stride];
        }
        barrier();
    }
    // Lane `sub` of each row writes token sub's result (and the next ones, for narrow groups).
    for (uint t = sub; t < nt && row < p.rows; t += p.lanes_per_row)
        store(row, t0 + t, partial[t][lane - sub]);
}
