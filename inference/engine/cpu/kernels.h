// The building blocks of the CPU forward pass, each a plain loop that reads like its formula.
// Row-major activations: x[t * width + i] is value i of token t.
#pragma once

#include "model/hparams.h"
#include "model/weights.h"

#include <cstdint>
#include <span>
#include <vector>

namespace kurabe {

class ThreadPool;

// y[t] = x[t] / sqrt(mean(x[t]^2) + eps) * weight, for T rows of `width` values (in place ok).
void rms_norm(const float* x, const float* weight, float* y, int64_t T, int64_t width, float eps);

// Working memory of matmul, sized once for the widest matrix row and the pool's threads.
struct MatmulScratch
{
    std::vector<float> rows;       // [threads, 4, widest] dequantized rows (prompt batches)
    std::vector<int16_t> x_values; // [widest] activations as 16-bit integers (decode)
    std::vector<float> x_scales;   // [widest / 32]
    std::vector<int32_t> x_sums;   // [widest / 32]

    MatmulScratch(int32_t threads, int64_t widest);
};

// Y[t, r] = W.row(r) · X[t] + (bias ? bias[r] : 0) for t < T, r < W.rows. X is [T, W.cols],
// Y is [T, ldy] (ldy >= W.rows). Rows are spread over the pool. For T > 1 rows are
// dequantized four at a time and reused for every token, two tokens per pass; for T = 1 (decode)
// the dequantization is fused into the dot product, with integer kernels over 16-bit activations
// where the type has one.
void matmul(ThreadPool& pool, const Matrix& W, const float* X, int64_t T, float* Y, int64_t ldy,
            const float* bias, MatmulScratch& scratch);

// Rotates the first rope_dim values of each of n_heads heads (head_dim apart) of one token
// at position `pos` by pos * inv_freq[i] (pair i < rope_dim / 2; see model/rope.h), then scales
// the rotated values by mscale.
void rope(float* x, int32_t n_heads, int32_t head_dim, int32_t rope_dim, RopeStyle style, float pos,
          const float* inv_freq, float mscale = 1.0f);

// a · b over n floats, vectorized where the CPU allows.
float dot_f32(const float* a, const float* b, int64_t n);

float silu(float x);
float gelu(float x); // tanh approximation, as GGUF models' GeGLU expects

// c * tanh(x / c)
inline float soft_cap(float x, float cap);

} // namespace kurabe

#include <cmath>

inline float kurabe::soft_cap(float x, float cap)
{
    return cap * std::tanh(x / cap);
}
