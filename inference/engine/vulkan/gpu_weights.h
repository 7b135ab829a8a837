// A model's weights on a Vulkan device: every matrix uploaded once in its stored (quantized)
// form, split on row boundaries into parts that each fit one storage-buffer binding and one
// allocation, and every f32 vector (norm weights, biases) packed into one buffer.
#pragma once

#include "core/result.h"
#include "tensor/tensor_type.h"
#include "vulkan/device.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace kurabe {
class Model;
struct Matrix;
} // namespace kurabe

namespace kurabe::gpu {

struct GpuMatrixPart
{
    // rows * row_bytes bytes (rows rounded up to a multiple of the interleave, the extra rows
    // zero), padded to a multiple of 4 (+ 4 for unaligned reads)
    Buffer buffer;
    int64_t first_row = 0;
    int64_t rows = 0;
};

struct GpuMatrix
{
    TensorType type = TensorType::F32;
    int64_t rows = 0;
    int64_t cols = 0;
    uint32_t row_bytes = 0;
    // 1: rows one after another, as stored. 32 (quantized matrices on CPU devices): each
    // part's rows in groups of 32 whose blocks alternate (block b of rows 32g .. 32g + 31 side
    // by side), so that a subgroup summing runs of 8 consecutive rows reads memory in two runs
    // (quant.glsl). Q4_0, IQ4_NL and Q8_0 keep each group's 32 scales apart, first,
    // then the quants; Q4_K its 32 headers, then the quants of each unit pair; Q6_K its
    // scales, d, low bits and high bits.
    uint32_t interleave = 1;
    std::vector<GpuMatrixPart> parts;

    bool empty() const { return parts.empty(); }
};

// Offset (in floats) of a vector in GpuWeights::vectors; k_no_vector when the model lacks it.
inline constexpr uint32_t k_no_vector = UINT32_MAX;

struct GpuLayer
{
    GpuMatrix wq, wk, wv, wqkv, wo, ffn_gate, ffn_up, ffn_down;
    uint32_t attn_norm = k_no_vector, ffn_norm = k_no_vector;
    uint32_t bq = k_no_vector, bk = k_no_vector, bv = k_no_vector;
    uint32_t q_norm = k_no_vector, k_norm = k_no_vector;
    uint32_t post_attn_norm = k_no_vector, post_ffn_norm = k_no_vector;
};

// The largest part a matrix may be split into on `device` (bytes).
uint64_t max_part_bytes(const DeviceInfo& device);

// Bytes a matrix takes on the device (its parts, padding included).
uint64_t matrix_device_bytes(const Matrix& m, const DeviceInfo& device);

// Uploads one matrix, in parts of at most `max_part` bytes (0: the device's limit; tests pass
// small limits to exercise splitting), interleaved where the device is a CPU and the matrix
// quantized (and a part holds 32 rows).
Result<GpuMatrix> upload_matrix(Device& device, const Matrix& m, uint64_t max_part = 0);

class GpuWeights
{
public:
    // Checks that weights plus `extra_bytes` (KV cache, work buffers) fit the device's memory,
    // then uploads everything. The error of a model that does not fit gives the numbers.
    static Result<std::unique_ptr<GpuWeights>> upload(Device& device, const Model& model,
                                                      uint64_t extra_bytes);

    GpuMatrix token_embd;
    const GpuMatrix& output() const { return tied_ ? token_embd : output_; }
    Buffer vectors; // f32
    uint32_t output_norm = k_no_vector;
    std::vector<GpuLayer> layers;
    uint64_t bytes = 0; // uploaded

private:
    GpuMatrix output_;
    bool tied_ = false;
};

} // namespace kurabe::gpu
