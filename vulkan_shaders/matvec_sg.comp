#version 450
// Y[t, y_offset + r] (=|+=) W.row(r) · X[..] for CPU Vulkan implementations (lavapipe) with
// 8-lane subgroups: one lane per row, and the subgroup's 8 lanes share each 32-value unit of X.
// On such devices every storage-buffer load whose address differs between lanes becomes a
// loop over the lanes with a bounds check and a branch each, so loading X separately in
// every lane (as matvec.comp does with one lane per row) made X, not the weights, the cost.
// Here lane l loads only values 4l .. 4l + 3 of the unit (and of the RMSNorm weight), and
// the others get them by subgroupBroadcast. The RMS of X is summed from the same loads and
// combined with subgroupAdd, so the fused norm costs no extra pass over X.
// Same push constants, flags and variants (TILE_TOKENS 8, or 1 for decode) as matvec.comp;
// both sum four rows per lane (128 rows per workgroup).
#extension GL_GOOGLE_include_directive : require
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_ballot : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_EXT_control_flow_attributes : require

#ifndef TILE_TOKENS
#define TILE_TOKENS 8
#endif
#define TILE uint(TILE_TOKENS)
layout(local_size_x = 32) in;

// Weights and X are read as 16-byte texels: on lavapipe a texel fetch is a plain gather,
// while a storage-buffer load with a different address per lane is a loop over the lanes
// with a bounds check and a branch each (about ten times the cost per byte). The host takes
// this shader only when x_offset, x_stride and cols are multiples of 4, so one texel is a
// lane's four values of X.
layout(binding = 0) uniform usamplerBuffer w_tex;
layout(binding = 1) uniform usamplerBuffer x_tex;
layout(std430, binding = 2) buffer Y { float y[]; };
layout(std430, binding = 3) readonly buffer Vectors { float vectors[]; };

uint w_word(uint i)
{
    const uvec4 t = texelFetch(w_tex, int(i >> 2));
    const uint c = i & 3u;
    return c == 0u ? t.x : c == 1u ? t.y : c == 2u ? t.z : t.w;
}
#define W_WORD(i) w_word(i)
#define W_TEXELS
#define QUANT_CONSUME
#if TILE_TOKENS == 1
#define QUANT_UNIT_DOT // decode steps take Q4_0 units whole (see quant.glsl)
#endif
#include "quant.glsl"
#include "matvec_params.glsl"

uint g_nt; // tokens in this tile
// This lane's four values of the current unit, per token (norm weight applied).
vec4 xv0, xv1, xv2, xv3, xv4, xv5, xv6, xv7;
float ss0 = 0.0, ss1 = 0.0, ss2 = 0.0, ss3 = 0.0, ss4 = 0.0, ss5 = 0.0, ss6 = 0.0, ss7 = 0.0;

#if TILE_TOKENS == 1
// Decode steps: each lane sums ROWS rows (acc0 .. acc3), so that the unit of X, shared once
// per subgroup into xb0 .. xb7 (values 4k .. 4k + 3 of the unit in xb<k>), serves four rows:
// a broadcast costs about as much as the products of a row's four values.
#define ROWS 4u
float acc0 = 0.0, acc1 = 0.0, acc2 = 0.0, acc3 = 0.0;
vec4 xb0, xb1, xb2, xb3, xb4, xb5, xb6, xb7;
uint g_r; // the row of the lane being summed, 0 .. ROWS - 1

vec4 xb_of(uint k)
{
    switch (k) {
    case 0u: return xb0;
    case 1u: return xb1;
    case 2u: return xb2;
    case 3u: return xb3;
    case 4u: return xb4;
    case 5u: return xb5;
    case 6u: return xb6;
    default: return xb7;
    }
}

void consume_unit(float v)
{
    switch (g_r) {
    case 0u: acc0 += v; break;
    case 1u: acc1 += v; break;
    case 2u: acc2 += v; break;
    default: acc3 += v; break;
    }
}

// w = values c .. c + 3 of the unit (c is a constant once the decoder's loops are unrolled).
void consume(vec4 w, uint c)
{
    consume_unit(dot(w, xb_of(c >> 2)));
}

vec4 unit_x(uint k)
{
    return xb_of(k);
}
float g_x_sum; // of the current unit
float unit_x_sum()
{
    return g_x_sum;
}
#else
// Prompts: each lane sums ROWS rows for each of the tile's 8 tokens (acc[8 * r + t]); the
// units of X of all 8 tokens are broadcast once into xb[8 * t + k] and serve all four rows.
// Every index is a constant once the loops are unrolled, so the compiler can keep the arrays
// in registers (an index left variable would put them in scratch memory: slow on lavapipe).
#define ROWS 4u
vec4 xb[64];
float acc[32];
uint g_r;

void consume(vec4 w, uint c)
{
    [[unroll]] for (uint t = 0u; t < TILE; ++t)
        acc[8u * g_r + t] += dot(w, xb[8u * t + (c >> 2)]);
}
#endif

// Values col .. col + 3 of token t's X (0 for tokens past the tile, and past the row's end,
// which is a multiple of 4), times the norm weight when X is normalised; ss += their squares.
vec4 load_x(uint t, uint col, inout float ss)
{
    if (t >= g_nt || col >= p.cols)
        return vec4(0.0);
    const uint i = p.x_offset + (gl_WorkGroupID.y * TILE + t) * p.x_stride + col;
    const vec4 v = uintBitsToFloat(texelFetch(x_tex, int(i >> 2)));
    ss += dot(v, v);
    return v;
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint sl = gl_SubgroupInvocationID;
    const uint group = gl_WorkGroupID.x + gl_NumWorkGroups.x * gl_WorkGroupID.z;
    // The workgroup's 32 * ROWS rows: lane l sums rows first + l, first + 32 + l, ...
    const uint first = group * 32u * ROWS;
    if (first >= p.rows)
        return; // uniform over the workgroup
    const uint t0 = gl_WorkGroupID.y * TILE;
    g_nt = min(TILE, p.n_tokens - t0);
    // Lanes past the last row compute row rows - 1 again (every lane must take part in the
    // broadcasts) and store nothing.
#if TILE_TOKENS > 1
    [[unroll]] for (uint i = 0u; i < 32u; ++i)
        acc[i] = 0.0;
#endif
    g_il = (p.flags & 16u) != 0u ? 8u : 1u;
    uint row_start[ROWS];
    [[unroll]] for (uint r = 0u; r < ROWS; ++r)
        row_start[r] = matrix_row_offset(min(first + 32u * r + lane, p.rows - 1u), p.row_bytes);
    const uint units = (p.cols + 31u) / 32u;
    const bool norm = (p.flags & 8u) != 0u;
    for (uint u = 0u; u < units; ++u) {
        const uint col = u * 32u + 4u * sl;
        vec4 nw = vec4(1.0);
        if (norm && col < p.cols) {
            const uint n = p.norm_offset + col;
            nw = vec4(vectors[n], vectors[n + 1u], vectors[n + 2u], vectors[n + 3u]);
        }
        xv0 = load_x(0u, col, ss0) * nw;
#if TILE_TOKENS == 1
        xb0 = subgroupBroadcast(xv0, 0u);
        xb1 = subgroupBroadcast(xv0, 1u);
        xb2 = subgroupBroadcast(xv0, 2u);
        xb3 = subgroupBroadcast(xv0, 3u);
        xb4 = subgroupBroadcast(xv0, 4u);
        xb5 = subgroupBroadcast(xv0, 5u);
        xb6 = subgroupBroadcast(xv0, 6u);
        xb7 = subgroupBroadcast(xv0, 7u);
        const vec4 x_sums = ((xb0 + xb1) + (xb2 + xb3)) + ((xb4 + xb5) + (xb6 + xb7));
        g_x_sum = (x_sums.x + x_sums.y) + (x_sums.z + x_sums.w);
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            g_r = r;
            decode_consume(row_start[r], u, min(32u, p.cols - u * 32u));
        }
#else
        xv1 = load_x(1u, col, ss1) * nw;
        xv2 = load_x(2u, col, ss2) * nw;
        xv3 = load_x(3u, col, ss3) * nw;
        xv4 = load_x(4u, col, ss4) * nw;
        xv5 = load_x(5u, col, ss5) * nw;
        xv6 = load_x(6u, col, ss6) * nw;
        xv7 = load_x(7u, col, ss7) * nw;
        [[unroll]] for (uint k = 0u; k < 8u; ++k) {
            xb[k] = subgroupBroadcast(xv0, k);
            xb[8u + k] = subgroupBroadcast(xv1, k);
            xb[16u + k] = subgroupBroadcast(xv2, k);
            xb[24u + k] = subgroupBroadcast(xv3, k);
            xb[32u + k] = subgroupBroadcast(xv4, k);
            xb[40u + k] = subgroupBroadcast(xv5, k);
            xb[48u + k] = subgroupBroadcast(xv6, k);
            xb[56u + k] = subgroupBroadcast(xv7, k);
        }
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            g_r = r;
            decode_consume(row_start[r], u, min(32u, p.cols - u * 32u));
        }
#endif
    }
#if TILE_TOKENS == 1
    if (norm) {
        const float scale = 1.0 / sqrt(subgroupAdd(ss0) / float(p.cols) + p.eps);
        acc0 *= scale;
        acc1 *= scale;
        acc2 *= scale;
        acc3 *= scale;
    }
    const uint row = first + lane;
    if (row < p.rows) store(row, t0, acc0);
    if (row + 32u < p.rows) store(row + 32u, t0, acc1);
    if (row + 64u < p.rows) store(row + 64u, t0, acc2);
    if (row + 96u < p.rows) store(row + 96u, t0, acc3);
#else
    float scale[8];
    const float inv_n = 1.0 / float(p.cols);
    scale[0] = ss0;
    scale[1] = ss1;
    scale[2] = ss2;
    scale[3] = ss3;
    scale[4] = ss4;
    scale[5] = ss5;
    scale[6] = ss6;
    scale[7] = ss7;
    [[unroll]] for (uint t = 0u; t < TILE; ++t)
        scale[t] = norm ? 1.0 / sqrt(subgroupAdd(scale[t]) * inv_n + p.eps) : 1.0;
    [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
        const uint row = first + 32u * r + lane;
        [[unroll]] for (uint t = 0u; t < TILE; ++t) {
            if (row < p.rows && t < g_nt)
                store(row, t0 + t, acc[8u * r + t] * scale[t]);
        }
    }
#endif
}
