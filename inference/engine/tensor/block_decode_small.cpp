// The 32-value block layouts (ggml's block_q4_0 .. block_q8_0, block_iq4_nl). In every 4-bit
// layout, byte j of the 16 quant bytes holds value j in its low nibble and value j + 16 in its
// high nibble.
#include "tensor/block_codec.h"
#include "tensor/half.h"

#include <cstring>

namespace kurabe::blocks {

namespace {

uint32_t load_u32(const uint8_t* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

} // namespace

// Q4_0, 18 bytes: f16 d, 16 bytes of nibbles; value = (q - 8) * d.
void decode_q4_0(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const uint8_t* qs = block + 2;
    for (int j = 0; j < 16; ++j) {
        out[j] = static_cast<float>((qs[j] & 0x0f) - 8) * d;
        out[j + 16] = static_cast<float>((qs[j] >> 4) - 8) * d;
    }
}

// Q4_1, 20 bytes: f16 d, f16 m, 16 bytes of nibbles; value = q * d + m.
void decode_q4_1(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const float m = load_f16(block + 2);
    const uint8_t* qs = block + 4;
    for (int j = 0; j < 16; ++j) {
        out[j] = static_cast<float>(qs[j] & 0x0f) * d + m;
        out[j + 16] = static_cast<float>(qs[j] >> 4) * d + m;
    }
}

// Q5_0, 22 bytes: f16 d, u32 qh (bit j = fifth bit of value j), 16 bytes of nibbles;
// value = (q - 16) * d.
void decode_q5_0(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const uint32_t qh = load_u32(block + 2);
    const uint8_t* qs = block + 6;
    for (int j = 0; j < 16; ++j) {
        const int lo = (qs[j] & 0x0f) | static_cast<int>(((qh >> j) & 1u) << 4);
        const int hi = (qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
        out[j] = static_cast<float>(lo - 16) * d;
        out[j + 16] = static_cast<float>(hi - 16) * d;
    }
}

// Q5_1, 24 bytes: f16 d, f16 m, u32 qh, 16 bytes of nibbles; value = q * d + m.
void decode_q5_1(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const float m = load_f16(block + 2);
    const uint32_t qh = load_u32(block + 4);
    const uint8_t* qs = block + 8;
    for (int j = 0; j < 16; ++j) {
        const int lo = (qs[j] & 0x0f) | static_cast<int>(((qh >> j) & 1u) << 4);
        const int hi = (qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
        out[j] = static_cast<float>(lo) * d + m;
        out[j + 16] = static_cast<float>(hi) * d + m;
    }
}

// Q8_0, 34 bytes: f16 d, 32 signed bytes; value = q * d.
void decode_q8_0(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const int8_t* qs = reinterpret_cast<const int8_t*>(block + 2);
    for (int j = 0; j < 32; ++j)
        out[j] = static_cast<float>(qs[j]) * d;
}

// IQ4_NL, 18 bytes: f16 d, 16 bytes of nibbles indexing kIq4Levels; value = level * d.
void decode_iq4_nl(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const uint8_t* qs = block + 2;
    for (int j = 0; j < 16; ++j) {
        out[j] = static_cast<float>(kIq4Levels[qs[j] & 0x0f]) * d;
        out[j + 16] = static_cast<float>(kIq4Levels[qs[j] >> 4]) * d;
    }
}

} // namespace kurabe::blocks
