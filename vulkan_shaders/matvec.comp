#version 450
// Y[t, y_offset + r] (=|+=) W.row(r) · X[x_offset + t * x_stride ..] (+ bias) (soft-capped),
// for the rows of one weight part and up to TILE tokens per workgroup (TILE 8 for prompts; the
// matvec1_* variants have TILE 1 for decode steps). Each 32-value unit of a row is dequantized
// once (quant.glsl, four values at a time, straight into the sums of every token of the tile).
// The 32 lanes of a workgroup serve 32 / lanes_per_row consecutive rows (narrow matrices get
// several rows per workgroup); the lanes of a row split its units and add their partial sums
// in shared memory (no subgroup operations). With one lane per row (chosen for CPU
// implementations such as lavapipe, where every barrier costs a switch between invocations)
// each lane sums its own row and the shader runs without a single barrier. Rows over the
// grid's x and z, token tiles over y. f32 sums.
// X may be RMS-normalised on the fly (the block's input norm: x * weight * 1/sqrt(mean(x^2) +
// eps)), which saves a dispatch and a barrier.
// The per-token sums are the scalars acc0 .. acc7, not an array: lavapipe keeps an array
// indexed in a loop in scratch memory, a gather per access.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require

#ifndef TILE_TOKENS
#define TILE_TOKENS 8
#endif
#define TILE uint(TILE_TOKENS)
#define WG 32u
layout(local_size_x = 32) in;

layout(std430, binding = 0) readonly buffer Weights { uint w_data[]; };
layout(std430, binding = 1) readonly buffer X { float x[]; };
layout(std430, binding = 2) buffer Y { float y[]; };
layout(std430, binding = 3) readonly buffer Vectors { float vectors[]; };

#define QUANT_CONSUME
#include "quant.glsl"

#include "matvec_params.glsl"

// Four values of X from index i on; `last` is the token's last index (a row may end inside).
vec4 load_x4(uint i, uint last)
{
    return vec4(x[i], x[min(i + 1u, last)], x[min(i + 2u, last)], x[min(i + 3u, last)]);
}

// State of the unit being summed, read by consume().
uint g_unit_col;  // column of the unit's first value
uint g_nt;        // tokens in this tile
uint g_x0;        // X index of the tile's first token, column 0
float acc0 = 0.0, acc1 = 0.0, acc2 = 0.0, acc3 = 0.0, acc4 = 0.0, acc5 = 0.0, acc6 = 0.0, acc7 = 0.0;

#define ACCUMULATE(T, ACC)                                                      \
    if (T < g_nt) {                                                             \
        const uint base = g_x0 + T * p.x_stride;                                \
        ACC += dot(w, load_x4(base + col, base + p.cols - 1u));                 \
    }

void consume(vec4 w, uint c)
{
    const uint col = g_unit_col + c;
    if ((p.flags & 8u) != 0u) {
        const uint n = p.norm_offset, last = p.cols - 1u;
        w *= vec4(vectors[n + col], vectors[n + min(col + 1u, last)], vectors[n + min(col + 2u, last)],
                  vectors[n + min(col + 3u, last)]);
    }
    ACCUMULATE(0u, acc0)
#if TILE_TOKENS > 1
    ACCUMULATE(1u, acc1)
    ACCUMULATE(2u, acc2)
    ACCUMULATE(3u, acc3)
    ACCUMULATE(4u, acc4)
    ACCUMULATE(5u, acc5)
    ACCUMULATE(6u, acc6)
    ACCUMULATE(7u, acc7)
#endif
}

float acc_of(uint t)
{
    switch (t) {
    case 0u: return acc0;
    case 1u: return acc1;
    case 2u: return acc2;
    case 3u: return acc3;
    case 4u: return acc4;
    case 5u: return acc5;
    case 6u: return acc6;
    default: return acc7;
    }
}

// 1 / RMS of token t's X (1 when X is not normalised).
float norm_scale(uint t)
{
    if ((p.flags & 8u) == 0u || t >= g_nt)
        return 1.0;
    const uint base = g_x0 + t * p.x_stride;
    float ss = 0.0;
    for (uint i = 0u; i < p.cols; ++i)
        ss += x[base + i] * x[base + i];
    return 1.0 / sqrt(ss / float(p.cols) + p.eps);
}

shared float partial[TILE][WG];

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
    g_nt = min(TILE, p.n_tokens - t0);
    g_x0 = p.x_offset + t0 * p.x_stride;

    g_il = (p.flags & 16u) != 0u ? QUANT_IL_ROWS : 1u;
    const uint row_start = matrix_row_offset(row, p.row_bytes);
    const uint units = row < p.rows ? (p.cols + 31u) / 32u : 0u;
    for (uint u = sub; u < units; u += p.lanes_per_row) {
        g_unit_col = u * 32u;
        decode_consume(row_start, u, min(32u, p.cols - u * 32u));
    }
    // The RMS of each token's X (a factor of the whole sum), computed by each lane for itself:
    // a shared reduction would need barriers, which are dear on lavapipe.
    if ((p.flags & 8u) != 0u) {
        acc0 *= norm_scale(0u);
#if TILE_TOKENS > 1
        acc1 *= norm_scale(1u);
        acc2 *= norm_scale(2u);
        acc3 *= norm_scale(3u);
        acc4 *= norm_scale(4u);
        acc5 *= norm_scale(5u);
        acc6 *= norm_scale(6u);
        acc7 *= norm_scale(7u);
#endif
    }
    if (p.lanes_per_row == 1u) {
        for (uint t = 0u; t < g_nt && row < p.rows; ++t)
            store(row, t0 + t, acc_of(t));
        return;
    }
    for (uint t = 0u; t < TILE; ++t)
        partial[t][lane] = acc_of(t);
    barrier();
    for (uint stride = p.lanes_per_row / 2u; stride > 0u; stride >>= 1) {
        if (sub < stride) {
            for (uint t = 0u; t < TILE; ++t)
                partial[t][lane] += partial[t][lane + stride];
        }
        barrier();
    }
    // Lane `sub` of each row writes token sub's result (and the next ones, for narrow groups).
    for (uint t = sub; t < g_nt && row < p.rows; t += p.lanes_per_row)
        store(row, t0 + t, partial[t][lane - sub]);
}
