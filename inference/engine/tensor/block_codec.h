// Private to tensor/: one-block decoders and encoders for every supported quantized type.
// A decoder turns one on-disk block (TensorTypeTraits::block_bytes bytes) into block_elements
// floats; an encoder does the reverse with plain round-to-nearest choices. dequantize_row,
// dot_row and quantize_row loop over blocks and call these, so each layout is written once.
#pragma once

#include "tensor/tensor_type.h"

#include <cmath>
#include <cstdint>

namespace kurabe::blocks {

inline constexpr int kSmallBlock = 32;  // values per Q4_0 .. Q8_0 and IQ4_NL block
inline constexpr int kSuperBlock = 256; // values per K-quant and IQ4_XS super-block

// The 16 non-linear levels of IQ4_NL and IQ4_XS, indexed by a 4-bit code.
inline constexpr int8_t kIq4Levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                          1,    13,   25,  38,  53,  69,  89,  113};

using BlockDecoder = void (*)(const uint8_t* block, float* out);
using BlockEncoder = void (*)(const float* values, uint8_t* block);

// Decoders / encoders of the 32-value types (block_codec_small.cpp, block_encode_small.cpp).
void decode_q4_0(const uint8_t* block, float* out);
void decode_q4_1(const uint8_t* block, float* out);
void decode_q5_0(const uint8_t* block, float* out);
void decode_q5_1(const uint8_t* block, float* out);
void decode_q8_0(const uint8_t* block, float* out);
void decode_iq4_nl(const uint8_t* block, float* out);
void encode_q4_0(const float* values, uint8_t* block);
void encode_q4_1(const float* values, uint8_t* block);
void encode_q5_0(const float* values, uint8_t* block);
void encode_q5_1(const float* values, uint8_t* block);
void encode_q8_0(const float* values, uint8_t* block);
void encode_iq4_nl(const float* values, uint8_t* block);

// Decoders / encoders of the 256-value types (block_codec_k.cpp, block_encode_k.cpp).
void decode_q2_k(const uint8_t* block, float* out);
void decode_q3_k(const uint8_t* block, float* out);
void decode_q4_k(const uint8_t* block, float* out);
void decode_q5_k(const uint8_t* block, float* out);
void decode_q6_k(const uint8_t* block, float* out);
void decode_iq4_xs(const uint8_t* block, float* out);
void encode_q2_k(const float* values, uint8_t* block);
void encode_q3_k(const float* values, uint8_t* block);
void encode_q4_k(const float* values, uint8_t* block);
void encode_q5_k(const float* values, uint8_t* block);
void encode_q6_k(const float* values, uint8_t* block);
void encode_iq4_xs(const float* values, uint8_t* block);

// The 6-bit scale and min of sub-block j (0..7) of a Q4_K / Q5_K block, from its 12 packed
// bytes: j < 4 keep both in the low 6 bits of bytes j and j + 4; j >= 4 keep their low 4 bits
// in byte j + 4 and their top 2 bits in the top of bytes j - 4 and j.
inline void unpack_k4_scale_min(const uint8_t* packed, int j, uint8_t& scale, uint8_t& min)
{
    if (j < 4) {
        scale = packed[j] & 63;
        min = packed[j + 4] & 63;
    } else {
        scale = static_cast<uint8_t>((packed[j + 4] & 0x0f) | ((packed[j - 4] >> 6) << 4));
        min = static_cast<uint8_t>((packed[j + 4] >> 4) | ((packed[j] >> 6) << 4));
    }
}

// The 6-bit scale of sub-block j (0..15) of a Q3_K block, biased by 32: low 4 bits in
// byte j (j < 8, low nibble) or byte j - 8 (high nibble), top 2 bits in byte 8 + j % 4 at bit
// 2 * (j / 4).
inline int unpack_q3_k_scale(const uint8_t* packed, int j)
{
    const int low = j < 8 ? (packed[j] & 0x0f) : (packed[j - 8] >> 4);
    const int high = (packed[8 + j % 4] >> (2 * (j / 4))) & 3;
    return (low | (high << 4)) - 32;
}

// Encoder helpers. round_clamped(v, lo, hi): v rounded to the nearest integer and clamped to
// [lo, hi]; NaN gives lo (never an undefined float-to-int conversion).
inline int round_clamped(float v, int lo, int hi)
{
    if (!(v > static_cast<float>(lo)))
        return lo;
    if (v >= static_cast<float>(hi))
        return hi;
    const int truncated = static_cast<int>(v);
    const float fraction = v - static_cast<float>(truncated);
    if (fraction >= 0.5f)
        return truncated + 1;
    if (fraction <= -0.5f)
        return truncated - 1;
    return truncated;
}

// The value of largest magnitude among `n` values, with its sign (the encoders map it to the
// most negative quant, which has the widest reach in the asymmetric signed ranges).
inline float signed_absmax(const float* values, int n)
{
    float best = 0;
    for (int i = 0; i < n; ++i) {
        if (std::fabs(values[i]) > std::fabs(best))
            best = values[i];
    }
    return best;
}

// The IQ4 code whose level is nearest to `t` (t in units of the block scale).
uint8_t nearest_iq4_code(float t);

// 1 / d, or 0 when d is 0 (a block of zeros).
inline float inverse_or_zero(float d)
{
    return d != 0 ? 1.0f / d : 0.0f;
}

} // namespace kurabe::blocks
