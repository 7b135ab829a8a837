#include "gguf/gguf_writer.h"

#include "tensor/quantize.h"

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace kurabe {

namespace {

[[noreturn]] void misuse(const std::string& message)
{
    std::fprintf(stderr, "GgufWriter misuse: %s\n", message.c_str());
    std::abort();
}

uint64_t element_count(const std::string& name, const std::vector<uint64_t>& shape)
{
    if (shape.empty() || shape.size() > 4)
        misuse("tensor " + name + " needs 1 to 4 dimensions");
    uint64_t elements = 1;
    for (uint64_t ne : shape)
        elements *= ne;
    return elements;
}

} // namespace

GgufBytes& GgufBytes::append(const void* data, size_t size)
{
    // resize + memcpy rather than insert: GCC 12 reports false overflows on small inserts.
    const size_t at = bytes_.size();
    bytes_.resize(at + size);
    if (size)
        std::memcpy(bytes_.data() + at, data, size);
    return *this;
}

GgufBytes& GgufBytes::string(std::string_view s)
{
    u64(s.size());
    return append(s.data(), s.size());
}

GgufBytes& GgufBytes::raw(std::span<const uint8_t> bytes)
{
    return append(bytes.data(), bytes.size());
}

GgufBytes& GgufBytes::pad_to(uint64_t alignment)
{
    while (bytes_.size() % alignment != 0)
        bytes_.push_back(0);
    return *this;
}

GgufWriter& GgufWriter::add_bool(std::string key, bool v)
{
    return add_raw(std::move(key), GgufType::Bool, {static_cast<uint8_t>(v ? 1 : 0)});
}

GgufWriter& GgufWriter::add_string(std::string key, std::string_view v)
{
    GgufBytes value;
    value.string(v);
    return add_raw(std::move(key), GgufType::String, value.take());
}

GgufWriter& GgufWriter::add_bool_array(std::string key, const std::vector<bool>& values)
{
    GgufBytes value;
    value.u32(static_cast<uint32_t>(GgufType::Bool)).u64(values.size());
    for (bool v : values)
        value.u8(v ? 1 : 0);
    return add_raw(std::move(key), GgufType::Array, value.take());
}

GgufWriter& GgufWriter::add_string_array(std::string key, const std::vector<std::string>& values)
{
    GgufBytes value;
    value.u32(static_cast<uint32_t>(GgufType::String)).u64(values.size());
    for (const std::string& v : values)
        value.string(v);
    return add_raw(std::move(key), GgufType::Array, value.take());
}

GgufWriter& GgufWriter::add_raw(std::string key, GgufType type, std::vector<uint8_t> encoded_value)
{
    entries_.push_back({std::move(key), type, std::move(encoded_value)});
    return *this;
}

GgufWriter& GgufWriter::set_alignment(uint32_t alignment)
{
    if (!std::has_single_bit(alignment))
        misuse("alignment " + std::to_string(alignment) + " is not a power of two");
    alignment_ = alignment;
    return add_uint32("general.alignment", alignment);
}

GgufWriter& GgufWriter::add_tensor(std::string name, std::vector<uint64_t> shape, TensorType type,
                                   std::vector<uint8_t> data)
{
    const auto expected = tensor_bytes(type, element_count(name, shape));
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    if (!expected || !traits || shape[0] % traits->block_elements != 0)
        misuse("tensor " + name + ": shape is not a whole number of blocks of its type");
    if (data.size() != *expected)
        misuse("tensor " + name + " has " + std::to_string(data.size()) +
               " bytes of data, its shape needs " + std::to_string(*expected));
    tensors_.push_back({std::move(name), std::move(shape), type, std::move(data)});
    return *this;
}

GgufWriter& GgufWriter::add_tensor_f32(std::string name, std::vector<uint64_t> shape,
                                       TensorType type, std::span<const float> values)
{
    const uint64_t elements = element_count(name, shape);
    if (values.size() != elements)
        misuse("tensor " + name + " has " + std::to_string(values.size()) +
               " values, its shape needs " + std::to_string(elements));
    const auto size = tensor_bytes(type, elements);
    if (!size)
        misuse("tensor " + name + ": shape is not a whole number of blocks of its type");
    std::vector<uint8_t> data(*size);
    // Blocks never straddle rows (ne[0] is a whole number of blocks), so the tensor can be
    // encoded as one long row.
    if (quantize_row(type, values.data(), data.data(), static_cast<int64_t>(elements)) != *size)
        misuse("tensor " + name + ": quantize_row cannot encode type " +
               std::string(tensor_type_name(type)));
    return add_tensor(std::move(name), std::move(shape), type, std::move(data));
}

std::vector<uint8_t> GgufWriter::bytes() const
{
    GgufWriter copy = *this;
    return copy.take_bytes();
}

std::vector<uint8_t> GgufWriter::take_bytes()
{
    GgufBytes out;
    out.raw(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("GGUF"), 4));
    out.u32(version_).u64(tensors_.size()).u64(entries_.size());
    for (const Entry& e : entries_) {
        out.string(e.key).u32(static_cast<uint32_t>(e.type));
        out.raw(e.value);
    }
    // Tensor data offsets are relative to the data section, each aligned.
    uint64_t offset = 0;
    for (const Tensor& t : tensors_) {
        out.string(t.name).u32(static_cast<uint32_t>(t.shape.size()));
        for (uint64_t ne : t.shape)
            out.u64(ne);
        out.u32(static_cast<uint32_t>(t.type)).u64(offset);
        offset += t.data.size();
        offset += (alignment_ - offset % alignment_) % alignment_;
    }
    out.pad_to(alignment_);
    out.reserve(out.size() + offset);
    for (Tensor& t : tensors_) {
        out.raw(t.data);
        out.pad_to(alignment_);
        std::vector<uint8_t>().swap(t.data); // free as we go
    }
    tensors_.clear();
    return out.take();
}

Result<void> GgufWriter::write(const std::string& path) const
{
    const std::vector<uint8_t> data = bytes();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data.data()),
               static_cast<std::streamsize>(data.size()));
    file.close();
    if (!file)
        return Error{path + ": cannot write the GGUF file"};
    return {};
}

} // namespace kurabe
