// Round-to-nearest encoders for the 256-value super-block layouts (see block_decode_k.cpp for
// the layouts). Per sub-block: pick a float scale (and min) that covers its range; then
// quantize those scales with the super-block's f16 scale; then pick each quant from the
// scale the decoder will really use. Not llama.cpp's search-based choices — valid blocks
// that decode close to the input, which is what tests need.
#include "tensor/block_codec.h"
#include "tensor/half.h"

#include <algorithm>
#include <cstring>

namespace kurabe::blocks {

namespace {

float store_scale(uint8_t* p, float d)
{
    store_f16(p, d);
    return load_f16(p);
}

// Scale and min of a sub-block for value = scale * q - min, q in [0, max_code]; min >= 0 so
// that zero stays representable.
void affine_range(const float* values, int n, int max_code, float& scale, float& min)
{
    float lo = 0, hi = values[0];
    for (int i = 0; i < n; ++i) {
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
    }
    scale = (hi - lo) / static_cast<float>(max_code);
    min = -lo;
}

float max_of(const float* values, int n)
{
    float best = 0;
    for (int i = 0; i < n; ++i)
        best = std::max(best, values[i]);
    return best;
}

// Writes the 2-bit quants of Q2_K / Q3_K: value e to byte 32 * (e / 128) + e % 32 at bit
// 2 * ((e % 128) / 32).
void pack_2bit(const uint8_t* codes, uint8_t* qs)
{
    std::memset(qs, 0, 64);
    for (int e = 0; e < kSuperBlock; ++e)
        qs[32 * (e / 128) + e % 32] |=
            static_cast<uint8_t>((codes[e] & 3) << (2 * ((e % 128) / 32)));
}

// Packs eight 6-bit scales and mins into Q4_K / Q5_K's 12 bytes (see unpack_k4_scale_min).
void pack_k4_scales(const uint8_t* scales, const uint8_t* mins, uint8_t* packed)
{
    std::memset(packed, 0, 12);
    for (int j = 0; j < 8; ++j) {
        if (j < 4) {
            packed[j] |= scales[j];
            packed[j + 4] |= mins[j];
        } else {
            packed[j + 4] = static_cast<uint8_t>((scales[j] & 0x0f) | ((mins[j] & 0x0f) << 4));
            packed[j - 4] |= static_cast<uint8_t>((scales[j] >> 4) << 6);
            packed[j] |= static_cast<uint8_t>((mins[j] >> 4) << 6);
        }
    }
}

// Q4_K (bits 4) and Q5_K (bits 5): eight 32-value sub-blocks with 6-bit scales and mins.
void encode_k4_family(const float* values, uint8_t* block, int bits, uint8_t* codes)
{
    const int max_code = (1 << bits) - 1;
    float scales[8], mins[8];
    for (int j = 0; j < 8; ++j)
        affine_range(values + 32 * j, 32, max_code, scales[j], mins[j]);
    const float d = store_scale(block, max_of(scales, 8) / 63.0f);
    const float dmin = store_scale(block + 2, max_of(mins, 8) / 63.0f);
    uint8_t sc[8], m[8];
    for (int j = 0; j < 8; ++j) {
        sc[j] = static_cast<uint8_t>(round_clamped(scales[j] * inverse_or_zero(d), 0, 63));
        m[j] = static_cast<uint8_t>(round_clamped(mins[j] * inverse_or_zero(dmin), 0, 63));
        const float d1 = d * static_cast<float>(sc[j]);
        const float m1 = dmin * static_cast<float>(m[j]);
        const float id = inverse_or_zero(d1);
        for (int l = 0; l < 32; ++l)
            codes[32 * j + l] =
                static_cast<uint8_t>(round_clamped((values[32 * j + l] + m1) * id, 0, max_code));
    }
    pack_k4_scales(sc, m, block + 4);
}

// Nibbles of Q4_K / Q5_K: values 64c .. 64c+31 low, 64c+32 .. 64c+63 high in bytes 32c...
void pack_k4_nibbles(const uint8_t* codes, uint8_t* qs)
{
    for (int c = 0; c < 4; ++c) {
        for (int l = 0; l < 32; ++l)
            qs[32 * c + l] = static_cast<uint8_t>((codes[64 * c + l] & 0x0f) |
                                                  ((codes[64 * c + 32 + l] & 0x0f) << 4));
    }
}

} // namespace

void encode_q2_k(const float* values, uint8_t* block)
{
    float scales[16], mins[16];
    for (int j = 0; j < 16; ++j)
        affine_range(values + 16 * j, 16, 3, scales[j], mins[j]);
    const float d = store_scale(block + 80, max_of(scales, 16) / 15.0f);
    const float dmin = store_scale(block + 82, max_of(mins, 16) / 15.0f);
    uint8_t codes[kSuperBlock];
    for (int j = 0; j < 16; ++j) {
        const int sc = round_clamped(scales[j] * inverse_or_zero(d), 0, 15);
        const int m = round_clamped(mins[j] * inverse_or_zero(dmin), 0, 15);
        block[j] = static_cast<uint8_t>(sc | (m << 4));
        const float dl = d * static_cast<float>(sc);
        const float ml = dmin * static_cast<float>(m);
        const float id = inverse_or_zero(dl);
        for (int l = 0; l < 16; ++l)
            codes[16 * j + l] =
                static_cast<uint8_t>(round_clamped((values[16 * j + l] + ml) * id, 0, 3));
    }
    pack_2bit(codes, block + 16);
}

void encode_q3_k(const float* values, uint8_t* block)
{
    float scales[16];
    for (int j = 0; j < 16; ++j)
        scales[j] = signed_absmax(values + 16 * j, 16) / -4.0f;
    const float d = store_scale(block + 108, signed_absmax(scales, 16) / -32.0f);
    uint8_t* packed = block + 96;
    std::memset(packed, 0, 12);
    uint8_t codes[kSuperBlock];
    for (int j = 0; j < 16; ++j) {
        const int sc = round_clamped(scales[j] * inverse_or_zero(d), -32, 31);
        const int biased = sc + 32;
        if (j < 8)
            packed[j] |= static_cast<uint8_t>(biased & 0x0f);
        else
            packed[j - 8] |= static_cast<uint8_t>((biased & 0x0f) << 4);
        packed[8 + j % 4] |= static_cast<uint8_t>((biased >> 4) << (2 * (j / 4)));
        const float id = inverse_or_zero(d * static_cast<float>(sc));
        for (int l = 0; l < 16; ++l)
            codes[16 * j + l] =
                static_cast<uint8_t>(round_clamped(values[16 * j + l] * id, -4, 3) + 4);
    }
    // Codes 0..7: the low 2 bits go to qs; a set hmask bit means "no -4" (codes 4..7).
    std::memset(block, 0, 32);
    for (int e = 0; e < kSuperBlock; ++e) {
        if (codes[e] >= 4)
            block[e % 32] |= static_cast<uint8_t>(1 << (e / 32));
    }
    pack_2bit(codes, block + 32);
}

void encode_q4_k(const float* values, uint8_t* block)
{
    uint8_t codes[kSuperBlock];
    encode_k4_family(values, block, 4, codes);
    pack_k4_nibbles(codes, block + 16);
}

void encode_q5_k(const float* values, uint8_t* block)
{
    uint8_t codes[kSuperBlock];
    encode_k4_family(values, block, 5, codes);
    uint8_t* qh = block + 16;
    std::memset(qh, 0, 32);
    for (int e = 0; e < kSuperBlock; ++e)
        qh[e % 32] |= static_cast<uint8_t>(((codes[e] >> 4) & 1) << (e / 32));
    pack_k4_nibbles(codes, block + 48);
}

void encode_q6_k(const float* values, uint8_t* block)
{
    float scales[16];
    for (int j = 0; j < 16; ++j)
        scales[j] = signed_absmax(values + 16 * j, 16) / -32.0f;
    const float d = store_scale(block + 208, signed_absmax(scales, 16) / -128.0f);
    uint8_t* ql = block;
    uint8_t* qh = block + 128;
    std::memset(ql, 0, 192);
    for (int j = 0; j < 16; ++j) {
        const int sc = round_clamped(scales[j] * inverse_or_zero(d), -128, 127);
        const auto sc8 = static_cast<int8_t>(sc);
        std::memcpy(block + 192 + j, &sc8, 1);
        const float id = inverse_or_zero(d * static_cast<float>(sc));
        for (int l = 0; l < 16; ++l) {
            const int e = 16 * j + l;
            const int q = round_clamped(values[e] * id, -32, 31) + 32;
            const int h = e / 128, k = (e % 128) / 32, i = e % 32;
            ql[64 * h + i + 32 * (k % 2)] |= static_cast<uint8_t>((q & 0x0f) << (4 * (k / 2)));
            qh[32 * h + i] |= static_cast<uint8_t>((q >> 4) << (2 * k));
        }
    }
}

void encode_iq4_xs(const float* values, uint8_t* block)
{
    float scales[8];
    for (int j = 0; j < 8; ++j)
        scales[j] = signed_absmax(values + 32 * j, 32) / static_cast<float>(kIq4Levels[0]);
    const float d = store_scale(block, signed_absmax(scales, 8) / -32.0f);
    unsigned scales_h = 0;
    uint8_t* scales_l = block + 4;
    std::memset(scales_l, 0, 4);
    for (int j = 0; j < 8; ++j) {
        const int ls = round_clamped(scales[j] * inverse_or_zero(d), -32, 31) + 32;
        scales_l[j / 2] |= static_cast<uint8_t>((ls & 0x0f) << (4 * (j % 2)));
        scales_h |= static_cast<unsigned>(ls >> 4) << (2 * j);
        const float id = inverse_or_zero(d * static_cast<float>(ls - 32));
        uint8_t* qs = block + 8 + 16 * j;
        for (int i = 0; i < 16; ++i) {
            const uint8_t lo = nearest_iq4_code(values[32 * j + i] * id);
            const uint8_t hi = nearest_iq4_code(values[32 * j + 16 + i] * id);
            qs[i] = static_cast<uint8_t>(lo | (hi << 4));
        }
    }
    block[2] = static_cast<uint8_t>(scales_h & 0xff);
    block[3] = static_cast<uint8_t>(scales_h >> 8);
}

} // namespace kurabe::blocks
