// Simple round-to-nearest quantizers for every supported tensor type: tests and synthetic
// benchmark models use them to build weights of any type from f32 data. They produce valid
// blocks that dequantize close to the input, not llama.cpp's error-minimising choices.
#pragma once

#include "tensor/tensor_type.h"

#include <cstddef>
#include <cstdint>

namespace kurabe {

// Encodes `n` values (a multiple of the type's block size) from `src` into `dst`, which must
// hold tensor_bytes(type, n) bytes. Returns the bytes written; 0 when the type is not
// supported or `n` is not a whole number of blocks.
size_t quantize_row(TensorType type, const float* src, void* dst, int64_t n);

} // namespace kurabe
