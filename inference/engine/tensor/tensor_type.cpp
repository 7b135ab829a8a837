#include "tensor/tensor_type.h"

#include <array>
#include <limits>

namespace kurabe {

namespace {

struct TypeEntry
{
    uint32_t id;
    TensorTypeTraits traits;
};

// Every type id GGUF files use (ggml's numbering; ids 4 and 5 were retired, 31-33 and 36-38
// were repacked layouts that never appear in files). Block sizes are the on-disk layouts:
// e.g. Q4_K holds 256 values in f16 d + f16 dmin + 12 bytes of scales + 128 bytes of nibbles.
constexpr std::array kTypes = {
    TypeEntry{0, {"F32", 1, 4, true}},          TypeEntry{1, {"F16", 1, 2, true}},
    TypeEntry{2, {"Q4_0", 32, 18, true}},       TypeEntry{3, {"Q4_1", 32, 20, true}},
    TypeEntry{6, {"Q5_0", 32, 22, true}},       TypeEntry{7, {"Q5_1", 32, 24, true}},
    TypeEntry{8, {"Q8_0", 32, 34, true}},       TypeEntry{9, {"Q8_1", 32, 36, false}},
    TypeEntry{10, {"Q2_K", 256, 84, true}},     TypeEntry{11, {"Q3_K", 256, 110, true}},
    TypeEntry{12, {"Q4_K", 256, 144, true}},    TypeEntry{13, {"Q5_K", 256, 176, true}},
    TypeEntry{14, {"Q6_K", 256, 210, true}},    TypeEntry{15, {"Q8_K", 256, 292, false}},
    TypeEntry{16, {"IQ2_XXS", 256, 66, false}}, TypeEntry{17, {"IQ2_XS", 256, 74, false}},
    TypeEntry{18, {"IQ3_XXS", 256, 98, false}}, TypeEntry{19, {"IQ1_S", 256, 50, false}},
    TypeEntry{20, {"IQ4_NL", 32, 18, true}},    TypeEntry{21, {"IQ3_S", 256, 110, false}},
    TypeEntry{22, {"IQ2_S", 256, 82, false}},   TypeEntry{23, {"IQ4_XS", 256, 136, true}},
    TypeEntry{24, {"I8", 1, 1, false}},         TypeEntry{25, {"I16", 1, 2, false}},
    TypeEntry{26, {"I32", 1, 4, false}},        TypeEntry{27, {"I64", 1, 8, false}},
    TypeEntry{28, {"F64", 1, 8, false}},        TypeEntry{29, {"IQ1_M", 256, 56, false}},
    TypeEntry{30, {"BF16", 1, 2, true}},        TypeEntry{34, {"TQ1_0", 256, 54, false}},
    TypeEntry{35, {"TQ2_0", 256, 66, false}},   TypeEntry{39, {"MXFP4", 32, 17, false}},
};

} // namespace

std::optional<TensorTypeTraits> tensor_type_traits(uint32_t type_id)
{
    for (const TypeEntry& entry : kTypes) {
        if (entry.id == type_id)
            return entry.traits;
    }
    return std::nullopt;
}

std::optional<uint64_t> tensor_bytes(TensorType type, uint64_t elements)
{
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    if (!traits || elements % traits->block_elements != 0)
        return std::nullopt;
    const uint64_t blocks = elements / traits->block_elements;
    if (blocks > std::numeric_limits<uint64_t>::max() / traits->block_bytes)
        return std::nullopt;
    return blocks * traits->block_bytes;
}

std::string_view tensor_type_name(TensorType type)
{
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    return traits ? traits->name : std::string_view("unknown");
}

std::optional<TensorType> supported_tensor_type(std::string_view name)
{
    for (uint32_t id = 0; id < 64; ++id) {
        const auto traits = tensor_type_traits(id);
        if (traits && traits->supported && traits->name == name)
            return static_cast<TensorType>(id);
    }
    return std::nullopt;
}

} // namespace kurabe
