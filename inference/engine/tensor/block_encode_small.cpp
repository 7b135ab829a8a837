// Round-to-nearest encoders for the 32-value block layouts (see block_decode_small.cpp for the
// layouts). Scales are rounded to f16 first and the quants computed from the rounded scale, so
// what the decoder reconstructs is what the encoder aimed at.
#include "tensor/block_codec.h"
#include "tensor/half.h"

#include <algorithm>
#include <cstring>

namespace kurabe::blocks {

namespace {

// Stores `d` as f16 at `p` and returns the value the decoder will read back.
float store_scale(uint8_t* p, float d)
{
    store_f16(p, d);
    return load_f16(p);
}

void min_max(const float* values, int n, float& lo, float& hi)
{
    lo = values[0];
    hi = values[0];
    for (int i = 1; i < n; ++i) {
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
    }
}

// Packs 32 codes (0..15 in the low nibbles) into 16 bytes: code j low, code j + 16 high.
void pack_nibbles(const uint8_t* codes, uint8_t* qs)
{
    for (int j = 0; j < 16; ++j)
        qs[j] = static_cast<uint8_t>((codes[j] & 0x0f) | ((codes[j + 16] & 0x0f) << 4));
}

// The fifth bits of 32 five-bit codes as Q5's little-endian u32 qh.
void pack_fifth_bits(const uint8_t* codes, uint8_t* qh)
{
    uint32_t bits = 0;
    for (int j = 0; j < 32; ++j)
        bits |= static_cast<uint32_t>((codes[j] >> 4) & 1) << j;
    std::memcpy(qh, &bits, 4);
}

// Codes for value = (code - offset) * d with code in [0, max_code], d = absmax / -offset.
void encode_symmetric(const float* values, uint8_t* d_at, int offset, int max_code, uint8_t* codes)
{
    const float d =
        store_scale(d_at, signed_absmax(values, kSmallBlock) / static_cast<float>(-offset));
    const float id = inverse_or_zero(d);
    for (int j = 0; j < kSmallBlock; ++j)
        codes[j] = static_cast<uint8_t>(
            round_clamped(values[j] * id + static_cast<float>(offset), 0, max_code));
}

// Codes for value = code * d + m with code in [0, max_code], m = min, d = (max - min) / max_code.
void encode_affine(const float* values, uint8_t* d_at, uint8_t* m_at, int max_code, uint8_t* codes)
{
    float lo, hi;
    min_max(values, kSmallBlock, lo, hi);
    const float d = store_scale(d_at, (hi - lo) / static_cast<float>(max_code));
    const float m = store_scale(m_at, lo);
    const float id = inverse_or_zero(d);
    for (int j = 0; j < kSmallBlock; ++j)
        codes[j] = static_cast<uint8_t>(round_clamped((values[j] - m) * id, 0, max_code));
}

} // namespace

void encode_q4_0(const float* values, uint8_t* block)
{
    uint8_t codes[kSmallBlock];
    encode_symmetric(values, block, 8, 15, codes);
    pack_nibbles(codes, block + 2);
}

void encode_q4_1(const float* values, uint8_t* block)
{
    uint8_t codes[kSmallBlock];
    encode_affine(values, block, block + 2, 15, codes);
    pack_nibbles(codes, block + 4);
}

void encode_q5_0(const float* values, uint8_t* block)
{
    uint8_t codes[kSmallBlock];
    encode_symmetric(values, block, 16, 31, codes);
    pack_fifth_bits(codes, block + 2);
    pack_nibbles(codes, block + 6);
}

void encode_q5_1(const float* values, uint8_t* block)
{
    uint8_t codes[kSmallBlock];
    encode_affine(values, block, block + 2, 31, codes);
    pack_fifth_bits(codes, block + 4);
    pack_nibbles(codes, block + 8);
}

void encode_q8_0(const float* values, uint8_t* block)
{
    const float d = store_scale(block, std::fabs(signed_absmax(values, kSmallBlock)) / 127.0f);
    const float id = inverse_or_zero(d);
    for (int j = 0; j < kSmallBlock; ++j) {
        const auto q = static_cast<int8_t>(round_clamped(values[j] * id, -127, 127));
        std::memcpy(block + 2 + j, &q, 1);
    }
}

// The code whose level is nearest to `t` (levels in units of the block scale).
uint8_t nearest_iq4_code(float t)
{
    int best = 0;
    float best_error = std::fabs(t - static_cast<float>(kIq4Levels[0]));
    for (int k = 1; k < 16; ++k) {
        const float error = std::fabs(t - static_cast<float>(kIq4Levels[k]));
        if (error < best_error) {
            best = k;
            best_error = error;
        }
    }
    return static_cast<uint8_t>(best);
}

void encode_iq4_nl(const float* values, uint8_t* block)
{
    const float d =
        store_scale(block, signed_absmax(values, kSmallBlock) / static_cast<float>(kIq4Levels[0]));
    const float id = inverse_or_zero(d);
    uint8_t codes[kSmallBlock];
    for (int j = 0; j < kSmallBlock; ++j)
        codes[j] = nearest_iq4_code(values[j] * id);
    pack_nibbles(codes, block + 2);
}

} // namespace kurabe::blocks
