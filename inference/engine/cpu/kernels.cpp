#include "cpu/kernels.h"

#include "cpu/fast_dot.h"
#include "cpu/thread_pool.h"
#include "tensor/dequantize.h"

#include <cmath>

namespace kurabe {

void rms_norm(const float* x, const float* weight, float* y, int64_t T, int64_t width, float eps)
{
    for (int64_t t = 0; t < T; ++t) {
        const float* xt = x + t * width;
        float* yt = y + t * width;
        double sum_squares = 0;
        for (int64_t i = 0; i < width; ++i)
            sum_squares += static_cast<double>(xt[i]) * xt[i];
        const float scale =
            static_cast<float>(1.0 / std::sqrt(sum_squares / static_cast<double>(width) + eps));
        for (int64_t i = 0; i < width; ++i)
            yt[i] = xt[i] * scale * weight[i];
    }
}

float dot_f32(const float* a, const float* b, int64_t n)
{
    static const RowDotFn kernel = row_dot_kernel(TensorType::F32);
    return kernel(reinterpret_cast<const uint8_t*>(a), b, n);
}

MatmulScratch::MatmulScratch(int32_t threads, int64_t widest)
    : rows(static_cast<size_t>(threads) * 4 * static_cast<size_t>(widest)),
      x_values(static_cast<size_t>(widest)), x_scales(static_cast<size_t>(widest / 32 + 1)),
      x_sums(static_cast<size_t>(widest / 32 + 1))
{}

void matmul(ThreadPool& pool, const Matrix& W, const float* X, int64_t T, float* Y, int64_t ldy,
            const float* bias, MatmulScratch& scratch)
{
    if (T == 1 && W.cols % 32 == 0) {
        if (const RowDotInt16Fn int16_dot = row_dot_int16_kernel(W.type)) {
            const Int16Activations x{scratch.x_values.data(), scratch.x_scales.data(),
                                     scratch.x_sums.data()};
            quantize_activations(X, W.cols, x);
            pool.parallel_for(W.rows, [&](int64_t begin, int64_t end, int32_t) {
                for (int64_t r = begin; r < end; ++r)
                    Y[r] = int16_dot(W.row(r), x, W.cols) + (bias ? bias[r] : 0.0f);
            });
            return;
        }
    }
    const RowDotFn row_dot = row_dot_kernel(W.type);
    const DotTile4x2Fn tile = dot_tile_4x2_kernel();
    pool.parallel_for(W.rows, [&](int64_t begin, int64_t end, int32_t thread) {
        if (T == 1) {
            // Decode: the dequantization is fused into the dot product.
            for (int64_t r = begin; r < end; ++r)
                Y[r] = row_dot(W.row(r), X, W.cols) + (bias ? bias[r] : 0.0f);
            return;
        }
        // Prompt batch: four rows at a time in f32, each pass over them serving two tokens.
        float* rows = scratch.rows.data() + static_cast<int64_t>(thread) * 4 * W.cols;
        const int64_t n = W.cols;
        int64_t r = begin;
        for (; r + 4 <= end; r += 4) {
            for (int i = 0; i < 4; ++i)
                dequantize_row(W.type, W.row(r + i), rows + i * n, n);
            int64_t t = 0;
            for (; t + 2 <= T; t += 2) {
                float out[8];
                tile(rows, n, X + t * n, X + (t + 1) * n, n, out);
                for (int i = 0; i < 4; ++i) {
                    const float b = bias ? bias[r + i] : 0.0f;
                    Y[t * ldy + r + i] = out[2 * i] + b;
                    Y[(t + 1) * ldy + r + i] = out[2 * i + 1] + b;
                }
            }
            for (; t < T; ++t) {
                for (int i = 0; i < 4; ++i)
                    Y[t * ldy + r + i] =
                        dot_f32(rows + i * n, X + t * n, n) + (bias ? bias[r + i] : 0.0f);
            }
        }
        for (; r < end; ++r) {
            dequantize_row(W.type, W.row(r), rows, n);
            const float b = bias ? bias[r] : 0.0f;
            for (int64_t t = 0; t < T; ++t)
                Y[t * ldy + r] = dot_f32(rows, X + t * n, n) + b;
        }
    });
}

void rope(float* x, int32_t n_heads, int32_t head_dim, int32_t rope_dim, RopeStyle style, float pos,
          const float* inv_freq, float mscale)
{
    const int32_t half = rope_dim / 2;
    for (int32_t h = 0; h < n_heads; ++h) {
        float* head = x + static_cast<int64_t>(h) * head_dim;
        for (int32_t i = 0; i < half; ++i) {
            const float theta = pos * inv_freq[i];
            const float c = std::cos(theta) * mscale;
            const float s = std::sin(theta) * mscale;
            // Normal style pairs neighbours; NeoX pairs the two halves of the rotated part.
            float& a = style == RopeStyle::Normal ? head[2 * i] : head[i];
            float& b = style == RopeStyle::Normal ? head[2 * i + 1] : head[i + half];
            const float a0 = a;
            const float b0 = b;
            a = a0 * c - b0 * s;
            b = a0 * s + b0 * c;
        }
    }
}

float silu(float x)
{
    return x / (1.0f + std::exp(-x));
}

float gelu(float x)
{
    constexpr float k_sqrt_2_over_pi = 0.7978845608028654f;
    return 0.5f * x * (1.0f + std::tanh(k_sqrt_2_over_pi * (x + 0.044715f * x * x * x)));
}

} // namespace kurabe
