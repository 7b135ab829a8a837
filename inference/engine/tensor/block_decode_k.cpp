// The 256-value super-block layouts (ggml's block_q2_K .. block_q6_K, block_iq4_xs). Each is
// split into sub-blocks of 16 or 32 values with their own small integer scale (and min), which
// a super-block f16 scale turns into floats. The products are evaluated in the same order as
// the reference implementation (sub-block scale first, then times the quant) so the results
// are bit-identical to the weights the reference outputs were computed from.
#include "tensor/block_codec.h"
#include "tensor/half.h"

#include <cstdint>

namespace kurabe::blocks {

// Q2_K, 84 bytes: 16 scale bytes (low nibble scale, high nibble min, one per 16 values),
// 64 bytes of 2-bit quants, f16 d, f16 dmin. Value e: quant byte 32 * (e / 128) + e % 32,
// shifted by 2 * ((e % 128) / 32); value = d * scale * q - dmin * min.
void decode_q2_k(const uint8_t* block, float* out)
{
    const uint8_t* scales = block;
    const uint8_t* qs = block + 16;
    const float d = load_f16(block + 80);
    const float dmin = load_f16(block + 82);
    for (int e = 0; e < kSuperBlock; ++e) {
        const uint8_t sc = scales[e / 16];
        const float dl = d * static_cast<float>(sc & 0x0f);
        const float ml = dmin * static_cast<float>(sc >> 4);
        const int shift = 2 * ((e % 128) / 32);
        const int q = (qs[32 * (e / 128) + e % 32] >> shift) & 3;
        out[e] = dl * static_cast<float>(q) - ml;
    }
}

// Q3_K, 110 bytes: 32 bytes hmask (value e's third bit is bit e / 32 of byte e % 32, and a
// CLEAR bit subtracts 4), 64 bytes of 2-bit quants (as in Q2_K), 12 bytes of packed 6-bit
// scales (biased by 32), f16 d. value = d * scale * (q - (hbit ? 0 : 4)).
void decode_q3_k(const uint8_t* block, float* out)
{
    const uint8_t* hmask = block;
    const uint8_t* qs = block + 32;
    const uint8_t* scales = block + 96;
    const float d = load_f16(block + 108);
    for (int e = 0; e < kSuperBlock; ++e) {
        const float dl = d * static_cast<float>(unpack_q3_k_scale(scales, e / 16));
        const int shift = 2 * ((e % 128) / 32);
        const int low = (qs[32 * (e / 128) + e % 32] >> shift) & 3;
        const bool high = (hmask[e % 32] >> (e / 32)) & 1;
        out[e] = dl * static_cast<float>(low - (high ? 0 : 4));
    }
}

// Q4_K, 144 bytes: f16 d, f16 dmin, 12 bytes of packed 6-bit scales and mins (one pair per 32
// values), 128 bytes of nibbles: values 64c .. 64c+31 in the low nibbles of bytes 32c .. 32c+31
// and values 64c+32 .. 64c+63 in their high nibbles. value = d * scale * q - dmin * min.
void decode_q4_k(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const float dmin = load_f16(block + 2);
    const uint8_t* scales = block + 4;
    const uint8_t* qs = block + 16;
    for (int sub = 0; sub < 8; ++sub) {
        uint8_t sc, m;
        unpack_k4_scale_min(scales, sub, sc, m);
        const float d1 = d * static_cast<float>(sc);
        const float m1 = dmin * static_cast<float>(m);
        const uint8_t* q = qs + 32 * (sub / 2);
        const int shift = 4 * (sub % 2);
        for (int l = 0; l < 32; ++l)
            out[32 * sub + l] = d1 * static_cast<float>((q[l] >> shift) & 0x0f) - m1;
    }
}

// Q5_K, 176 bytes: as Q4_K plus 32 bytes qh before the nibbles: value 32 * sub + l takes its
// fifth bit from bit `sub` of qh[l].
void decode_q5_k(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const float dmin = load_f16(block + 2);
    const uint8_t* scales = block + 4;
    const uint8_t* qh = block + 16;
    const uint8_t* qs = block + 48;
    for (int sub = 0; sub < 8; ++sub) {
        uint8_t sc, m;
        unpack_k4_scale_min(scales, sub, sc, m);
        const float d1 = d * static_cast<float>(sc);
        const float m1 = dmin * static_cast<float>(m);
        const uint8_t* q = qs + 32 * (sub / 2);
        const int shift = 4 * (sub % 2);
        for (int l = 0; l < 32; ++l) {
            const int value = ((q[l] >> shift) & 0x0f) | (((qh[l] >> sub) & 1) << 4);
            out[32 * sub + l] = d1 * static_cast<float>(value) - m1;
        }
    }
}

// Q6_K, 210 bytes: 128 bytes ql (low 4 bits), 64 bytes qh (top 2 bits), 16 signed scales (one
// per 16 values), f16 d. In half h (128 values) and quarter k (32 values), value l of the
// quarter takes its low bits from ql[64h + l + 32 (k % 2)] (low nibble for k < 2, else high)
// and its top bits from qh[32h + l] at bit 2k. value = d * scale * (q - 32).
void decode_q6_k(const uint8_t* block, float* out)
{
    const uint8_t* ql = block;
    const uint8_t* qh = block + 128;
    const int8_t* scales = reinterpret_cast<const int8_t*>(block + 192);
    const float d = load_f16(block + 208);
    for (int e = 0; e < kSuperBlock; ++e) {
        const int h = e / 128, k = (e % 128) / 32, l = e % 32;
        const int low = (ql[64 * h + l + 32 * (k % 2)] >> (4 * (k / 2))) & 0x0f;
        const int high = (qh[32 * h + l] >> (2 * k)) & 3;
        const int q = (low | (high << 4)) - 32;
        out[e] = d * static_cast<float>(scales[e / 16]) * static_cast<float>(q);
    }
}

// IQ4_XS, 136 bytes: f16 d, u16 scales_h (top 2 bits of sub-block j's scale at bit 2j),
// 4 bytes scales_l (low 4 bits, sub-block j in byte j / 2, nibble j % 2), 128 bytes of
// nibbles (each 32-value sub-block laid out as IQ4_NL). value = d * (scale - 32) * level.
void decode_iq4_xs(const uint8_t* block, float* out)
{
    const float d = load_f16(block);
    const unsigned scales_h =
        static_cast<unsigned>(block[2]) | (static_cast<unsigned>(block[3]) << 8);
    const uint8_t* scales_l = block + 4;
    const uint8_t* qs = block + 8;
    for (int sub = 0; sub < 8; ++sub) {
        const int ls = ((scales_l[sub / 2] >> (4 * (sub % 2))) & 0x0f) |
                       static_cast<int>(((scales_h >> (2 * sub)) & 3u) << 4);
        const float dl = d * static_cast<float>(ls - 32);
        const uint8_t* q = qs + 16 * sub;
        float* y = out + 32 * sub;
        for (int j = 0; j < 16; ++j) {
            y[j] = dl * static_cast<float>(kIq4Levels[q[j] & 0x0f]);
            y[j + 16] = dl * static_cast<float>(kIq4Levels[q[j] >> 4]);
        }
    }
}

} // namespace kurabe::blocks
