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

} // namespace kurabe
