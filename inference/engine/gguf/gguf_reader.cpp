#include "gguf/gguf_reader.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace kurabe {

namespace {

constexpr uint32_t kMaxDims = 4;       // GGML_MAX_DIMS
constexpr int kMaxArrayDepth = 4;      // arrays of arrays, nested at most this deep
constexpr size_t kMaxArrays = 1 << 20; // array values in one file (each costs an object)
constexpr uint64_t kMinKvBytes = 13;   // key length (8) + type (4) + smallest value (1)
// name length (8) + n_dims (4) + ne[0] (8) + type (4) + offset (8)
constexpr uint64_t kMinTensorBytes = 32;

// Bytes of one value of a fixed-size type; 0 for String and Array, which vary.
uint64_t fixed_size(GgufType type)
{
    switch (type) {
    case GgufType::UInt8:
    case GgufType::Int8:
    case GgufType::Bool:
        return 1;
    case GgufType::UInt16:
    case GgufType::Int16:
        return 2;
    case GgufType::UInt32:
    case GgufType::Int32:
    case GgufType::Float32:
        return 4;
    case GgufType::UInt64:
    case GgufType::Int64:
    case GgufType::Float64:
        return 8;
    case GgufType::String:
    case GgufType::Array:
        return 0;
    }
    return 0;
}

bool known_type(uint32_t type)
{
    return type <= static_cast<uint32_t>(GgufType::Float64);
}

// Smallest encoding of one element of `type` inside an array: fixed size, a string's u64
// length, or a nested array's u32 type + u64 count.
uint64_t min_element_size(GgufType type)
{
    if (type == GgufType::String)
        return 8;
    if (type == GgufType::Array)
        return 12;
    return fixed_size(type);
}

// Decodes a fixed-size scalar at `p` into the field of `value` its type uses.
void decode_scalar(GgufType type, const uint8_t* p, GgufValue& value)
{
    switch (type) {
    case GgufType::UInt8:
        value.u = p[0];
        break;
    case GgufType::Bool:
        value.u = p[0] != 0 ? 1 : 0;
        break;
    case GgufType::Int8:
        value.i = static_cast<int8_t>(p[0]);
        break;
    case GgufType::UInt16: {
        uint16_t v;
        std::memcpy(&v, p, 2);
        value.u = v;
        break;
    }
    case GgufType::Int16: {
        int16_t v;
        std::memcpy(&v, p, 2);
        value.i = v;
        break;
    }
    case GgufType::UInt32: {
        uint32_t v;
        std::memcpy(&v, p, 4);
        value.u = v;
        break;
    }
    case GgufType::Int32: {
        int32_t v;
        std::memcpy(&v, p, 4);
        value.i = v;
        break;
    }
    case GgufType::Float32: {
        float v;
        std::memcpy(&v, p, 4);
        value.f = v;
        break;
    }
    case GgufType::UInt64:
        std::memcpy(&value.u, p, 8);
        break;
    case GgufType::Int64:
        std::memcpy(&value.i, p, 8);
        break;
    case GgufType::Float64:
        std::memcpy(&value.f, p, 8);
        break;
    case GgufType::String:
    case GgufType::Array:
        break;
    }
}

} // namespace

std::string gguf_quote(std::string_view text)
{
    constexpr size_t kMaxShown = 80;
    // Plain identifiers (blk.3.attn_q.weight) are shown as they are; anything else quoted.
    const bool plain = !text.empty() && text.size() <= kMaxShown &&
                       std::all_of(text.begin(), text.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                       });
    if (plain)
        return std::string(text);
    std::string out = "'";
    for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
            out += static_cast<char>(c);
        } else {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out += text.size() > kMaxShown ? "'..." : "'";
    return out;
}

Error GgufReader::fail(const std::string& problem) const
{
    return Error{file_.path_ + ": " + problem};
}

Error GgufReader::truncated(const std::string& field) const
{
    return fail(field + " runs past the end of the file (at byte " + std::to_string(pos_) + " of " +
                std::to_string(file_.bytes_.size()) + "); the file is truncated or corrupt");
}

bool GgufReader::take(uint64_t size, const uint8_t*& at)
{
    if (size > bytes_left())
        return false;
    at = file_.bytes_.data() + pos_;
    pos_ += size;
    return true;
}

bool GgufReader::read_u32(uint32_t& value)
{
    const uint8_t* at = nullptr;
    if (!take(4, at))
        return false;
    std::memcpy(&value, at, 4);
    return true;
}

bool GgufReader::read_u64(uint64_t& value)
{
    const uint8_t* at = nullptr;
    if (!take(8, at))
        return false;
    std::memcpy(&value, at, 8);
    return true;
}

Result<void> GgufReader::read_string(std::string_view& value, const std::string& field)
{
    uint64_t length;
    if (!read_u64(length))
        return truncated(field + " (string length)");
    if (length > bytes_left())
        return fail(field + " has a string length of " + std::to_string(length) +
                    " bytes, but only " + std::to_string(bytes_left()) +
                    " bytes are left in the file");
    const uint8_t* at = nullptr;
    take(length, at);
    value = std::string_view(reinterpret_cast<const char*>(at), static_cast<size_t>(length));
    return {};
}

Result<void> GgufReader::parse(GgufFile& file)
{
    GgufReader reader(file);
    uint64_t tensor_count = 0, kv_count = 0;
    if (auto r = reader.read_header(tensor_count, kv_count); !r)
        return r;
    if (auto r = reader.read_metadata(kv_count); !r)
        return r;
    if (auto r = reader.read_alignment(); !r)
        return r;
    if (auto r = reader.read_tensor_infos(tensor_count); !r)
        return r;
    return reader.place_tensors();
}

Result<void> GgufReader::read_header(uint64_t& tensor_count, uint64_t& kv_count)
{
    const uint8_t* magic = nullptr;
    if (!take(4, magic))
        return fail("too small to be a GGUF file (" + std::to_string(file_.bytes_.size()) +
                    " bytes)");
    if (std::memcmp(magic, "GGUF", 4) != 0)
        return fail("not a GGUF file (it starts with " +
                    gguf_quote(std::string_view(reinterpret_cast<const char*>(magic), 4)) +
                    ", expected the magic 'GGUF')");
    uint32_t version;
    if (!read_u32(version))
        return truncated("the GGUF version");
    if (version == 1)
        return fail(
            "GGUF version 1 is not supported (only versions 2 and 3 are); convert the model "
            "again with a current llama.cpp");
    if (version == 0x02000000u || version == 0x03000000u)
        return fail("the file is a big-endian GGUF file; only little-endian files are supported");
    if (version != 2 && version != 3)
        return fail("unsupported GGUF version " + std::to_string(version) +
                    " (only versions 2 and 3 are supported)");
    file_.version_ = version;
    if (!read_u64(tensor_count))
        return truncated("the tensor count");
    if (!read_u64(kv_count))
        return truncated("the metadata entry count");
    // Each entry needs some bytes, so counts larger than the file can hold are lies: refuse
    // them before reserving anything for them.
    if (kv_count > bytes_left() / kMinKvBytes)
        return fail("the header declares " + std::to_string(kv_count) +
                    " metadata entries, but the " + std::to_string(bytes_left()) +
                    " bytes left cannot hold that many");
    if (tensor_count > (bytes_left() - kv_count * kMinKvBytes) / kMinTensorBytes)
        return fail("the header declares " + std::to_string(tensor_count) + " tensors, but the " +
                    std::to_string(bytes_left()) + " bytes left cannot hold that many");
    return {};
}

Result<void> GgufReader::read_metadata(uint64_t kv_count)
{
    file_.entries_.reserve(static_cast<size_t>(kv_count));
    std::unordered_set<std::string_view> keys;
    for (uint64_t k = 0; k < kv_count; ++k) {
        const std::string entry = "metadata entry " + std::to_string(k);
        GgufEntry e;
        if (auto r = read_string(e.key, entry + " (key)"); !r)
            return r;
        const std::string field = "metadata key " + gguf_quote(e.key);
        if (e.key.empty())
            return fail(entry + " has an empty key");
        if (!keys.insert(e.key).second)
            return fail(field + " appears more than once");
        uint32_t type;
        if (!read_u32(type))
            return truncated(field + " (value type)");
        if (!known_type(type))
            return fail(field + " has value type " + std::to_string(type) +
                        ", which is not a known GGUF metadata type");
        if (auto r = read_value(static_cast<GgufType>(type), e.value, field, 0); !r)
            return r;
        file_.entries_.push_back(e);
    }
    return {};
}

Result<void> GgufReader::read_value(GgufType type, GgufValue& value, const std::string& field,
                                    int depth)
{
    value.type = type;
    if (type == GgufType::String)
        return read_string(value.s, field);
    if (type == GgufType::Array) {
        if (file_.arrays_.size() >= kMaxArrays)
            return fail(field + ": the file holds more than " + std::to_string(kMaxArrays) +
                        " arrays, which this reader does not accept");
        file_.arrays_.push_back(std::unique_ptr<GgufArray>(new GgufArray()));
        GgufArray& array = *file_.arrays_.back();
        value.array = &array;
        return read_array(array, field, depth + 1);
    }
    const uint8_t* at = nullptr;
    if (!take(fixed_size(type), at))
        return truncated(field + " (" + std::string(gguf_type_name(type)) + " value)");
    decode_scalar(type, at, value);
    return {};
}

Result<void> GgufReader::read_array(GgufArray& array, const std::string& field, int depth)
{
    if (depth > kMaxArrayDepth)
        return fail(field + " nests arrays more than " + std::to_string(kMaxArrayDepth) +
                    " deep, which this reader does not accept");
    uint32_t type;
    if (!read_u32(type))
        return truncated(field + " (array element type)");
    if (!known_type(type))
        return fail(field + " is an array of value type " + std::to_string(type) +
                    ", which is not a known GGUF metadata type");
    const auto element_type = static_cast<GgufType>(type);
    uint64_t count;
    if (!read_u64(count))
        return truncated(field + " (array length)");
    if (count > bytes_left() / min_element_size(element_type))
        return fail(field + " declares " + std::to_string(count) + " " +
                    std::string(gguf_type_name(element_type)) + " elements, but only " +
                    std::to_string(bytes_left()) + " bytes are left in the file");
    array.element_type_ = element_type;
    array.count_ = count;
    if (element_type == GgufType::String) {
        array.strings_.reserve(static_cast<size_t>(count));
        for (uint64_t i = 0; i < count; ++i) {
            std::string_view s;
            if (auto r = read_string(s, field + " element " + std::to_string(i)); !r)
                return r;
            array.strings_.push_back(s);
        }
    } else if (element_type == GgufType::Array) {
        array.arrays_.reserve(static_cast<size_t>(count));
        for (uint64_t i = 0; i < count; ++i) {
            GgufValue element;
            if (auto r = read_value(GgufType::Array, element,
                                    field + " element " + std::to_string(i), depth);
                !r)
                return r;
            array.arrays_.push_back(element.array);
        }
    } else {
        const uint64_t size = count * fixed_size(element_type);
        const uint8_t* at = nullptr;
        take(size, at); // checked above: count * size <= bytes_left()
        array.raw_ = std::span<const uint8_t>(at, static_cast<size_t>(size));
    }
    return {};
}

Result<void> GgufReader::read_alignment()
{
    const GgufValue* value = file_.find("general.alignment");
    if (!value)
        return {};
    if (value->type != GgufType::UInt32)
        return fail("metadata key general.alignment has type " +
                    std::string(gguf_type_name(value->type)) + ", expected uint32");
    if (value->u == 0 || !std::has_single_bit(value->u))
        return fail("metadata key general.alignment is " + std::to_string(value->u) +
                    ", which is not a power of two");
    file_.alignment_ = value->u;
    return {};
}

Result<void> GgufReader::read_tensor_infos(uint64_t tensor_count)
{
    file_.tensors_.reserve(static_cast<size_t>(tensor_count));
    std::unordered_set<std::string_view> names;
    for (uint64_t t = 0; t < tensor_count; ++t) {
        GgufTensor tensor;
        if (auto r = read_tensor_info(tensor, t); !r)
            return r;
        if (!names.insert(tensor.name).second)
            return fail("tensor " + gguf_quote(tensor.name) + " appears more than once");
        file_.tensors_.push_back(std::move(tensor));
    }
    return {};
}

Result<void> GgufReader::read_tensor_info(GgufTensor& tensor, uint64_t index)
{
    if (auto r = read_string(tensor.name, "tensor " + std::to_string(index) + " (name)"); !r)
        return r;
    if (tensor.name.empty())
        return fail("tensor " + std::to_string(index) + " has an empty name");
    const std::string field = "tensor " + gguf_quote(tensor.name);
    uint32_t n_dims;
    if (!read_u32(n_dims))
        return truncated(field + " (number of dimensions)");
    if (n_dims == 0 || n_dims > kMaxDims)
        return fail(field + " has " + std::to_string(n_dims) + " dimensions; 1 to " +
                    std::to_string(kMaxDims) + " are allowed");
    tensor.shape.resize(n_dims);
    uint64_t elements = 1;
    for (uint32_t d = 0; d < n_dims; ++d) {
        if (!read_u64(tensor.shape[d]))
            return truncated(field + " (dimension " + std::to_string(d) + ")");
        const uint64_t ne = tensor.shape[d];
        if (ne == 0)
            return fail(field + " has a zero-sized dimension " + std::to_string(d));
        // ggml counts elements in int64_t: the product must fit.
        if (elements > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / ne)
            return fail(field + " has a shape whose element count overflows 64 bits");
        elements *= ne;
    }
    tensor.elements = elements;
    uint32_t type;
    if (!read_u32(type))
        return truncated(field + " (type)");
    const auto traits = tensor_type_traits(type);
    if (!traits)
        return fail(field + " has type " + std::to_string(type) +
                    ", which is not a known GGUF tensor type");
    tensor.type = static_cast<TensorType>(type);
    if (tensor.shape[0] % traits->block_elements != 0)
        return fail(field + " has " + std::to_string(tensor.shape[0]) +
                    " values per row, which is not a multiple of " +
                    std::to_string(traits->block_elements) + " (the block size of " +
                    std::string(traits->name) + ")");
    const auto bytes = tensor_bytes(tensor.type, elements);
    if (!bytes)
        return fail(field + " is too large: its size in bytes overflows 64 bits");
    tensor.bytes = *bytes;
    if (!read_u64(tensor.offset))
        return truncated(field + " (data offset)");
    return {};
}

Result<void> GgufReader::place_tensors()
{
    // The data section starts at the next multiple of the alignment after the tensor table.
    const uint64_t alignment = file_.alignment_;
    const uint64_t size = file_.bytes_.size();
    const uint64_t data_start = pos_ + (alignment - pos_ % alignment) % alignment;
    for (GgufTensor& tensor : file_.tensors_) {
        const std::string field = "tensor " + gguf_quote(tensor.name);
        if (tensor.offset % alignment != 0)
            return fail(field + " has data offset " + std::to_string(tensor.offset) +
                        ", which is not a multiple of the alignment " + std::to_string(alignment));
        if (data_start > size || tensor.offset > size - data_start ||
            tensor.bytes > size - data_start - tensor.offset)
            return fail(field + " has data at bytes " + std::to_string(tensor.offset) + " + " +
                        std::to_string(tensor.bytes) +
                        " of the data section (which starts at byte " + std::to_string(data_start) +
                        "), past the end of the file (" + std::to_string(size) +
                        " bytes); the file is truncated or corrupt");
        tensor.offset += data_start;
        tensor.data = file_.bytes_.data() + tensor.offset;
    }
    return {};
}

} // namespace kurabe
