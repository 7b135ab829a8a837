// Vectorized row · x dot products for the tensor types that dominate real models (F32, F16,
// Q8_0, Q4_0, Q4_K, Q6_K), dequantizing in registers with f32 activations and f32
// accumulation — the same math as the reference dot_row, only faster. Chosen once at start-up
// from what the CPU supports (AVX2 + FMA + F16C on x86-64); elsewhere the reference is used.
#pragma once

#include "tensor/tensor_type.h"

#include <cstdint>

namespace kurabe {

using RowDotFn = float (*)(const uint8_t* row, const float* x, int64_t n);

// The fastest kernel for `type` on this CPU, or the reference dot_row wrapper.
RowDotFn row_dot_kernel(TensorType type);

// "avx2" when the vectorized kernels are in use, else "scalar".
const char* row_dot_isa();

// out[2 * i + j] = rows[i] · x_j for the 4 rows rows + i * row_stride (i < 4) and the two
// vectors x0, x1, all of n floats: one pass over the rows serves two tokens, so each weight
// loaded feeds two FMAs (prompt processing is bound by loads otherwise).
using DotTile4x2Fn = void (*)(const float* rows, int64_t row_stride, const float* x0,
                              const float* x1, int64_t n, float* out);

// The vectorized tile kernel, or a plain one where the CPU has no vector unit for it.
DotTile4x2Fn dot_tile_4x2_kernel();

// An activation vector rounded to 16-bit integers per block of 32 values: x[i] is close to
// values[i] * scales[i / 32], within 2^-16 of the block's largest magnitude. Integer kernels
// multiply 4- and 8-bit weights with these exactly (int32 sums per block), skipping the
// conversion of every weight to f32: llama-1b Q4_0 decodes about 1.5x faster here, and the
// logits stay within the f32 tolerances (tests/engine/model/conformance_test.cpp checks the
// decode path against the reference). Far more precise than the 8-bit activations other
// engines use on the CPU.
struct Int16Activations
{
    int16_t* values; // [n]
    float* scales;   // [n / 32]
    int32_t* sums;   // [n / 32] sum of the block's values (for Q4_0's zero point of 8)
};

// Fills `out` from x; n must be a multiple of 32.
void quantize_activations(const float* x, int64_t n, const Int16Activations& out);

using RowDotInt16Fn = float (*)(const uint8_t* row, const Int16Activations& x, int64_t n);

// An integer kernel for `type` on this CPU, or nullptr (then row_dot_kernel applies).
RowDotInt16Fn row_dot_int16_kernel(TensorType type);

} // namespace kurabe
