#version 450
// Y[t, y_offset + r] (=|+=) W.row(r) · X[..] for CPU Vulkan implementations (lavapipe): one
// lane per row, reading the weights and X as 16-byte texels. On such devices a storage-buffer
// load whose address differs between lanes becomes a loop over the lanes with a bounds check
// and a branch each, while an image load of a texel is a few plain loads (inlined; a texelFetch
// from a sampler buffer would be a call spilling every register); so every lane reads each
// 32-value unit of X itself, as 8 texels at the same address in all lanes (cheaper on
// lavapipe than sharing one texel per lane through subgroupBroadcast, which lowers to a loop
// per component), and sums 8 or 16 rows with it (256 rows per workgroup).
// Same push constants, flags and variants (TILE_TOKENS 8, or 1 for decode) as matvec.comp,
// except the fused RMSNorm (flag 8): CPU devices normalise X in its own dispatch, and the
// host takes matvec.comp for a product that asks for it.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require

#ifndef TILE_TOKENS
#define TILE_TOKENS 8
#endif
#define TILE uint(TILE_TOKENS)
// 256 rows per workgroup: decode steps sum 16 rows per lane in 16 lanes, prompt tiles 8 in 32
// (more rows per workgroup would leave one of two threads idle at the end of a product of
// 2560 or 5632 rows).
#if TILE_TOKENS == 1
#define LANES 16u
layout(local_size_x = 16) in;
#else
#define LANES 32u
layout(local_size_x = 32) in;
#endif

// The host takes this shader only when x_offset, x_stride and cols are multiples of 4, so
// that a texel is four values of X.
layout(binding = 0, rgba32ui) readonly uniform uimageBuffer w_tex;
layout(binding = 1, rgba32ui) readonly uniform uimageBuffer x_tex;
layout(std430, binding = 2) buffer Y { float y[]; };
layout(std430, binding = 3) readonly buffer Vectors { float vectors[]; };

uint w_word(uint i)
{
    const uvec4 t = imageLoad(w_tex, int(i >> 2));
    const uint c = i & 3u;
    return c == 0u ? t.x : c == 1u ? t.y : c == 2u ? t.z : t.w;
}
#define W_WORD(i) w_word(i)
#define W_TEXELS
#define QUANT_INTERLEAVED // the host passes quantized matrices only when interleaved
#define QUANT_UNIT_SCALE  // the scales of split-scale types come from main(), see below
#define QUANT_CONSUME
#if TILE_TOKENS == 1
#define QUANT_UNIT_DOT // decode steps take Q4_0 and Q4_K units whole (see quant.glsl)
#endif
#include "quant.glsl"
#include "matvec_params.glsl"

uint g_nt; // tokens in this tile
// Push constants, read at the top of main(): inside a loop or a branch lavapipe loads each as
// a gather of 8 lanes with a bounds check (its scalar path needs no live execution mask).
uint g_cols, g_rows, g_x_offset, g_x_stride;
uint g_r;  // the row of the lane being summed, 0 .. ROWS - 1 (rows base + 8 * g_r, see main())

// Split-scale types (quant.glsl): the scale texels of the current unit that hold this lane's
// scales, g_scales[k] for its rows 4k .. 4k + 3 (which lie in the k-th group of the
// interleave it touches); the lane's four scales in a group are half a texel, words 0-1 or 2-3
// by the lane's parity.
uvec4 g_scales[4];
bool g_odd_lane;
float unit_scale()
{
    const uvec4 st = g_scales[g_r >> 2];
    const uint i = g_r & 3u;
    const uint word = g_odd_lane ? st[2u + (i >> 1)] : st[i >> 1];
    return unpackHalf2x16(word)[i & 1u];
}

#if TILE_TOKENS == 1
// Decode steps: each lane sums ROWS rows (acc[r]), so that the unit of X, read into
// xb0 .. xb7 (values 4k .. 4k + 3 of the unit in xb<k>), and the unit's scale texels serve
// sixteen rows (eight were measured 1.25x faster per product than four).
#define ROWS 16u
float acc[16];
vec4 xb0, xb1, xb2, xb3, xb4, xb5, xb6, xb7;

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
    acc[g_r] += v;
}

// w = values c .. c + 3 of the unit (c is a constant once the decoder's loops are unrolled).
void consume(vec4 w, uint c)
{
    consume_unit(dot(w, xb_of(c >> 2)));
}

// X scaled to the places of a word's bytes: a quant taken in place in byte b of a word is
// q * 2^(8b), so X times 2^(-8b) gives q * x exactly (powers of two).
const vec4 k_byte_places = vec4(1.0, 1.0 / 256.0, 1.0 / 65536.0, 1.0 / 16777216.0);
vec4 xs0, xs1, xs2, xs3, xs4, xs5, xs6, xs7; // xb<k> at the places of a word's bytes
vec4 unit_x(uint k)
{
    switch (k) {
    case 0u: return xs0;
    case 1u: return xs1;
    case 2u: return xs2;
    case 3u: return xs3;
    case 4u: return xs4;
    case 5u: return xs5;
    case 6u: return xs6;
    default: return xs7;
    }
}
float g_x_sum; // of the current unit
float unit_x_sum()
{
    return g_x_sum;
}

#if defined(TYPE_Q4_K)
// Q4_K decode steps take a unit pair at a time: units 2j and 2j + 1 of a block are the low
// and high nibbles of the same 32 bytes, under one header, so a pair costs three texel reads
// per row where two single units cost six (each a gather of 8 lanes on lavapipe).
#define Q4K_PAIRS
vec4 g_xs[16];   // the pair's 64 values of X at the places of a word's bytes (see unit_x)
float g_xsum[2]; // the sum of each unit's 32 values

void q4k_pair(uint row, uint u)
{
    const uint bt = (row >> 4) + (u >> 3) * (9u * g_il);
    const uint sub = u & 7u; // even
    const uvec4 head = imageLoad(w_tex, int(bt));
    const vec2 dm = unpackHalf2x16(head.x);
    const uvec2 sm0 = k4_scale_min_of(head.yzw, sub);
    const uvec2 sm1 = k4_scale_min_of(head.yzw, sub + 1u);
    const uint qt = k4_quants(bt << 4, sub >> 1) >> 4;
    const uvec4 qa = imageLoad(w_tex, int(qt));
    const uvec4 qb = imageLoad(w_tex, int(qt + 1u));
    const uvec4 places = uvec4(0xfu, 0xf00u, 0xf0000u, 0xf000000u);
    float s0 = 0.0, s1 = 0.0;
    [[unroll]] for (uint l = 0u; l < 8u; ++l) {
        const uvec4 w = uvec4(l < 4u ? qa[l & 3u] : qb[l & 3u]);
        s0 += dot(vec4(w & places), g_xs[l]);
        s1 += dot(vec4((w >> 4u) & places), g_xs[8u + l]);
    }
    acc[g_r] += dm.x * (float(sm0.x) * s0 + float(sm1.x) * s1) -
                dm.y * (float(sm0.y) * g_xsum[0] + float(sm1.y) * g_xsum[1]);
}
#endif

#if defined(TYPE_Q6_K)
// Q6_K decode steps take a block half at a time (units 4i .. 4i + 3, 128 values): its 64
// low-bit and 32 high-bit bytes are shared by the four units, so a half costs eight texel
// reads per row where four single units cost about forty. Each value's 6 bits are joined in
// place in their byte (low nibble | high bits << 4) and taken against X at the byte's place,
// as for Q4_0.
#define Q6K_HALVES
vec4 g_x6[32];   // the half's 128 values of X at the places of a word's bytes
float g_x6sum[8]; // the sum of each 16-value sub-block of X (unit k, half j: 2k + j)

void q6k_half(uint row, uint u)
{
    const uvec4 f = q6k_fields(row + (u >> 3) * (210u * g_il));
    const uint h = (u >> 2) & 1u;
    const int lt = int((f.x + 64u * h) >> 4), ht = int((f.y + 32u * h) >> 4);
    const uvec4 ql[4] = uvec4[4](imageLoad(w_tex, lt), imageLoad(w_tex, lt + 1),
                                 imageLoad(w_tex, lt + 2), imageLoad(w_tex, lt + 3));
    const uvec4 qh[2] = uvec4[2](imageLoad(w_tex, ht), imageLoad(w_tex, ht + 1));
    // The half's 8 scale bytes: words 2h and 2h + 1 of the row's scale texel.
    const uvec4 sc = imageLoad(w_tex, int(f.z >> 4));
    const uint s_lo = h == 0u ? sc.x : sc.z, s_hi = h == 0u ? sc.y : sc.w;
    const uvec4 dt = imageLoad(w_tex, int(f.w >> 4));
    const uint di = (f.w >> 2) & 3u;
    const uint dw = di == 0u ? dt.x : di == 1u ? dt.y : di == 2u ? dt.z : dt.w;
    const float d = unpackHalf2x16((f.w & 2u) != 0u ? dw >> 16 : dw).x;
    const uvec4 places = uvec4(0x3fu, 0x3f00u, 0x3f0000u, 0x3f000000u);
    float total = 0.0;
    // Unit k: low nibbles (k < 2) or high (k >= 2) of low-bit bytes 32 * (k & 1) .., high bits
    // 2k .. 2k + 1 of the high-bit bytes; sub-block j of it (16 values) has scale 2k + j.
    [[unroll]] for (uint k = 0u; k < 4u; ++k) {
        [[unroll]] for (uint j = 0u; j < 2u; ++j) {
            float s = 0.0;
            [[unroll]] for (uint w = 0u; w < 4u; ++w) {
                const uint wi = 4u * j + w; // word of the unit's 32 bytes
                const uint lw = ql[2u * (k & 1u) + (wi >> 2)][wi & 3u];
                const uint hw = qh[wi >> 2][wi & 3u];
                const uint c = ((k >= 2u ? lw >> 4 : lw) & 0x0f0f0f0fu) |
                               (((hw >> (2u * k)) & 0x03030303u) << 4);
                s += dot(vec4(uvec4(c) & places), g_x6[8u * k + wi]);
            }
            const uint si = 2u * k + j;
            const float ds = float(sext8(((si < 4u ? s_lo : s_hi) >> (8u * (si & 3u))) & 0xffu));
            total += ds * (s - 32.0 * g_x6sum[si]);
        }
    }
    acc[g_r] += d * total;
}
#endif
#else
// Prompts: each lane sums ROWS rows for each of the tile's 8 tokens (acc[8 * r + t]); the
// units of X of all 8 tokens are read once into xb[8 * t + k] and serve all eight rows (the
// fetches of X, 64 per unit, are what prompts cost here: eight rows rather than four made
// prompts 1.4x faster, though the arrays no longer fit in registers).
// Every index is a constant once the loops are unrolled, so the compiler can keep the arrays
// in registers (an index left variable would put them in scratch memory: slow on lavapipe).
#define ROWS 8u
vec4 xb[64];
float acc[64];

void consume(vec4 w, uint c)
{
    [[unroll]] for (uint t = 0u; t < TILE; ++t)
        acc[8u * g_r + t] += dot(w, xb[8u * t + (c >> 2)]);
}
#endif

// Values col .. col + 3 of token t's X. Tokens past the tile read the tile's last one (their
// sums are never stored); past the row's end (a multiple of 4, inside the last unit of a
// plain type only: quantized rows are whole units) they are 0.
vec4 load_x(uint t, uint col)
{
#if !defined(QUANT_BLOCK_BYTES)
    if (col >= g_cols)
        return vec4(0.0);
#endif
    const uint i = g_x_offset + (gl_WorkGroupID.y * TILE + min(t, g_nt - 1u)) * g_x_stride + col;
    return uintBitsToFloat(imageLoad(x_tex, int(i >> 2)));
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint group = gl_WorkGroupID.x + gl_NumWorkGroups.x * gl_WorkGroupID.z;
    // The workgroup's LANES * ROWS rows. The 8 lanes of subgroup s (lanes 8s .. 8s + 7) sum the
    // 8 * ROWS rows from first + 8 * ROWS * s, lane l rows first + 8 * ROWS * s + 8r + l % 8:
    // whole groups of the interleave (quant.glsl), so that each unit of the subgroup's rows is
    // two runs of memory.
    const uint first = group * LANES * ROWS;
    const uint base = first + 8u * ROWS * (lane >> 3) + (lane & 7u);
    g_odd_lane = (lane & 1u) != 0u;
    g_cols = p.cols;
    g_rows = p.rows;
    g_x_offset = p.x_offset;
    g_x_stride = p.x_stride;
    const uint row_bytes = p.row_bytes;
    const uint t0 = gl_WorkGroupID.y * TILE;
    g_nt = min(TILE, p.n_tokens - t0);
    if (first >= g_rows)
        return; // uniform over the workgroup
    // Lanes past the last row compute row rows - 1 again and store nothing.
    [[unroll]] for (uint i = 0u; i < ROWS * TILE; ++i)
        acc[i] = 0.0;
    uint row_start[ROWS];
    [[unroll]] for (uint r = 0u; r < ROWS; ++r)
        row_start[r] = matrix_row_offset(min(base + 8u * r, g_rows - 1u), row_bytes);
    const uint units = (g_cols + 31u) / 32u;
#if defined(Q6K_HALVES)
    // Rows of Q6_K are whole 256-value blocks: units come in fours.
    for (uint u = 0u; u < units; u += 4u) {
        [[unroll]] for (uint s = 0u; s < 8u; ++s) {
            vec4 sum = vec4(0.0);
            [[unroll]] for (uint i = 0u; i < 4u; ++i) {
                const uint k = 4u * s + i; // texel of the half's X: sub-block s = 2 * unit + j
                const vec4 xv = load_x(0u, u * 32u + 4u * k);
                sum += xv;
                g_x6[k] = xv * k_byte_places;
            }
            g_x6sum[s] = (sum.x + sum.y) + (sum.z + sum.w);
        }
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            g_r = r;
            q6k_half(row_start[r], u);
        }
    }
#elif defined(Q4K_PAIRS)
    // Rows of Q4_K are whole 256-value blocks: units come in pairs.
    for (uint u = 0u; u < units; u += 2u) {
        vec4 sums[2] = vec4[2](vec4(0.0), vec4(0.0));
        [[unroll]] for (uint k = 0u; k < 16u; ++k) {
            const vec4 xv = load_x(0u, u * 32u + 4u * k);
            sums[k >> 3] += xv;
            g_xs[k] = xv * k_byte_places;
        }
        g_xsum[0] = (sums[0].x + sums[0].y) + (sums[0].z + sums[0].w);
        g_xsum[1] = (sums[1].x + sums[1].y) + (sums[1].z + sums[1].w);
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            g_r = r;
            q4k_pair(row_start[r], u);
        }
    }
#else
    for (uint u = 0u; u < units; ++u) {
        const uint col0 = u * 32u;
#if defined(QUANT_SPLIT_SCALES)
        {
            // Rows 4k .. 4k + 3 of the lane lie in the k-th group of the interleave it
            // touches; a clamped row start (past the last row) is still in the buffer.
            const uint step = u * (QUANT_BLOCK_BYTES * QUANT_IL_ROWS);
            const int lane_texel = int((lane & 7u) >> 1);
            [[unroll]] for (uint k = 0u; k < ROWS / 4u; ++k)
                g_scales[k] =
                    imageLoad(w_tex, int(((row_start[4u * k] + step) & ~63u) >> 4) + lane_texel);
        }
#endif
#if TILE_TOKENS == 1
        xb0 = load_x(0u, col0);
        xb1 = load_x(0u, col0 + 4u);
        xb2 = load_x(0u, col0 + 8u);
        xb3 = load_x(0u, col0 + 12u);
        xb4 = load_x(0u, col0 + 16u);
        xb5 = load_x(0u, col0 + 20u);
        xb6 = load_x(0u, col0 + 24u);
        xb7 = load_x(0u, col0 + 28u);
        const vec4 x_sums = ((xb0 + xb1) + (xb2 + xb3)) + ((xb4 + xb5) + (xb6 + xb7));
        g_x_sum = (x_sums.x + x_sums.y) + (x_sums.z + x_sums.w);
#if defined(TYPE_Q4_0) || defined(TYPE_Q4_K)
        xs0 = xb0 * k_byte_places;
        xs1 = xb1 * k_byte_places;
        xs2 = xb2 * k_byte_places;
        xs3 = xb3 * k_byte_places;
        xs4 = xb4 * k_byte_places;
        xs5 = xb5 * k_byte_places;
        xs6 = xb6 * k_byte_places;
        xs7 = xb7 * k_byte_places;
#endif
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            g_r = r;
            decode_consume(row_start[r], u, min(32u, g_cols - u * 32u));
        }
#else
        [[unroll]] for (uint k = 0u; k < 8u; ++k) {
            const uint col = col0 + 4u * k;
            xb[k] = load_x(0u, col);
            xb[8u + k] = load_x(1u, col);
            xb[16u + k] = load_x(2u, col);
            xb[24u + k] = load_x(3u, col);
            xb[32u + k] = load_x(4u, col);
            xb[40u + k] = load_x(5u, col);
            xb[48u + k] = load_x(6u, col);
            xb[56u + k] = load_x(7u, col);
        }
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            g_r = r;
            decode_consume(row_start[r], u, min(32u, g_cols - u * 32u));
        }
#endif
    }
#endif
#if TILE_TOKENS == 1
    const uint row = base;
    [[unroll]] for (uint r = 0u; r < ROWS; ++r)
        if (row + 8u * r < g_rows)
            store(row + 8u * r, t0, acc[r]);
#else
    [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
        const uint row = base + 8u * r;
        [[unroll]] for (uint t = 0u; t < TILE; ++t) {
            if (row < g_rows && t < g_nt)
                store(row, t0 + t, acc[8u * r + t]);
        }
    }
#endif
}
