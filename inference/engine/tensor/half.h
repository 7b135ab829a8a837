// IEEE binary16 (f16) and bfloat16 (bf16) <-> f32 conversions, exact: subnormals, infinities and
// NaNs are kept; f32 -> f16/bf16 rounds to nearest, ties to even. Plain bit arithmetic, so the
// results do not depend on the CPU's F16C support or on compiler flags.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace kurabe {

inline float f16_to_f32(uint16_t h)
{
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exponent = (h >> 10) & 0x1fu;
    uint32_t mantissa = h & 0x3ffu;
    uint32_t bits;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13); // inf, or NaN with its payload
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112u) << 23) | (mantissa << 13); // 112 = 127 - 15
    } else if (mantissa == 0) {
        bits = sign; // signed zero
    } else {
        // Subnormal: value = mantissa * 2^-24; normalise it into an f32 exponent.
        int shift = 0;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            ++shift;
        }
        mantissa &= 0x3ffu;
        bits = sign | (static_cast<uint32_t>(113 - shift) << 23) | (mantissa << 13);
    }
    return std::bit_cast<float>(bits);
}

inline uint16_t f32_to_f16(float f)
{
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
    const uint32_t exponent = (bits >> 23) & 0xffu;
    const uint32_t mantissa = bits & 0x7fffffu;
    if (exponent == 0xff) {
        if (mantissa == 0)
            return sign | 0x7c00u;
        // NaN: keep the top payload bits and force it quiet so it cannot become infinity.
        return static_cast<uint16_t>(sign | 0x7e00u | (mantissa >> 13));
    }
    const int32_t e = static_cast<int32_t>(exponent) - 127 + 15; // f16 biased exponent
    if (e >= 0x1f)
        return sign | 0x7c00u; // overflow: infinity
    if (e <= 0) {
        // Subnormal f16 (or zero): shift the full 24-bit significand into place, then round.
        if (e < -10)
            return sign; // below half the smallest subnormal: rounds to zero
        const uint32_t significand = mantissa | 0x800000u;
        const uint32_t shift = static_cast<uint32_t>(14 - e);
        uint32_t result = significand >> shift;
        const uint32_t remainder = significand & ((1u << shift) - 1u);
        const uint32_t halfway = 1u << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (result & 1u)))
            ++result;
        return static_cast<uint16_t>(sign | result);
    }
    uint32_t result = (static_cast<uint32_t>(e) << 10) | (mantissa >> 13);
    const uint32_t remainder = mantissa & 0x1fffu;
    if (remainder > 0x1000u || (remainder == 0x1000u && (result & 1u)))
        ++result; // a carry into the exponent is correct, up to and including infinity
    return static_cast<uint16_t>(sign | result);
}

inline float bf16_to_f32(uint16_t h)
{
    return std::bit_cast<float>(static_cast<uint32_t>(h) << 16);
}

inline uint16_t f32_to_bf16(float f)
{
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    if ((bits & 0x7fffffffu) > 0x7f800000u)
        return static_cast<uint16_t>((bits >> 16) | 0x0040u); // NaN: quiet, never infinity
    const uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
    return static_cast<uint16_t>((bits + rounding) >> 16);
}

// Reads a little-endian f16 / bf16 from unaligned bytes (block scales, tensor data).
inline float load_f16(const uint8_t* p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    return f16_to_f32(h);
}

inline float load_bf16(const uint8_t* p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    return bf16_to_f32(h);
}

inline void store_f16(uint8_t* p, float f)
{
    const uint16_t h = f32_to_f16(f);
    std::memcpy(p, &h, 2);
}

} // namespace kurabe
