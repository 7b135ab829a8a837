#include "cpu/fast_dot.h"

#include "tensor/dequantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define KURABE_X86 1
#endif

namespace kurabe {

namespace {

template <TensorType T>
float reference_dot(const uint8_t* row, const float* x, int64_t n)
{
    return dot_row(T, row, x, n);
}

#if KURABE_X86
#define KURABE_AVX2 __attribute__((target("avx2,fma,f16c")))

KURABE_AVX2 float f16_to_f32(const uint8_t* p)
{
    uint16_t bits;
    std::memcpy(&bits, p, 2);
    return _cvtsh_ss(bits);
}

KURABE_AVX2 float horizontal_sum(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// The low 8 bytes of `bytes` as 8 floats (unsigned / signed).
KURABE_AVX2 __m256 u8x8(__m128i bytes)
{
    return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes));
}
KURABE_AVX2 __m256 i8x8(__m128i bytes)
{
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(bytes));
}

KURABE_AVX2 float dot_f32(const uint8_t* row, const float* x, int64_t n)
{
    const float* w = reinterpret_cast<const float*>(row);
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i), _mm256_loadu_ps(x + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i + 8), _mm256_loadu_ps(x + i + 8), acc1);
    }
    float sum = horizontal_sum(_mm256_add_ps(acc0, acc1));
    for (; i < n; ++i)
        sum += w[i] * x[i];
    return sum;
}

KURABE_AVX2 float dot_f16(const uint8_t* row, const float* x, int64_t n)
{
    const auto* w = reinterpret_cast<const __m128i_u*>(row);
    __m256 acc = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        acc = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128(w + i / 8)), _mm256_loadu_ps(x + i),
                              acc);
    float sum = horizontal_sum(acc);
    for (; i < n; ++i)
        sum += f16_to_f32(row + 2 * i) * x[i];
    return sum;
}

// Q8_0: blocks of 32 = f16 scale d + 32 int8; value = d * q.
KURABE_AVX2 float dot_q8_0(const uint8_t* row, const float* x, int64_t n)
{
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 32; ++b, row += 34, x += 32) {
        const __m256 d = _mm256_set1_ps(f16_to_f32(row));
        const __m128i q0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2));
        const __m128i q1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 18));
        __m256 s = _mm256_mul_ps(i8x8(q0), _mm256_loadu_ps(x));
        s = _mm256_fmadd_ps(i8x8(_mm_unpackhi_epi64(q0, q0)), _mm256_loadu_ps(x + 8), s);
        s = _mm256_fmadd_ps(i8x8(q1), _mm256_loadu_ps(x + 16), s);
        s = _mm256_fmadd_ps(i8x8(_mm_unpackhi_epi64(q1, q1)), _mm256_loadu_ps(x + 24), s);
        acc = _mm256_fmadd_ps(d, s, acc);
    }
    return horizontal_sum(acc);
}

// Q4_0: blocks of 32 = f16 d + 16 bytes; element j is the low nibble of byte j, element j + 16
// the high nibble; value = d * (q - 8). Computed as d * (sum q x - 8 sum x).
KURABE_AVX2 float dot_q4_0(const uint8_t* row, const float* x, int64_t n)
{
    const __m128i low_mask = _mm_set1_epi8(0x0F);
    const __m256 eight = _mm256_set1_ps(8.0f);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 32; ++b, row += 18, x += 32) {
        const __m256 d = _mm256_set1_ps(f16_to_f32(row));
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2));
        const __m128i lo = _mm_and_si128(bytes, low_mask);
        const __m128i hi = _mm_and_si128(_mm_srli_epi16(bytes, 4), low_mask);
        const __m256 x0 = _mm256_loadu_ps(x), x1 = _mm256_loadu_ps(x + 8);
        const __m256 x2 = _mm256_loadu_ps(x + 16), x3 = _mm256_loadu_ps(x + 24);
        __m256 s = _mm256_mul_ps(u8x8(lo), x0);
        s = _mm256_fmadd_ps(u8x8(_mm_unpackhi_epi64(lo, lo)), x1, s);
        s = _mm256_fmadd_ps(u8x8(hi), x2, s);
        s = _mm256_fmadd_ps(u8x8(_mm_unpackhi_epi64(hi, hi)), x3, s);
        const __m256 sum_x = _mm256_add_ps(_mm256_add_ps(x0, x1), _mm256_add_ps(x2, x3));
        s = _mm256_fnmadd_ps(eight, sum_x, s);
        acc = _mm256_fmadd_ps(d, s, acc);
    }
    return horizontal_sum(acc);
}

// The 6-bit scale and min of sub-block j (0..7) of a Q4_K/Q5_K super-block.
inline void k_scale_min(int j, const uint8_t* q, uint8_t* scale, uint8_t* min)
{
    if (j < 4) {
        *scale = q[j] & 63;
        *min = q[j + 4] & 63;
    } else {
        *scale = static_cast<uint8_t>((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4));
        *min = static_cast<uint8_t>((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// 32 unsigned 4-bit values (bytes, already masked) dotted with x: returns sum q x in lanes.
KURABE_AVX2 __m256 dot32_u8(__m128i q_lo16, __m128i q_hi16, const float* x)
{
    __m256 s = _mm256_mul_ps(u8x8(q_lo16), _mm256_loadu_ps(x));
    s = _mm256_fmadd_ps(u8x8(_mm_unpackhi_epi64(q_lo16, q_lo16)), _mm256_loadu_ps(x + 8), s);
    s = _mm256_fmadd_ps(u8x8(q_hi16), _mm256_loadu_ps(x + 16), s);
    s = _mm256_fmadd_ps(u8x8(_mm_unpackhi_epi64(q_hi16, q_hi16)), _mm256_loadu_ps(x + 24), s);
    return s;
}

KURABE_AVX2 __m256 sum32(const float* x)
{
    return _mm256_add_ps(_mm256_add_ps(_mm256_loadu_ps(x), _mm256_loadu_ps(x + 8)),
                         _mm256_add_ps(_mm256_loadu_ps(x + 16), _mm256_loadu_ps(x + 24)));
}

// Q4_K: super-blocks of 256 = f16 d, f16 dmin, 12 bytes of packed 6-bit scales/mins, 128
// bytes of nibbles. Chunk c (64 values) uses bytes 32c..32c+31: low nibbles are sub-block 2c,
// high nibbles sub-block 2c+1; value = d * scale * q - dmin * min.
KURABE_AVX2 float dot_q4_k(const uint8_t* row, const float* x, int64_t n)
{
    const __m128i low_mask = _mm_set1_epi8(0x0F);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 256; ++b, row += 144) {
        const float d = f16_to_f32(row);
        const float dmin = f16_to_f32(row + 2);
        const uint8_t* scales = row + 4;
        const uint8_t* qs = row + 16;
        for (int c = 0; c < 4; ++c, qs += 32, x += 64) {
            uint8_t sc0, m0, sc1, m1;
            k_scale_min(2 * c, scales, &sc0, &m0);
            k_scale_min(2 * c + 1, scales, &sc1, &m1);
            const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs));
            const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs + 16));
            const __m256 s_lo =
                dot32_u8(_mm_and_si128(b0, low_mask), _mm_and_si128(b1, low_mask), x);
            const __m256 s_hi = dot32_u8(_mm_and_si128(_mm_srli_epi16(b0, 4), low_mask),
                                         _mm_and_si128(_mm_srli_epi16(b1, 4), low_mask), x + 32);
            acc = _mm256_fmadd_ps(_mm256_set1_ps(d * sc0), s_lo, acc);
            acc = _mm256_fmadd_ps(_mm256_set1_ps(d * sc1), s_hi, acc);
            acc = _mm256_fnmadd_ps(_mm256_set1_ps(dmin * m0), sum32(x), acc);
            acc = _mm256_fnmadd_ps(_mm256_set1_ps(dmin * m1), sum32(x + 32), acc);
        }
    }
    return horizontal_sum(acc);
}

// (low4 | high2 << 4) - 32 for 32 packed 6-bit values.
KURABE_AVX2 __m256i q6_values(__m256i low4, __m256i high2)
{
    return _mm256_sub_epi8(_mm256_or_si256(low4, _mm256_slli_epi16(high2, 4)),
                           _mm256_set1_epi8(32));
}

// Q6_K: super-blocks of 256 = 128 bytes low 4 bits (ql), 64 bytes high 2 bits (qh), 16 int8
// scales, f16 d. In each half (128 values), for l < 32: values l, l+32, l+64, l+96 take
// ql[l] low, ql[l+32] low, ql[l] high, ql[l+32] high nibbles with qh[l] bits 0-1, 2-3, 4-5,
// 6-7 on top; value = d * scale[16-group] * (q - 32).
KURABE_AVX2 float dot_q6_k(const uint8_t* row, const float* x, int64_t n)
{
    const __m256i low_mask = _mm256_set1_epi8(0x0F);
    const __m256i two_bits = _mm256_set1_epi8(0x03);
    __m256 acc = _mm256_setzero_ps();
    alignas(32) int8_t q[128];
    for (int64_t b = 0; b < n / 256; ++b, row += 210) {
        const uint8_t* ql = row;
        const uint8_t* qh = row + 128;
        const int8_t* scales = reinterpret_cast<const int8_t*>(row + 192);
        const float d = f16_to_f32(row + 208);
        for (int half = 0; half < 2; ++half, ql += 64, qh += 32, scales += 8, x += 128) {
            const __m256i l0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql));
            const __m256i l1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql + 32));
            const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(qh));
            // Shifting 16-bit lanes is safe here: every value is masked to its bits afterwards.
            const __m256i v0 =
                q6_values(_mm256_and_si256(l0, low_mask), _mm256_and_si256(h, two_bits));
            const __m256i v1 = q6_values(_mm256_and_si256(l1, low_mask),
                                         _mm256_and_si256(_mm256_srli_epi16(h, 2), two_bits));
            const __m256i v2 = q6_values(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low_mask),
                                         _mm256_and_si256(_mm256_srli_epi16(h, 4), two_bits));
            const __m256i v3 = q6_values(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low_mask),
                                         _mm256_and_si256(_mm256_srli_epi16(h, 6), two_bits));
            _mm256_store_si256(reinterpret_cast<__m256i*>(q), v0);
            _mm256_store_si256(reinterpret_cast<__m256i*>(q + 32), v1);
            _mm256_store_si256(reinterpret_cast<__m256i*>(q + 64), v2);
            _mm256_store_si256(reinterpret_cast<__m256i*>(q + 96), v3);
            // 8 groups of 16 values, each with its own scale.
            for (int g = 0; g < 8; ++g) {
                const __m128i bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(q + 16 * g));
                __m256 s = _mm256_mul_ps(i8x8(bytes), _mm256_loadu_ps(x + 16 * g));
                s = _mm256_fmadd_ps(i8x8(_mm_unpackhi_epi64(bytes, bytes)),
                                    _mm256_loadu_ps(x + 16 * g + 8), s);
                // Group g covers values 16g..16g+15 of this half: scale index is g.
                acc = _mm256_fmadd_ps(_mm256_set1_ps(d * scales[g]), s, acc);
            }
        }
    }
    return horizontal_sum(acc);
}

// Q4_0 with 16-bit activations: per block, sum (q - 8) * xq = sum q * xq - 8 * sum xq, all
// in exact integer arithmetic; then scaled by d * dx in f32.
KURABE_AVX2 float dot_q4_0_int16(const uint8_t* row, const Int16Activations& x, int64_t n)
{
    const __m128i low_mask = _mm_set1_epi8(0x0F);
    __m256 acc = _mm256_setzero_ps();
    float correction = 0.0f;
    for (int64_t b = 0; b < n / 32; ++b, row += 18) {
        const float scale = f16_to_f32(row) * x.scales[b];
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2));
        const __m256i lo = _mm256_cvtepu8_epi16(_mm_and_si128(bytes, low_mask));
        const __m256i hi = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(bytes, 4), low_mask));
        const auto* xq = reinterpret_cast<const __m256i*>(x.values + 32 * b);
        const __m256i sums = _mm256_add_epi32(_mm256_madd_epi16(lo, _mm256_loadu_si256(xq)),
                                              _mm256_madd_epi16(hi, _mm256_loadu_si256(xq + 1)));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(scale), _mm256_cvtepi32_ps(sums), acc);
        correction += scale * static_cast<float>(x.sums[b]);
    }
    return horizontal_sum(acc) - 8.0f * correction;
}

// Q8_0 with 16-bit activations: sum q * xq per block, exact in int32.
KURABE_AVX2 float dot_q8_0_int16(const uint8_t* row, const Int16Activations& x, int64_t n)
{
    __m256 acc = _mm256_setzero_ps();
    for (int64_t b = 0; b < n / 32; ++b, row += 34) {
        const float scale = f16_to_f32(row) * x.scales[b];
        const __m256i q0 =
            _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2)));
        const __m256i q1 =
            _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 18)));
        const auto* xq = reinterpret_cast<const __m256i*>(x.values + 32 * b);
        const __m256i sums = _mm256_add_epi32(_mm256_madd_epi16(q0, _mm256_loadu_si256(xq)),
                                              _mm256_madd_epi16(q1, _mm256_loadu_si256(xq + 1)));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(scale), _mm256_cvtepi32_ps(sums), acc);
    }
    return horizontal_sum(acc);
}

// Q4_K with 16-bit activations: each 32-value sub-block j lines up with one activation block,
// so sum (d sc_j q - dmin m_j) x = d sc_j dx sum(q xq) - dmin m_j dx sum(xq), the sums exact
// in int32 (|q xq| <= 15 * 32767, 32 of them).
KURABE_AVX2 float dot_q4_k_int16(const uint8_t* row, const Int16Activations& x, int64_t n)
{
    const __m128i low_mask = _mm_set1_epi8(0x0F);
    __m256 acc = _mm256_setzero_ps();
    float correction = 0.0f;
    int64_t block = 0; // activation block of 32
    for (int64_t b = 0; b < n / 256; ++b, row += 144) {
        const float d = f16_to_f32(row);
        const float dmin = f16_to_f32(row + 2);
        const uint8_t* scales = row + 4;
        const uint8_t* qs = row + 16;
        for (int c = 0; c < 4; ++c, qs += 32, block += 2) {
            uint8_t sc0, m0, sc1, m1;
            k_scale_min(2 * c, scales, &sc0, &m0);
            k_scale_min(2 * c + 1, scales, &sc1, &m1);
            const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs));
            const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs + 16));
            const __m256i lo0 = _mm256_cvtepu8_epi16(_mm_and_si128(b0, low_mask));
            const __m256i lo1 = _mm256_cvtepu8_epi16(_mm_and_si128(b1, low_mask));
            const __m256i hi0 =
                _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(b0, 4), low_mask));
            const __m256i hi1 =
                _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(b1, 4), low_mask));
            const auto* xq = reinterpret_cast<const __m256i*>(x.values + 32 * block);
            const __m256i s_lo =
                _mm256_add_epi32(_mm256_madd_epi16(lo0, _mm256_loadu_si256(xq)),
                                 _mm256_madd_epi16(lo1, _mm256_loadu_si256(xq + 1)));
            const __m256i s_hi =
                _mm256_add_epi32(_mm256_madd_epi16(hi0, _mm256_loadu_si256(xq + 2)),
                                 _mm256_madd_epi16(hi1, _mm256_loadu_si256(xq + 3)));
            const float xs0 = x.scales[block], xs1 = x.scales[block + 1];
            acc = _mm256_fmadd_ps(_mm256_set1_ps(d * sc0 * xs0), _mm256_cvtepi32_ps(s_lo), acc);
            acc = _mm256_fmadd_ps(_mm256_set1_ps(d * sc1 * xs1), _mm256_cvtepi32_ps(s_hi), acc);
            correction += dmin * (m0 * xs0 * static_cast<float>(x.sums[block]) +
                                  m1 * xs1 * static_cast<float>(x.sums[block + 1]));
        }
    }
    return horizontal_sum(acc) - correction;
}

// Q6_K with 16-bit activations: the 6-bit values (q - 32, signed) widened to 16 bits and
// multiplied exactly; each group of 16 has its own scale, two groups per activation block.
KURABE_AVX2 float dot_q6_k_int16(const uint8_t* row, const Int16Activations& x, int64_t n)
{
    const __m256i low_mask = _mm256_set1_epi8(0x0F);
    const __m256i two_bits = _mm256_set1_epi8(0x03);
    __m256 acc = _mm256_setzero_ps();
    int64_t block = 0; // activation block of 32
    for (int64_t b = 0; b < n / 256; ++b, row += 210) {
        const uint8_t* ql = row;
        const uint8_t* qh = row + 128;
        const int8_t* scales = reinterpret_cast<const int8_t*>(row + 192);
        const float d = f16_to_f32(row + 208);
        for (int half = 0; half < 2; ++half, ql += 64, qh += 32, scales += 8) {
            const __m256i l0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql));
            const __m256i l1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql + 32));
            const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(qh));
            const __m256i v[4] = {
                q6_values(_mm256_and_si256(l0, low_mask), _mm256_and_si256(h, two_bits)),
                q6_values(_mm256_and_si256(l1, low_mask),
                          _mm256_and_si256(_mm256_srli_epi16(h, 2), two_bits)),
                q6_values(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low_mask),
                          _mm256_and_si256(_mm256_srli_epi16(h, 4), two_bits)),
                q6_values(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low_mask),
                          _mm256_and_si256(_mm256_srli_epi16(h, 6), two_bits)),
            };
            for (int k = 0; k < 4; ++k, ++block) {
                const auto* xq = reinterpret_cast<const __m256i*>(x.values + 32 * block);
                const __m256i first = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(v[k]));
                const __m256i second = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(v[k], 1));
                const __m256i s0 = _mm256_madd_epi16(first, _mm256_loadu_si256(xq));
                const __m256i s1 = _mm256_madd_epi16(second, _mm256_loadu_si256(xq + 1));
                const float dx = d * x.scales[block];
                acc = _mm256_fmadd_ps(_mm256_set1_ps(dx * scales[2 * k]), _mm256_cvtepi32_ps(s0),
                                      acc);
                acc = _mm256_fmadd_ps(_mm256_set1_ps(dx * scales[2 * k + 1]),
                                      _mm256_cvtepi32_ps(s1), acc);
            }
        }
    }
    return horizontal_sum(acc);
}

KURABE_AVX2 void dot_tile_4x2_avx2(const float* rows, int64_t row_stride, const float* x0,
                                   const float* x1, int64_t n, float* out)
{
    __m256 acc[4][2];
    for (auto& row : acc)
        row[0] = row[1] = _mm256_setzero_ps();
    int64_t k = 0;
    for (; k + 8 <= n; k += 8) {
        const __m256 a = _mm256_loadu_ps(x0 + k);
        const __m256 b = _mm256_loadu_ps(x1 + k);
        for (int i = 0; i < 4; ++i) {
            const __m256 w = _mm256_loadu_ps(rows + i * row_stride + k);
            acc[i][0] = _mm256_fmadd_ps(w, a, acc[i][0]);
            acc[i][1] = _mm256_fmadd_ps(w, b, acc[i][1]);
        }
    }
    for (int i = 0; i < 4; ++i) {
        float s0 = horizontal_sum(acc[i][0]), s1 = horizontal_sum(acc[i][1]);
        for (int64_t j = k; j < n; ++j) {
            s0 += rows[i * row_stride + j] * x0[j];
            s1 += rows[i * row_stride + j] * x1[j];
        }
        out[2 * i] = s0;
        out[2 * i + 1] = s1;
    }
}

bool cpu_has_avx2()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                            __builtin_cpu_supports("f16c");
    return has;
}
#endif

} // namespace

RowDotFn row_dot_kernel(TensorType type)
{
#if KURABE_X86
    if (cpu_has_avx2()) {
        switch (type) {
        case TensorType::F32:
            return dot_f32;
        case TensorType::F16:
            return dot_f16;
        case TensorType::Q8_0:
            return dot_q8_0;
        case TensorType::Q4_0:
            return dot_q4_0;
        case TensorType::Q4_K:
            return dot_q4_k;
        case TensorType::Q6_K:
            return dot_q6_k;
        default:
            break;
        }
    }
#endif
    switch (type) {
    case TensorType::F32:
        return reference_dot<TensorType::F32>;
    case TensorType::F16:
        return reference_dot<TensorType::F16>;
    case TensorType::BF16:
        return reference_dot<TensorType::BF16>;
    case TensorType::Q8_0:
        return reference_dot<TensorType::Q8_0>;
    case TensorType::Q4_0:
        return reference_dot<TensorType::Q4_0>;
    case TensorType::Q4_1:
        return reference_dot<TensorType::Q4_1>;
    case TensorType::Q5_0:
        return reference_dot<TensorType::Q5_0>;
    case TensorType::Q5_1:
        return reference_dot<TensorType::Q5_1>;
    case TensorType::Q2_K:
        return reference_dot<TensorType::Q2_K>;
    case TensorType::Q3_K:
        return reference_dot<TensorType::Q3_K>;
    case TensorType::Q4_K:
        return reference_dot<TensorType::Q4_K>;
    case TensorType::Q5_K:
        return reference_dot<TensorType::Q5_K>;
    case TensorType::Q6_K:
        return reference_dot<TensorType::Q6_K>;
    case TensorType::IQ4_NL:
        return reference_dot<TensorType::IQ4_NL>;
    case TensorType::IQ4_XS:
        return reference_dot<TensorType::IQ4_XS>;
    default:
        return nullptr;
    }
}

namespace {

void dot_tile_4x2_plain(const float* rows, int64_t row_stride, const float* x0, const float* x1,
                        int64_t n, float* out)
{
    for (int i = 0; i < 4; ++i) {
        float s0 = 0, s1 = 0;
        for (int64_t k = 0; k < n; ++k) {
            s0 += rows[i * row_stride + k] * x0[k];
            s1 += rows[i * row_stride + k] * x1[k];
        }
        out[2 * i] = s0;
        out[2 * i + 1] = s1;
    }
}

} // namespace

DotTile4x2Fn dot_tile_4x2_kernel()
{
#if KURABE_X86
    if (cpu_has_avx2())
        return dot_tile_4x2_avx2;
#endif
    return dot_tile_4x2_plain;
}

void quantize_activations(const float* x, int64_t n, const Int16Activations& out)
{
    for (int64_t b = 0; b < n / 32; ++b) {
        const float* xb = x + 32 * b;
        float max_abs = 0.0f;
        for (int i = 0; i < 32; ++i)
            max_abs = std::max(max_abs, std::fabs(xb[i]));
        const float scale = max_abs / 32767.0f;
        const float inverse = scale > 0.0f ? 1.0f / scale : 0.0f;
        int32_t sum = 0;
        for (int i = 0; i < 32; ++i) {
            const auto q = static_cast<int16_t>(std::lrintf(xb[i] * inverse));
            out.values[32 * b + i] = q;
            sum += q;
        }
        out.scales[b] = scale;
        out.sums[b] = sum;
    }
}

RowDotInt16Fn row_dot_int16_kernel(TensorType type)
{
#if KURABE_X86
    if (cpu_has_avx2()) {
        switch (type) {
        case TensorType::Q4_0:
            return dot_q4_0_int16;
        case TensorType::Q8_0:
            return dot_q8_0_int16;
        case TensorType::Q4_K:
            return dot_q4_k_int16;
        case TensorType::Q6_K:
            return dot_q6_k_int16;
        default:
            break;
        }
    }
#else
    (void)type;
#endif
    return nullptr;
}

const char* row_dot_isa()
{
#if KURABE_X86
    if (cpu_has_avx2())
        return "avx2";
#endif
    return "scalar";
}

} // namespace kurabe
