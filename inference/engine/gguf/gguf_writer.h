// Builds GGUF files (tests, fuzz seeds, synthetic benchmark models): metadata of every type (arrays
// included) and tensors of any type, given as raw block bytes or as f32 values quantized with
// quantize_row. Produces the file image in memory or writes it to a path.
//
//     kurabe::GgufWriter w;
//     w.add_string("general.architecture", "llama");
//     w.add_uint32("llama.block_count", 2);
//     w.add_array<float>("tokenizer.ggml.scores", scores);
//     w.add_string_array("tokenizer.ggml.tokens", tokens);
//     w.add_tensor_f32("token_embd.weight", {64, 512}, kurabe::TensorType::Q8_0, values);
//     auto file = kurabe::GgufFile::from_memory(w.bytes(), "tiny.gguf");
//
// Misuse (a shape that does not match the data, a row length that is not a whole number of
// blocks) is a bug in the test, so it aborts with a message rather than returning an error.
#pragma once

#include "core/result.h"
#include "gguf/gguf_file.h"
#include "tensor/tensor_type.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kurabe {

// GGUF's little-endian encodings appended to a byte vector. The writer is made of these; tests
// use them directly to hand-build malformed files field by field.
class GgufBytes
{
public:
    GgufBytes& u8(uint8_t v) { return put(v); }
    GgufBytes& i8(int8_t v) { return put(v); }
    GgufBytes& u16(uint16_t v) { return put(v); }
    GgufBytes& i16(int16_t v) { return put(v); }
    GgufBytes& u32(uint32_t v) { return put(v); }
    GgufBytes& i32(int32_t v) { return put(v); }
    GgufBytes& u64(uint64_t v) { return put(v); }
    GgufBytes& i64(int64_t v) { return put(v); }
    GgufBytes& f32(float v) { return put(v); }
    GgufBytes& f64(double v) { return put(v); }
    GgufBytes& string(std::string_view s); // u64 length, then the bytes
    GgufBytes& raw(std::span<const uint8_t> bytes);
    GgufBytes& pad_to(uint64_t alignment); // zero bytes up to the next multiple
    void reserve(size_t bytes) { bytes_.reserve(bytes); }

    size_t size() const { return bytes_.size(); }
    const std::vector<uint8_t>& bytes() const { return bytes_; }
    std::vector<uint8_t> take() { return std::move(bytes_); }

    // Any trivially copyable value, little-endian (the engine only runs on little-endian hosts).
    template <typename T>
    GgufBytes& put(T v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        return append(&v, sizeof(T));
    }

private:
    GgufBytes& append(const void* data, size_t size);

    std::vector<uint8_t> bytes_;
};

// The GGUF metadata type of a C++ element type, for add_array<T>.
template <typename T>
constexpr GgufType gguf_type_of();

class GgufWriter
{
public:
    explicit GgufWriter(uint32_t version = 3) : version_(version) {}

    // Scalars; keys keep the order they are added in.
    GgufWriter& add_uint8(std::string key, uint8_t v)
    {
        return add_scalar(std::move(key), GgufType::UInt8, v);
    }
    GgufWriter& add_int8(std::string key, int8_t v)
    {
        return add_scalar(std::move(key), GgufType::Int8, v);
    }
    GgufWriter& add_uint16(std::string key, uint16_t v)
    {
        return add_scalar(std::move(key), GgufType::UInt16, v);
    }
    GgufWriter& add_int16(std::string key, int16_t v)
    {
        return add_scalar(std::move(key), GgufType::Int16, v);
    }
    GgufWriter& add_uint32(std::string key, uint32_t v)
    {
        return add_scalar(std::move(key), GgufType::UInt32, v);
    }
    GgufWriter& add_int32(std::string key, int32_t v)
    {
        return add_scalar(std::move(key), GgufType::Int32, v);
    }
    GgufWriter& add_uint64(std::string key, uint64_t v)
    {
        return add_scalar(std::move(key), GgufType::UInt64, v);
    }
    GgufWriter& add_int64(std::string key, int64_t v)
    {
        return add_scalar(std::move(key), GgufType::Int64, v);
    }
    GgufWriter& add_float32(std::string key, float v)
    {
        return add_scalar(std::move(key), GgufType::Float32, v);
    }
    GgufWriter& add_float64(std::string key, double v)
    {
        return add_scalar(std::move(key), GgufType::Float64, v);
    }
    GgufWriter& add_bool(std::string key, bool v);
    GgufWriter& add_string(std::string key, std::string_view v);

    // Arrays: of numbers (T = uint8_t .. double), of bools, of strings.
    template <typename T>
    GgufWriter& add_array(std::string key, std::span<const T> values)
    {
        GgufBytes value;
        value.u32(static_cast<uint32_t>(gguf_type_of<T>())).u64(values.size());
        for (const T& v : values)
            value.put(v);
        return add_raw(std::move(key), GgufType::Array, value.take());
    }
    template <typename T>
    GgufWriter& add_array(std::string key, const std::vector<T>& values)
    {
        return add_array(std::move(key), std::span<const T>(values));
    }
    GgufWriter& add_bool_array(std::string key, const std::vector<bool>& values);
    GgufWriter& add_string_array(std::string key, const std::vector<std::string>& values);

    // A value already encoded (its bytes after the type field): nested arrays, or deliberately
    // odd values in tests.
    GgufWriter& add_raw(std::string key, GgufType type, std::vector<uint8_t> encoded_value);

    // Sets the data alignment (a power of two) and records it as general.alignment (uint32).
    GgufWriter& set_alignment(uint32_t alignment);

    // A tensor from its stored bytes: `shape` is ne[0] first (ne[0] = row length); `data`
    // must be exactly tensor_bytes(type, elements) long.
    GgufWriter& add_tensor(std::string name, std::vector<uint64_t> shape, TensorType type,
                           std::vector<uint8_t> data);
    // A tensor from f32 values (elements in row-major order, ne[0] fastest), encoded to `type`
    // with quantize_row.
    GgufWriter& add_tensor_f32(std::string name, std::vector<uint64_t> shape, TensorType type,
                               std::span<const float> values);

    // The whole file image: header, metadata, tensor table, padding, tensor data.
    std::vector<uint8_t> bytes() const;
    // The same image, built by moving the tensor data out (the writer is left without tensors):
    // peak memory stays near one copy of the weights, for multi-gigabyte synthetic models.
    std::vector<uint8_t> take_bytes();
    // Writes bytes() to `path`.
    Result<void> write(const std::string& path) const;

private:
    struct Entry
    {
        std::string key;
        GgufType type;
        std::vector<uint8_t> value;
    };
    struct Tensor
    {
        std::string name;
        std::vector<uint64_t> shape;
        TensorType type;
        std::vector<uint8_t> data;
    };

    template <typename T>
    GgufWriter& add_scalar(std::string key, GgufType type, T v)
    {
        GgufBytes value;
        value.put(v);
        return add_raw(std::move(key), type, value.take());
    }

    uint32_t version_;
    uint32_t alignment_ = 32;
    std::vector<Entry> entries_;
    std::vector<Tensor> tensors_;
};

template <typename T>
constexpr GgufType gguf_type_of()
{
    if constexpr (std::is_same_v<T, uint8_t>)
        return GgufType::UInt8;
    else if constexpr (std::is_same_v<T, int8_t>)
        return GgufType::Int8;
    else if constexpr (std::is_same_v<T, uint16_t>)
        return GgufType::UInt16;
    else if constexpr (std::is_same_v<T, int16_t>)
        return GgufType::Int16;
    else if constexpr (std::is_same_v<T, uint32_t>)
        return GgufType::UInt32;
    else if constexpr (std::is_same_v<T, int32_t>)
        return GgufType::Int32;
    else if constexpr (std::is_same_v<T, uint64_t>)
        return GgufType::UInt64;
    else if constexpr (std::is_same_v<T, int64_t>)
        return GgufType::Int64;
    else if constexpr (std::is_same_v<T, float>)
        return GgufType::Float32;
    else {
        static_assert(std::is_same_v<T, double>, "no GGUF array type for this element type");
        return GgufType::Float64;
    }
}

} // namespace kurabe
