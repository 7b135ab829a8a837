// Tensor element types as GGUF numbers them (the ggml type ids), and their block layouts.
// Quantized types store blocks of `block_elements` values in `block_bytes` bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kurabe {

// Values are the GGUF on-disk ids: never renumber.
enum class TensorType : uint32_t
{
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
};

struct TensorTypeTraits
{
    std::string_view name;   // "Q4_K"
    uint32_t block_elements; // values per block (1 for plain types)
    uint32_t block_bytes;    // bytes per block
    bool supported;          // the engine can compute with it (dequantize, dot)
};

// Traits of a type id read from a file; nothing for ids GGUF does not define.
std::optional<TensorTypeTraits> tensor_type_traits(uint32_t type_id);

// Bytes for `elements` values of `type`, which must be a multiple of its block size;
// nothing on a bad type, a partial block, or overflow.
std::optional<uint64_t> tensor_bytes(TensorType type, uint64_t elements);

std::string_view tensor_type_name(TensorType type);

// The type the engine computes with whose name is `name` ("Q4_K"); nothing for unknown or
// unsupported names.
std::optional<TensorType> supported_tensor_type(std::string_view name);

} // namespace kurabe
