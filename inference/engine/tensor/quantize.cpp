#include "tensor/quantize.h"

#include "tensor/block_codec.h"
#include "tensor/half.h"

#include <cstring>

namespace kurabe {

namespace {

struct BlockEncoding
{
    blocks::BlockEncoder encode = nullptr;
    int64_t elements = 0; // per block
    int64_t bytes = 0;    // per block
};

BlockEncoding block_encoding(TensorType type)
{
    using namespace blocks;
    switch (type) {
    case TensorType::Q4_0:
        return {encode_q4_0, kSmallBlock, 18};
    case TensorType::Q4_1:
        return {encode_q4_1, kSmallBlock, 20};
    case TensorType::Q5_0:
        return {encode_q5_0, kSmallBlock, 22};
    case TensorType::Q5_1:
        return {encode_q5_1, kSmallBlock, 24};
    case TensorType::Q8_0:
        return {encode_q8_0, kSmallBlock, 34};
    case TensorType::IQ4_NL:
        return {encode_iq4_nl, kSmallBlock, 18};
    case TensorType::Q2_K:
        return {encode_q2_k, kSuperBlock, 84};
    case TensorType::Q3_K:
        return {encode_q3_k, kSuperBlock, 110};
    case TensorType::Q4_K:
        return {encode_q4_k, kSuperBlock, 144};
    case TensorType::Q5_K:
        return {encode_q5_k, kSuperBlock, 176};
    case TensorType::Q6_K:
        return {encode_q6_k, kSuperBlock, 210};
    case TensorType::IQ4_XS:
        return {encode_iq4_xs, kSuperBlock, 136};
    default:
        return {};
    }
}

} // namespace

size_t quantize_row(TensorType type, const float* src, void* dst, int64_t n)
{
    auto* out = static_cast<uint8_t*>(dst);
    if (n < 0)
        return 0;
    const auto count = static_cast<size_t>(n);
    switch (type) {
    case TensorType::F32:
        std::memcpy(out, src, count * 4);
        return count * 4;
    case TensorType::F16:
        for (size_t i = 0; i < count; ++i)
            store_f16(out + 2 * i, src[i]);
        return count * 2;
    case TensorType::BF16:
        for (size_t i = 0; i < count; ++i) {
            const uint16_t h = f32_to_bf16(src[i]);
            std::memcpy(out + 2 * i, &h, 2);
        }
        return count * 2;
    default:
        break;
    }
    const BlockEncoding encoding = block_encoding(type);
    if (!encoding.encode || n % encoding.elements != 0)
        return 0;
    const int64_t block_count = n / encoding.elements;
    for (int64_t b = 0; b < block_count; ++b)
        encoding.encode(src + b * encoding.elements, out + b * encoding.bytes);
    return static_cast<size_t>(block_count * encoding.bytes);
}

} // namespace kurabe
