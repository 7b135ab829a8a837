// Included by the shaders that read quantized weights (matvec.comp, get_rows.comp): reading
// bytes from a uint-addressed storage buffer, and decode_unit(), which turns 32 consecutive
// values of a stored row into f32. Exactly one TYPE_* define picks the layout (F32 when none);
// the layouts are those of tensor/block_decode_*.cpp, decoded in the same arithmetic order.
// The including shader declares `w_data`, the weights as uint words (little-endian bytes), or
// defines W_WORD(i) to read word i some other way (matvec_sg.comp reads texels).
// Only 32-bit storage access is used, so no 8/16-bit storage feature is needed.

#if !defined(TYPE_F16) && !defined(TYPE_BF16) && !defined(TYPE_Q4_0) && !defined(TYPE_Q4_1) &&   \
    !defined(TYPE_Q5_0) && !defined(TYPE_Q5_1) && !defined(TYPE_Q8_0) && !defined(TYPE_IQ4_NL) && \
    !defined(TYPE_Q2_K) && !defined(TYPE_Q3_K) && !defined(TYPE_Q4_K) && !defined(TYPE_Q5_K) &&   \
    !defined(TYPE_Q6_K) && !defined(TYPE_IQ4_XS)
#define TYPE_F32
#endif

#ifndef W_WORD
#define W_WORD(i) w_data[i]
#endif

// Bytes of one block (quantized types): the step of the row interleave below.
#if defined(TYPE_Q4_0) || defined(TYPE_IQ4_NL)
#define QUANT_BLOCK_BYTES 18u
#elif defined(TYPE_Q4_1)
#define QUANT_BLOCK_BYTES 20u
#elif defined(TYPE_Q5_0)
#define QUANT_BLOCK_BYTES 22u
#elif defined(TYPE_Q5_1)
#define QUANT_BLOCK_BYTES 24u
#elif defined(TYPE_Q8_0)
#define QUANT_BLOCK_BYTES 34u
#elif defined(TYPE_Q2_K)
#define QUANT_BLOCK_BYTES 84u
#elif defined(TYPE_Q3_K)
#define QUANT_BLOCK_BYTES 110u
#elif defined(TYPE_Q4_K)
#define QUANT_BLOCK_BYTES 144u
#elif defined(TYPE_IQ4_XS)
#define QUANT_BLOCK_BYTES 136u
#elif defined(TYPE_Q5_K)
#define QUANT_BLOCK_BYTES 176u
#elif defined(TYPE_Q6_K)
#define QUANT_BLOCK_BYTES 210u
#endif

// Row-interleaved matrices (gpu_weights.h, on CPU devices): the blocks of each 32
// consecutive rows alternate, block b of rows 32g .. 32g + 31 side by side, so that the 8
// lanes of a subgroup, which sum 8 runs of 8 consecutive rows (matvec_sg.comp), read two runs
// of memory per unit rather than 64 streams the prefetcher loses.
// g_il is QUANT_IL_ROWS for such a matrix, 1 for rows stored one after another; block
// addresses step by g_il blocks. A shader that reads only interleaved matrices defines
// QUANT_INTERLEAVED (g_il is then a constant), the others set g_il before decoding.
#define QUANT_IL_ROWS 32u
#if defined(QUANT_INTERLEAVED)
const uint g_il = QUANT_IL_ROWS;
#else
uint g_il = 1u;
#endif

// Q4_0, IQ4_NL and Q8_0, whose blocks are an f16 scale and 16 or 32 quant bytes, interleave
// with the scales apart: each group of 32 blocks (one per row) is the 32 scales (four 16-byte
// texels), then the 32 blocks' quants (one or two texels each), so that nothing straddles a
// texel. The scale of the row at place k (0..31) in its group is the (4 * (k % 8) + k / 8)th,
// so that the four scales a lane of matvec_sg.comp needs from a group (rows k % 8 = l, for
// k / 8 = 0..3) are half a texel it fetches once per unit. The offset of such a row's first
// block carries the row's place in its group in its low 6 bits; groups (576 or 1088 bytes)
// start on multiples of 64.
#if defined(TYPE_Q4_0) || defined(TYPE_IQ4_NL) || defined(TYPE_Q8_0)
#define QUANT_SPLIT_SCALES
#endif

// Q4_K interleaves with the headers apart: block b of a group is the 32 rows' 16-byte headers
// (d, dmin and the 12 scale bytes; 512 bytes), then for each unit pair j = 0..3 (units 2j and
// 2j + 1 are the low and high nibbles of the same 32 bytes) the 32 rows' 32 quant bytes of it
// (1024 bytes), so that the 8 rows a subgroup's lanes sum at once read 256 contiguous bytes of
// quants per pair instead of 8 runs of 48 bytes 144 apart, which the prefetcher lost. Such a
// row's offset is its group's start plus 16 * its place, so that a block's header stays at
// row + b * 144 * 32.
#if defined(TYPE_Q4_K)
#define QUANT_SPLIT_HEADERS
#endif

// Q6_K interleaves with its fields apart: block b of a group (6720 bytes, a multiple of 64) is
// the 32 rows' 16 scale bytes (512), their f16 d (64), their 128 low-bit bytes (4096), then
// their 64 high-bit bytes (2048), so that all but d are whole texels and 8 consecutive rows
// read contiguous runs. Such a row's offset is its group's start plus its place (0..31), as
// for the split scales above.
#if defined(TYPE_Q6_K)
#define QUANT_SPLIT_Q6K
#endif

// Byte offset of row `row`'s first block.
uint matrix_row_offset(uint row, uint row_bytes)
{
#if defined(QUANT_SPLIT_SCALES) || defined(QUANT_SPLIT_Q6K)
    if (g_il != 1u)
        return (row / QUANT_IL_ROWS) * (QUANT_IL_ROWS * row_bytes) + row % QUANT_IL_ROWS;
#elif defined(QUANT_SPLIT_HEADERS)
    if (g_il != 1u)
        return (row / QUANT_IL_ROWS) * (QUANT_IL_ROWS * row_bytes) + 16u * (row % QUANT_IL_ROWS);
#elif defined(QUANT_BLOCK_BYTES)
    if (g_il != 1u)
        return (row / QUANT_IL_ROWS) * (QUANT_IL_ROWS * row_bytes) +
               (row % QUANT_IL_ROWS) * QUANT_BLOCK_BYTES;
#endif
    return row * row_bytes;
}

#if defined(QUANT_SPLIT_HEADERS)
// Byte offset of the 32 quant bytes of units 2j and 2j + 1 of the Q4_K block whose header is
// at byte b (the place of an interleaved row is its header's texel modulo 32: groups span
// multiples of 32 texels).
uint k4_quants(uint b, uint j)
{
    if (g_il != 1u)
        return b + 512u + 1024u * j + 16u * ((b >> 4) & 31u);
    return b + 16u + 32u * j;
}
#endif

#if defined(QUANT_SPLIT_Q6K)
// Byte offsets of the low-bit bytes, the high-bit bytes, the scales and d of the Q6_K block
// at `b` (a row offset plus whole groups, or plus whole blocks when not interleaved).
uvec4 q6k_fields(uint b)
{
    if (g_il != 1u) {
        const uint group = b & ~63u, k = b & 63u;
        return uvec4(group + 576u + 128u * k, group + 4672u + 64u * k, group + 16u * k,
                     group + 512u + 2u * k);
    }
    return uvec4(b, b + 128u, b + 192u, b + 208u);
}
#endif

#if defined(QUANT_SPLIT_SCALES)
// Byte offsets of the scale and of the first quant byte of the block at `b` (a row offset
// plus whole groups, or plus whole blocks when not interleaved).
uvec2 block_fields(uint b)
{
    if (g_il != 1u) {
        const uint group = b & ~63u, k = b & 63u;
        return uvec2(group + 2u * (4u * (k & 7u) + (k >> 3)),
                     group + 2u * QUANT_IL_ROWS + k * (QUANT_BLOCK_BYTES - 2u));
    }
    return uvec2(b, b + 2u);
}
#endif

uint rd_u8(uint off)
{
    return (W_WORD(off >> 2) >> ((off & 3u) * 8u)) & 0xffu;
}

// off must be even (every block size and f16 field offset is).
uint rd_u16(uint off)
{
    return (W_WORD(off >> 2) >> ((off & 2u) * 8u)) & 0xffffu;
}

float rd_f16(uint off)
{
    return unpackHalf2x16(rd_u16(off)).x;
}

// Any alignment. Always reads the word after the value too (buffers are padded by a word), so
// aligned and unaligned lanes take the same branch-free path.
uint rd_u32(uint off)
{
    const uint s = (off & 3u) * 8u;
    const uint lo = W_WORD(off >> 2);
    const uint hi = W_WORD((off >> 2) + 1u);
    return s == 0u ? lo : (lo >> s) | (hi << ((32u - s) & 31u));
}

int sext8(uint b)
{
    return int(b << 24) >> 24;
}

const float k_iq4_levels[16] = float[16](-127.0, -104.0, -83.0, -65.0, -49.0, -35.0, -22.0,
                                         -10.0, 1.0, 13.0, 25.0, 38.0, 53.0, 69.0, 89.0, 113.0);

// Q4_K / Q5_K: the 6-bit scale (x) and min (y) of sub-block j from the 12 packed bytes at off.
uvec2 k4_scale_min(uint off, uint j)
{
    if (j < 4u)
        return uvec2(rd_u8(off + j) & 63u, rd_u8(off + j + 4u) & 63u);
    const uint a = rd_u8(off + j + 4u);
    return uvec2((a & 15u) | ((rd_u8(off + j - 4u) >> 6) << 4), (a >> 4) | ((rd_u8(off + j) >> 6) << 4));
}

// k4_scale_min() from the 12 scale bytes held in three words (little-endian).
uvec2 k4_scale_min_of(uvec3 w, uint j)
{
#define SCALE_BYTE(i) ((w[(i) >> 2] >> (((i) & 3u) * 8u)) & 0xffu)
    if (j < 4u)
        return uvec2(SCALE_BYTE(j) & 63u, SCALE_BYTE(j + 4u) & 63u);
    const uint a = SCALE_BYTE(j + 4u);
    return uvec2((a & 15u) | ((SCALE_BYTE(j - 4u) >> 6) << 4), (a >> 4) | ((SCALE_BYTE(j) >> 6) << 4));
#undef SCALE_BYTE
}

// Values 32u .. 32u + 31 of the row starting at byte `row`. Rows of the plain types (F32, F16,
// BF16) may end inside a unit: values from `valid` on read as 0 (quantized rows are whole
// blocks, so valid is 32 there).
void decode_unit(uint row, uint u, uint valid, out float v[32])
{
#if defined(TYPE_F32)
    const uint base = row + u * 128u;
    for (uint i = 0u; i < 32u; ++i)
        v[i] = i < valid ? uintBitsToFloat(rd_u32(base + 4u * i)) : 0.0;
#elif defined(TYPE_F16)
    const uint base = row + u * 64u;
    for (uint i = 0u; i < 32u; ++i)
        v[i] = i < valid ? rd_f16(base + 2u * i) : 0.0;
#elif defined(TYPE_BF16)
    const uint base = row + u * 64u;
    for (uint i = 0u; i < 32u; ++i)
        v[i] = i < valid ? uintBitsToFloat(rd_u16(base + 2u * i) << 16) : 0.0;
#elif defined(TYPE_Q4_0) || defined(TYPE_IQ4_NL)
    const uvec2 f = block_fields(row + u * (18u * g_il));
    const float d = rd_f16(f.x);
    for (uint j = 0u; j < 16u; j += 4u) {
        const uint q4 = rd_u32(f.y + j);
        for (uint k = 0u; k < 4u; ++k) {
            const uint q = (q4 >> (8u * k)) & 0xffu;
#if defined(TYPE_Q4_0)
            v[j + k] = float(int(q & 15u) - 8) * d;
            v[j + k + 16u] = float(int(q >> 4) - 8) * d;
#else
            v[j + k] = k_iq4_levels[q & 15u] * d;
            v[j + k + 16u] = k_iq4_levels[q >> 4] * d;
#endif
        }
    }
#elif defined(TYPE_Q4_1)
    const uint b = row + u * (20u * g_il);
    const float d = rd_f16(b);
    const float m = rd_f16(b + 2u);
    for (uint j = 0u; j < 16u; j += 4u) {
        const uint q4 = rd_u32(b + 4u + j);
        for (uint k = 0u; k < 4u; ++k) {
            const uint q = (q4 >> (8u * k)) & 0xffu;
            v[j + k] = float(q & 15u) * d + m;
            v[j + k + 16u] = float(q >> 4) * d + m;
        }
    }
#elif defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
#if defined(TYPE_Q5_0)
    const uint b = row + u * (22u * g_il);
    const uint qh = rd_u32(b + 2u);
    const uint qs = b + 6u;
#else
    const uint b = row + u * (24u * g_il);
    const float m = rd_f16(b + 2u);
    const uint qh = rd_u32(b + 4u);
    const uint qs = b + 8u;
#endif
    const float d = rd_f16(b);
    for (uint j = 0u; j < 16u; j += 4u) {
        const uint q4 = rd_u32(qs + j);
        for (uint k = 0u; k < 4u; ++k) {
            const uint q = (q4 >> (8u * k)) & 0xffu;
            const uint lo = (q & 15u) | (((qh >> (j + k)) & 1u) << 4);
            const uint hi = (q >> 4) | (((qh >> (j + k + 16u)) & 1u) << 4);
#if defined(TYPE_Q5_0)
            v[j + k] = float(int(lo) - 16) * d;
            v[j + k + 16u] = float(int(hi) - 16) * d;
#else
            v[j + k] = float(lo) * d + m;
            v[j + k + 16u] = float(hi) * d + m;
#endif
        }
    }
#elif defined(TYPE_Q8_0)
    const uvec2 f = block_fields(row + u * (34u * g_il));
    const float d = rd_f16(f.x);
    for (uint j = 0u; j < 32u; j += 4u) {
        const uint q4 = rd_u32(f.y + j);
        for (uint k = 0u; k < 4u; ++k)
            v[j + k] = float(sext8(q4 >> (8u * k))) * d;
    }
#elif defined(TYPE_Q2_K)
    const uint b = row + (u >> 3) * (84u * g_il);
    const uint sub = u & 7u;
    const float d = rd_f16(b + 80u);
    const float dmin = rd_f16(b + 82u);
    const uint shift = 2u * (sub & 3u);
    const uint qs = b + 16u + 32u * (sub >> 2);
    for (uint h = 0u; h < 2u; ++h) {
        const uint sc = rd_u8(b + 2u * sub + h);
        const float dl = d * float(sc & 15u);
        const float ml = dmin * float(sc >> 4);
        for (uint l = 16u * h; l < 16u * h + 16u; l += 4u) {
            const uint q4 = rd_u32(qs + l);
            for (uint k = 0u; k < 4u; ++k)
                v[l + k] = dl * float((q4 >> (8u * k + shift)) & 3u) - ml;
        }
    }
#elif defined(TYPE_Q3_K)
    const uint b = row + (u >> 3) * (110u * g_il);
    const uint sub = u & 7u;
    const float d = rd_f16(b + 108u);
    const uint shift = 2u * (sub & 3u);
    const uint qs = b + 32u + 32u * (sub >> 2);
    for (uint h = 0u; h < 2u; ++h) {
        const uint j = 2u * sub + h; // scale index, 0..15
        const uint low4 = j < 8u ? (rd_u8(b + 96u + j) & 15u) : (rd_u8(b + 96u + j - 8u) >> 4);
        const uint high2 = (rd_u8(b + 104u + (j & 3u)) >> (2u * (j >> 2))) & 3u;
        const float dl = d * float(int(low4 | (high2 << 4)) - 32);
        for (uint l = 16u * h; l < 16u * h + 16u; l += 4u) {
            const uint q4 = rd_u32(qs + l);
            const uint m4 = rd_u32(b + l);
            for (uint k = 0u; k < 4u; ++k) {
                const int low = int((q4 >> (8u * k + shift)) & 3u);
                const bool high = ((m4 >> (8u * k + sub)) & 1u) != 0u;
                v[l + k] = dl * float(low - (high ? 0 : 4));
            }
        }
    }
#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
    const uint sub = u & 7u;
#if defined(TYPE_Q4_K)
    const uint b = row + (u >> 3) * (144u * g_il);
    const uint q = k4_quants(b, sub >> 1);
#else
    const uint b = row + (u >> 3) * (176u * g_il);
    const uint q = b + 48u + 32u * (sub >> 1);
#endif
    const float d = rd_f16(b);
    const float dmin = rd_f16(b + 2u);
    const uvec2 sm = k4_scale_min(b + 4u, sub);
    const float d1 = d * float(sm.x);
    const float m1 = dmin * float(sm.y);
    const uint shift = 4u * (sub & 1u);
    for (uint l = 0u; l < 32u; l += 4u) {
        const uint q4 = rd_u32(q + l);
#if defined(TYPE_Q5_K)
        const uint h4 = rd_u32(b + 16u + l);
#endif
        for (uint k = 0u; k < 4u; ++k) {
            uint value = (q4 >> (8u * k + shift)) & 15u;
#if defined(TYPE_Q5_K)
            value |= ((h4 >> (8u * k + sub)) & 1u) << 4;
#endif
            v[l + k] = d1 * float(value) - m1;
        }
    }
#elif defined(TYPE_Q6_K)
    const uvec4 f = q6k_fields(row + (u >> 3) * (210u * g_il));
    const uint sub = u & 7u;
    const uint h = sub >> 2, k = sub & 3u;
    const float d = rd_f16(f.w);
    const uint ql = f.x + 64u * h + 32u * (k & 1u);
    const uint qh = f.y + 32u * h;
    const uint lshift = 4u * (k >> 1), hshift = 2u * k;
    for (uint half16 = 0u; half16 < 2u; ++half16) {
        const float ds = d * float(sext8(rd_u8(f.z + 8u * h + 2u * k + half16)));
        for (uint l = 16u * half16; l < 16u * half16 + 16u; l += 4u) {
            const uint lo4 = rd_u32(ql + l);
            const uint hi4 = rd_u32(qh + l);
            for (uint e = 0u; e < 4u; ++e) {
                const uint low = (lo4 >> (8u * e + lshift)) & 15u;
                const uint high = (hi4 >> (8u * e + hshift)) & 3u;
                v[l + e] = ds * float(int(low | (high << 4)) - 32);
            }
        }
    }
#elif defined(TYPE_IQ4_XS)
    const uint b = row + (u >> 3) * (136u * g_il);
    const uint sub = u & 7u;
    const float d = rd_f16(b);
    const uint scales_h = rd_u16(b + 2u);
    const uint ls = ((rd_u8(b + 4u + sub / 2u) >> (4u * (sub & 1u))) & 15u) |
                    (((scales_h >> (2u * sub)) & 3u) << 4);
    const float dl = d * float(int(ls) - 32);
    const uint qs = b + 8u + 16u * sub;
    for (uint j = 0u; j < 16u; j += 4u) {
        const uint q4 = rd_u32(qs + j);
        for (uint k = 0u; k < 4u; ++k) {
            const uint q = (q4 >> (8u * k)) & 0xffu;
            v[j + k] = dl * k_iq4_levels[q & 15u];
            v[j + k + 16u] = dl * k_iq4_levels[q >> 4];
        }
    }
#endif
}

#if defined(QUANT_CONSUME)
// The matrix products' decoder: the same values as decode_unit(), handed four at a time to
// consume(w, c) (w = values c .. c + 3 of the unit, c a multiple of 4), declared here and
// defined by the including shader. No array is involved, so nothing depends on the compiler
// unrolling loops into registers: on lavapipe an array indexed by a loop counter lives in
// scratch memory with a gather per element and lane, which made every product ~100x slower.
void consume(vec4 w, uint c);
#if defined(QUANT_UNIT_SCALE)
// Optionally, for an interleaved matrix of split scales, the including shader fetches the
// scales and gives the current block's.
float unit_scale();
#endif
#if defined(QUANT_UNIT_DOT)
// Optionally (Q4_0, and Q4_K from texels), a decoder may take the unit whole: unit_x(k) gives values
// 4k .. 4k + 3 of X times (1, 2^-8, 2^-16, 2^-24) (the places of the bytes of a word, so that
// a nibble can be masked in place instead of shifted down), unit_x_sum() the sum of all 32
// values, and consume_unit() the unit's product.
vec4 unit_x(uint k);
float unit_x_sum();
void consume_unit(float v);
#endif

uvec4 bytes4(uint q4)
{
    return (uvec4(q4) >> uvec4(0u, 8u, 16u, 24u)) & 0xffu;
}

#if defined(TYPE_F32)
#define ELEMENT_BYTES 4u
#else
#define ELEMENT_BYTES 2u
#endif

#if defined(W_TEXELS)
// The 32 bytes from byte `off` (even) of the texel buffer, as eight words: three fetches
// (the window holds any even start), the words picked and, for a start on a halfword, joined.
void read_32_bytes(uint off, out uvec4 lo, out uvec4 hi)
{
    const int t = int(off >> 4);
    const int last = imageSize(w_tex) - 1;
    const uvec4 a = imageLoad(w_tex, t), b = imageLoad(w_tex, min(t + 1, last)),
                c = imageLoad(w_tex, min(t + 2, last));
    const uint wi = (off >> 2) & 3u;
    const uvec4 p0 = wi == 0u ? a : wi == 1u ? uvec4(a.yzw, b.x) : wi == 2u ? uvec4(a.zw, b.xy) : uvec4(a.w, b.xyz);
    const uvec4 p1 = wi == 0u ? b : wi == 1u ? uvec4(b.yzw, c.x) : wi == 2u ? uvec4(b.zw, c.xy) : uvec4(b.w, c.xyz);
    const uint p2 = wi == 0u ? c.x : wi == 1u ? c.y : wi == 2u ? c.z : c.w;
    if ((off & 2u) == 0u) {
        lo = p0;
        hi = p1;
    } else {
        lo = (p0 >> 16) | (uvec4(p0.yzw, p1.x) << 16);
        hi = (p1 >> 16) | (uvec4(p1.yzw, p2) << 16);
    }
}
#endif

void decode_consume(uint row, uint u, uint valid)
{
#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
    // Rows may end inside the unit: values from `valid` on are 0, and are never read (the
    // indices are clamped to the row), so the last row reads nothing past its buffer. The
    // loop runs to 32 so that it unrolls with a constant c (consume() may select by it).
    [[unroll]] for (uint c = 0u; c < 32u; c += 4u) {
        if (c >= valid)
            break;
        const uvec4 e = min(uvec4(c) + uvec4(0u, 1u, 2u, 3u), uvec4(valid - 1u));
        const uvec4 o = row + (u * 32u + e) * (ELEMENT_BYTES);
#if defined(TYPE_F32)
        const vec4 w = uintBitsToFloat(uvec4(rd_u32(o.x), rd_u32(o.y), rd_u32(o.z), rd_u32(o.w)));
#elif defined(TYPE_F16)
        const vec4 w = vec4(rd_f16(o.x), rd_f16(o.y), rd_f16(o.z), rd_f16(o.w));
#else
        const vec4 w = uintBitsToFloat(uvec4(rd_u16(o.x), rd_u16(o.y), rd_u16(o.z), rd_u16(o.w)) << 16);
#endif
        consume(mix(vec4(0.0), w, lessThan(uvec4(c) + uvec4(0u, 1u, 2u, 3u), uvec4(valid))), c);
    }
#elif defined(TYPE_Q4_0) || defined(TYPE_IQ4_NL)
    const uint b = row + u * (18u * g_il);
    float d;
    uvec4 words; // the 16 quant bytes
    if (g_il != 1u) {
        // Interleaved (scales apart): the scale from its group's scale texel, the quants one
        // whole texel.
        const uvec2 f = block_fields(b);
#if defined(QUANT_UNIT_SCALE)
        d = unit_scale();
        words = imageLoad(w_tex, int(f.y >> 4));
#elif defined(W_TEXELS)
        const uvec4 st = imageLoad(w_tex, int(f.x >> 4));
        const uint k = (f.x >> 2) & 3u;
        const uint sw = k == 0u ? st.x : k == 1u ? st.y : k == 2u ? st.z : st.w;
        d = unpackHalf2x16((f.x & 2u) != 0u ? sw >> 16 : sw).x;
        words = imageLoad(w_tex, int(f.y >> 4));
#else
        d = rd_f16(f.x);
        const uint wi = f.y >> 2;
        words = uvec4(W_WORD(wi), W_WORD(wi + 1u), W_WORD(wi + 2u), W_WORD(wi + 3u));
#endif
    } else {
        // The 18-byte block starts on an even byte: five aligned words hold it (a word-aligned
        // block ends 2 bytes into the fifth). Five loads instead of rd_f16 + 4 x rd_u32's nine.
#if defined(W_TEXELS)
        // From the two 16-byte texels that hold the block (it starts at an even byte <= 14 of the
        // first): its five words, picked by lane without any further load.
        const uvec4 ta = imageLoad(w_tex, int(b >> 4)), tb = imageLoad(w_tex, int(b >> 4) + 1);
        const uint first = (b >> 2) & 3u;
        const uvec4 w03 = first == 0u ? ta : first == 1u ? uvec4(ta.yzw, tb.x)
                        : first == 2u ? uvec4(ta.zw, tb.xy) : uvec4(ta.w, tb.xyz);
        const uint w0 = w03.x, w1 = w03.y, w2 = w03.z, w3 = w03.w;
        const uint w4 = first == 0u ? tb.x : first == 1u ? tb.y : first == 2u ? tb.z : tb.w;
#else
        const uint wi = b >> 2;
        const uint w0 = W_WORD(wi), w1 = W_WORD(wi + 1u), w2 = W_WORD(wi + 2u), w3 = W_WORD(wi + 3u),
                   w4 = W_WORD(wi + 4u);
#endif
        const bool aligned = (b & 2u) == 0u;
        d = unpackHalf2x16(aligned ? w0 : w0 >> 16).x;
        words = aligned ? (uvec4(w0, w1, w2, w3) >> 16) | (uvec4(w1, w2, w3, w4) << 16)
                        : uvec4(w1, w2, w3, w4);
    }
#if defined(TYPE_Q4_0) && defined(QUANT_UNIT_DOT)
    // The including shader takes the unit whole: sum q·x over the raw nibbles, then
    // d * (sum - 8 * sum(x)), two operations per value fewer than scaling each one. Nibble i
    // of a word's byte b is taken in place, as q * 2^(8b), against x * 2^(-8b): exact powers
    // of two, so the products are those of q and x, for a mask instead of a shift and a mask.
    const uvec4 places = uvec4(0xfu, 0xf00u, 0xf0000u, 0xf000000u);
    float s = 0.0;
    [[unroll]] for (uint j = 0u; j < 4u; ++j) {
        const uvec4 w = uvec4(words[j]);
        s += dot(vec4(w & places), unit_x(j)) + dot(vec4((w >> 4u) & places), unit_x(j + 4u));
    }
    consume_unit(d * (s - 8.0 * unit_x_sum()));
#else
    [[unroll]] for (uint j = 0u; j < 16u; j += 4u) {
        const uvec4 q = bytes4(words[j >> 2]);
#if defined(TYPE_Q4_0)
        consume(vec4(ivec4(q & 15u) - 8) * d, j);
        consume(vec4(ivec4(q >> 4) - 8) * d, j + 16u);
#else
        const uvec4 lo = q & 15u, hi = q >> 4;
        consume(vec4(k_iq4_levels[lo.x], k_iq4_levels[lo.y], k_iq4_levels[lo.z], k_iq4_levels[lo.w]) * d, j);
        consume(vec4(k_iq4_levels[hi.x], k_iq4_levels[hi.y], k_iq4_levels[hi.z], k_iq4_levels[hi.w]) * d, j + 16u);
#endif
    }
#endif
#elif defined(TYPE_Q4_1)
    const uint b = row + u * (20u * g_il);
    const float d = rd_f16(b);
    const float m = rd_f16(b + 2u);
    [[unroll]] for (uint j = 0u; j < 16u; j += 4u) {
        const uvec4 q = bytes4(rd_u32(b + 4u + j));
        consume(vec4(q & 15u) * d + m, j);
        consume(vec4(q >> 4) * d + m, j + 16u);
    }
#elif defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
#if defined(TYPE_Q5_0)
    const uint b = row + u * (22u * g_il);
    const uint qh = rd_u32(b + 2u);
    const uint qs = b + 6u;
#else
    const uint b = row + u * (24u * g_il);
    const float m = rd_f16(b + 2u);
    const uint qh = rd_u32(b + 4u);
    const uint qs = b + 8u;
#endif
    const float d = rd_f16(b);
    [[unroll]] for (uint j = 0u; j < 16u; j += 4u) {
        const uvec4 q = bytes4(rd_u32(qs + j));
        const uvec4 bit = uvec4(j) + uvec4(0u, 1u, 2u, 3u);
        const uvec4 lo = (q & 15u) | (((uvec4(qh) >> bit) & 1u) << 4);
        const uvec4 hi = (q >> 4) | (((uvec4(qh) >> (bit + 16u)) & 1u) << 4);
#if defined(TYPE_Q5_0)
        consume(vec4(ivec4(lo) - 16) * d, j);
        consume(vec4(ivec4(hi) - 16) * d, j + 16u);
#else
        consume(vec4(lo) * d + m, j);
        consume(vec4(hi) * d + m, j + 16u);
#endif
    }
#elif defined(TYPE_Q8_0) && defined(W_TEXELS)
    // d, then the 32 quant bytes from a three-texel window (blocks of 34 bytes start on any
    // even byte): four fetches instead of seventeen.
    const uvec2 f = block_fields(row + u * (34u * g_il));
#if defined(QUANT_UNIT_SCALE)
    const float d = g_il != 1u ? unit_scale() : rd_f16(f.x);
#else
    const float d = rd_f16(f.x);
#endif
    uvec4 lo, hi;
    if (g_il != 1u) { // the quants are two whole texels
        lo = imageLoad(w_tex, int(f.y >> 4));
        hi = imageLoad(w_tex, int(f.y >> 4) + 1);
    } else {
        read_32_bytes(f.y, lo, hi);
    }
    [[unroll]] for (uint j = 0u; j < 8u; ++j) {
        const uint q4 = j < 4u ? lo[j & 3u] : hi[j & 3u];
        consume(vec4((ivec4(uvec4(q4) << uvec4(24u, 16u, 8u, 0u))) >> 24) * d, 4u * j);
    }
#elif defined(TYPE_Q8_0)
    const uvec2 f = block_fields(row + u * (34u * g_il));
    const float d = rd_f16(f.x);
    [[unroll]] for (uint j = 0u; j < 32u; j += 4u) {
        const uint q4 = rd_u32(f.y + j);
        consume(vec4((ivec4(uvec4(q4) << uvec4(24u, 16u, 8u, 0u))) >> 24) * d, j);
    }
#elif defined(TYPE_Q2_K)
    const uint b = row + (u >> 3) * (84u * g_il);
    const uint sub = u & 7u;
    const float d = rd_f16(b + 80u);
    const float dmin = rd_f16(b + 82u);
    const uint shift = 2u * (sub & 3u);
    const uint qs = b + 16u + 32u * (sub >> 2);
    [[unroll]] for (uint h = 0u; h < 2u; ++h) {
        const uint sc = rd_u8(b + 2u * sub + h);
        const float dl = d * float(sc & 15u);
        const float ml = dmin * float(sc >> 4);
        [[unroll]] for (uint l = 16u * h; l < 16u * h + 16u; l += 4u) {
            const uvec4 q = (bytes4(rd_u32(qs + l)) >> shift) & 3u;
            consume(dl * vec4(q) - ml, l);
        }
    }
#elif defined(TYPE_Q3_K)
    const uint b = row + (u >> 3) * (110u * g_il);
    const uint sub = u & 7u;
    const float d = rd_f16(b + 108u);
    const uint shift = 2u * (sub & 3u);
    const uint qs = b + 32u + 32u * (sub >> 2);
    [[unroll]] for (uint h = 0u; h < 2u; ++h) {
        const uint j = 2u * sub + h; // scale index, 0..15
        const uint low4 = j < 8u ? (rd_u8(b + 96u + j) & 15u) : (rd_u8(b + 96u + j - 8u) >> 4);
        const uint high2 = (rd_u8(b + 104u + (j & 3u)) >> (2u * (j >> 2))) & 3u;
        const float dl = d * float(int(low4 | (high2 << 4)) - 32);
        [[unroll]] for (uint l = 16u * h; l < 16u * h + 16u; l += 4u) {
            const ivec4 low = ivec4((bytes4(rd_u32(qs + l)) >> shift) & 3u);
            const uvec4 high = (bytes4(rd_u32(b + l)) >> sub) & 1u;
            consume(dl * vec4(low - 4 * (1 - ivec4(high))), l);
        }
    }
#elif (defined(TYPE_Q4_K) || defined(TYPE_Q5_K)) && defined(W_TEXELS)
    // Blocks of 144 (Q4_K) or 176 (Q5_K) bytes are whole texels, and rows start on one (their
    // bytes are a multiple of 16; interleaved, so do the headers and quants): the header (d,
    // dmin, 12 scale bytes) is one texel and the unit's 32 quant bytes two, three fetches in
    // all instead of some twenty words.
    const uint sub = u & 7u;
#if defined(TYPE_Q4_K)
    const uint bt = (row >> 4) + (u >> 3) * (9u * g_il);
    const uint qt = k4_quants(bt << 4, sub >> 1) >> 4;
#else
    const uint bt = (row >> 4) + (u >> 3) * (11u * g_il);
    const uint qt = bt + 3u + 2u * (sub >> 1);
#endif
    const uvec4 head = imageLoad(w_tex, int(bt));
    const vec2 dm = unpackHalf2x16(head.x);
    const uvec2 sm = k4_scale_min_of(head.yzw, sub);
    const float d1 = dm.x * float(sm.x);
    const float m1 = dm.y * float(sm.y);
    const uvec4 qa = imageLoad(w_tex, int(qt));
    const uvec4 qb = imageLoad(w_tex, int(qt + 1u));
#if defined(TYPE_Q5_K)
    const uvec4 ha = imageLoad(w_tex, int(bt + 1u)), hb = imageLoad(w_tex, int(bt + 2u));
#endif
    const uint shift = 4u * (sub & 1u);
#if defined(TYPE_Q4_K) && defined(QUANT_UNIT_DOT)
    // The unit whole, as for Q4_0: d1 * sum(q·x) - m1 * sum(x), the nibbles masked in place.
    const uvec4 places = uvec4(0xfu, 0xf00u, 0xf0000u, 0xf000000u);
    float s = 0.0;
    [[unroll]] for (uint l = 0u; l < 8u; ++l) {
        const uint word = l < 4u ? qa[l & 3u] : qb[l & 3u];
        s += dot(vec4((uvec4(word) >> shift) & places), unit_x(l));
    }
    consume_unit(d1 * s - m1 * unit_x_sum());
#else
    [[unroll]] for (uint l = 0u; l < 8u; ++l) {
        const uint word = l < 4u ? qa[l & 3u] : qb[l & 3u];
        uvec4 value = (bytes4(word) >> shift) & 15u;
#if defined(TYPE_Q5_K)
        const uint high = l < 4u ? ha[l & 3u] : hb[l & 3u];
        value |= ((bytes4(high) >> sub) & 1u) << 4;
#endif
        consume(d1 * vec4(value) - m1, 4u * l);
    }
#endif
#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
    const uint sub = u & 7u;
#if defined(TYPE_Q4_K)
    const uint b = row + (u >> 3) * (144u * g_il);
    const uint q = k4_quants(b, sub >> 1);
#else
    const uint b = row + (u >> 3) * (176u * g_il);
    const uint q = b + 48u + 32u * (sub >> 1);
#endif
    const float d = rd_f16(b);
    const float dmin = rd_f16(b + 2u);
    const uvec2 sm = k4_scale_min(b + 4u, sub);
    const float d1 = d * float(sm.x);
    const float m1 = dmin * float(sm.y);
    const uint shift = 4u * (sub & 1u);
    [[unroll]] for (uint l = 0u; l < 32u; l += 4u) {
        uvec4 value = (bytes4(rd_u32(q + l)) >> shift) & 15u;
#if defined(TYPE_Q5_K)
        value |= ((bytes4(rd_u32(b + 16u + l)) >> sub) & 1u) << 4;
#endif
        consume(d1 * vec4(value) - m1, l);
    }
#elif defined(TYPE_Q6_K) && defined(W_TEXELS)
    // The unit's 32 low-bit and 32 high-bit bytes from three-texel windows (blocks of 210
    // bytes start on any even byte), its two scales as one halfword, and d: nine fetches
    // instead of about thirty-five.
    const uvec4 f = q6k_fields(row + (u >> 3) * (210u * g_il));
    const uint sub = u & 7u;
    const uint h = sub >> 2, k = sub & 3u;
    const float d = rd_f16(f.w);
    uvec4 l0, l1, h0, h1;
    read_32_bytes(f.x + 64u * h + 32u * (k & 1u), l0, l1);
    read_32_bytes(f.y + 32u * h, h0, h1);
    const uint scales = rd_u16(f.z + 8u * h + 2u * k);
    const uint lshift = 4u * (k >> 1), hshift = 2u * k;
    [[unroll]] for (uint j = 0u; j < 8u; ++j) {
        const float ds = d * float(sext8(j < 4u ? scales & 0xffu : scales >> 8));
        const uint lw = j < 4u ? l0[j & 3u] : l1[j & 3u];
        const uint hw = j < 4u ? h0[j & 3u] : h1[j & 3u];
        const uvec4 low = (bytes4(lw) >> lshift) & 15u;
        const uvec4 high = (bytes4(hw) >> hshift) & 3u;
        consume(ds * vec4(ivec4(low | (high << 4)) - 32), 4u * j);
    }
#elif defined(TYPE_Q6_K)
    const uvec4 f = q6k_fields(row + (u >> 3) * (210u * g_il));
    const uint sub = u & 7u;
    const uint h = sub >> 2, k = sub & 3u;
    const float d = rd_f16(f.w);
    const uint ql = f.x + 64u * h + 32u * (k & 1u);
    const uint qh = f.y + 32u * h;
    const uint lshift = 4u * (k >> 1), hshift = 2u * k;
    [[unroll]] for (uint half16 = 0u; half16 < 2u; ++half16) {
        const float ds = d * float(sext8(rd_u8(f.z + 8u * h + 2u * k + half16)));
        [[unroll]] for (uint l = 16u * half16; l < 16u * half16 + 16u; l += 4u) {
            const uvec4 low = (bytes4(rd_u32(ql + l)) >> lshift) & 15u;
            const uvec4 high = (bytes4(rd_u32(qh + l)) >> hshift) & 3u;
            consume(ds * vec4(ivec4(low | (high << 4)) - 32), l);
        }
    }
#elif defined(TYPE_IQ4_XS)
    const uint b = row + (u >> 3) * (136u * g_il);
    const uint sub = u & 7u;
    const float d = rd_f16(b);
    const uint scales_h = rd_u16(b + 2u);
    const uint ls = ((rd_u8(b + 4u + sub / 2u) >> (4u * (sub & 1u))) & 15u) |
                    (((scales_h >> (2u * sub)) & 3u) << 4);
    const float dl = d * float(int(ls) - 32);
    const uint qs = b + 8u + 16u * sub;
    [[unroll]] for (uint j = 0u; j < 16u; j += 4u) {
        const uvec4 q = bytes4(rd_u32(qs + j));
        const uvec4 lo = q & 15u, hi = q >> 4;
        consume(dl * vec4(k_iq4_levels[lo.x], k_iq4_levels[lo.y], k_iq4_levels[lo.z], k_iq4_levels[lo.w]), j);
        consume(dl * vec4(k_iq4_levels[hi.x], k_iq4_levels[hi.y], k_iq4_levels[hi.z], k_iq4_levels[hi.w]), j + 16u);
    }
#endif
}
#endif
