#include "tensor/dequantize.h"

#include "tensor/block_codec.h"
#include "tensor/half.h"

#include <algorithm>
#include <cstring>

namespace kurabe {

namespace {

struct BlockFormat
{
    blocks::BlockDecoder decode = nullptr;
    int64_t elements = 0; // per block
    int64_t bytes = 0;    // per block
};

// The block decoder of a quantized type; decode is null for plain and unsupported types.
BlockFormat block_format(TensorType type)
{
    using namespace blocks;
    switch (type) {
    case TensorType::Q4_0:
        return {decode_q4_0, kSmallBlock, 18};
    case TensorType::Q4_1:
        return {decode_q4_1, kSmallBlock, 20};
    case TensorType::Q5_0:
        return {decode_q5_0, kSmallBlock, 22};
    case TensorType::Q5_1:
        return {decode_q5_1, kSmallBlock, 24};
    case TensorType::Q8_0:
        return {decode_q8_0, kSmallBlock, 34};
    case TensorType::IQ4_NL:
        return {decode_iq4_nl, kSmallBlock, 18};
    case TensorType::Q2_K:
        return {decode_q2_k, kSuperBlock, 84};
    case TensorType::Q3_K:
        return {decode_q3_k, kSuperBlock, 110};
    case TensorType::Q4_K:
        return {decode_q4_k, kSuperBlock, 144};
    case TensorType::Q5_K:
        return {decode_q5_k, kSuperBlock, 176};
    case TensorType::Q6_K:
        return {decode_q6_k, kSuperBlock, 210};
    case TensorType::IQ4_XS:
        return {decode_iq4_xs, kSuperBlock, 136};
    default:
        return {};
    }
}

// sum a[i] * b[i] in 8 independent f32 lanes, then the lanes: the same arithmetic on every
// compiler, and a shape that auto-vectorizes without -ffast-math.
float dot_lanes(const float* a, const float* b, int64_t n)
{
    constexpr int kLanes = 8;
    float lanes[kLanes] = {};
    int64_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
        for (int k = 0; k < kLanes; ++k)
            lanes[k] += a[i + k] * b[i + k];
    }
    for (; i < n; ++i)
        lanes[i % kLanes] += a[i] * b[i];
    float sum = 0;
    for (float lane : lanes)
        sum += lane;
    return sum;
}

} // namespace

bool tensor_type_supported(TensorType type)
{
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    return traits && traits->supported;
}

void dequantize_row(TensorType type, const void* src, float* dst, int64_t n)
{
    if (n <= 0)
        return;
    const auto* bytes = static_cast<const uint8_t*>(src);
    switch (type) {
    case TensorType::F32:
        std::memcpy(dst, bytes, static_cast<size_t>(n) * 4);
        return;
    case TensorType::F16:
        for (int64_t i = 0; i < n; ++i)
            dst[i] = load_f16(bytes + 2 * i);
        return;
    case TensorType::BF16:
        for (int64_t i = 0; i < n; ++i)
            dst[i] = load_bf16(bytes + 2 * i);
        return;
    default:
        break;
    }
    const BlockFormat format = block_format(type);
    if (!format.decode || n % format.elements != 0)
        return;
    for (int64_t b = 0; b < n / format.elements; ++b)
        format.decode(bytes + b * format.bytes, dst + b * format.elements);
}

float dot_row(TensorType type, const void* row, const float* x, int64_t n)
{
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    if (!traits || !traits->supported || n < 0 || n % traits->block_elements != 0)
        return 0;
    // Chunks of one super-block (a whole number of blocks of every type): decoded into a stack
    // buffer, then multiplied with x.
    constexpr int64_t kChunk = blocks::kSuperBlock;
    const auto* bytes = static_cast<const uint8_t*>(row);
    float values[kChunk];
    float sum = 0;
    for (int64_t i = 0; i < n; i += kChunk) {
        const int64_t count = std::min(kChunk, n - i);
        dequantize_row(type, bytes + i / traits->block_elements * traits->block_bytes, values,
                       count);
        sum += dot_lanes(values, x + i, count);
    }
    return sum;
}

} // namespace kurabe
