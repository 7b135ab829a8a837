// Reference conversion of tensor rows to f32, and the reference dot product of a stored row
// with an f32 vector. These are the oracle every faster kernel (CPU SIMD, Vulkan shaders) is
// tested against; they favour clarity, but are written so the compiler can vectorize them.
#pragma once

#include "tensor/tensor_type.h"

#include <cstdint>

namespace kurabe {

// Whether dequantize_row / dot_row / quantize_row handle `type` (TensorTypeTraits::supported).
bool tensor_type_supported(TensorType type);

// Converts `n` values of `type` at `src` (n / block_elements whole blocks) into `dst`.
// `n` must be a multiple of the type's block size and the type supported; otherwise nothing
// is written (callers validate types when binding tensors).
void dequantize_row(TensorType type, const void* src, float* dst, int64_t n);

// sum_i dequantized(row)[i] * x[i] over `n` values, accumulated in f32, block by block.
// Same preconditions as dequantize_row; returns 0 when they do not hold.
float dot_row(TensorType type, const void* row, const float* x, int64_t n);

} // namespace kurabe
