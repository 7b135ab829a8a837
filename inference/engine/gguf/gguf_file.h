// A GGUF file (versions 2 and 3), memory-mapped and fully validated when opened: every count,
// length, offset, type and shape is checked before use, so a truncated, corrupted or hostile
// file yields an Error naming the file and the field — never a crash, a hang or a giant
// allocation. Values and tensor data point into the mapping and live as long as the GgufFile.
#pragma once

#include "core/result.h"
#include "tensor/tensor_type.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kurabe {

// GGUF metadata value types, as numbered on disk.
enum class GgufType : uint32_t
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};

std::string_view gguf_type_name(GgufType type); // "uint32", "array", ...

// An array value: `count` elements of `element_type`, stored back to back in the file
// (strings as u64 length + bytes, so string arrays are walked, not indexed, on disk; the
// reader indexes them at open time).
class GgufArray
{
public:
    GgufType element_type() const { return element_type_; }
    uint64_t size() const { return count_; }

    // Typed element access; the index and type are the caller's to get right (checked by
    // assert in debug builds). Numeric getters convert from any integer/float element type.
    std::string_view string_at(uint64_t i) const;
    int64_t int_at(uint64_t i) const;
    uint64_t uint_at(uint64_t i) const;
    double float_at(uint64_t i) const;
    bool bool_at(uint64_t i) const;
    // Element i of an array of arrays (element_type() == Array); GGUF allows nesting, which the
    // reader accepts up to a small fixed depth.
    const GgufArray* array_at(uint64_t i) const;

    // Raw bytes of a fixed-size element array (not strings), e.g. to copy f32 scores at once.
    std::span<const uint8_t> raw() const { return raw_; }

private:
    friend class GgufReader;
    GgufType element_type_ = GgufType::UInt8;
    uint64_t count_ = 0;
    std::span<const uint8_t> raw_;          // fixed-size elements
    std::vector<std::string_view> strings_; // string elements, indexed at open time
    std::vector<const GgufArray*> arrays_;  // array elements (owned by the GgufFile)
};

struct GgufValue
{
    GgufType type = GgufType::UInt8;
    uint64_t u = 0;                   // UInt8..UInt64, Bool (0/1)
    int64_t i = 0;                    // Int8..Int64
    double f = 0;                     // Float32, Float64
    std::string_view s;               // String
    const GgufArray* array = nullptr; // Array
};

struct GgufEntry
{
    std::string_view key;
    GgufValue value;
};

struct GgufTensor
{
    std::string_view name;
    std::vector<uint64_t> shape; // ne[0] first: ne[0] is the contiguous (row) dimension
    TensorType type = TensorType::F32;
    uint64_t elements = 0;
    uint64_t bytes = 0;
    uint64_t offset = 0;           // from the start of the file
    const uint8_t* data = nullptr; // into the mapping
};

class GgufFile
{
public:
    // Maps and validates the file at `path`.
    static Result<std::unique_ptr<GgufFile>> open(const std::string& path);
    // Validates an in-memory image (tests, fuzzing); `name` is used in error messages.
    // The bytes must outlive the returned object.
    static Result<std::unique_ptr<GgufFile>> from_memory(std::span<const uint8_t> bytes,
                                                         std::string name);
    ~GgufFile();
    GgufFile(const GgufFile&) = delete;
    GgufFile& operator=(const GgufFile&) = delete;

    const std::string& path() const { return path_; }
    uint32_t version() const { return version_; }
    uint64_t file_size() const { return bytes_.size(); }
    uint64_t alignment() const { return alignment_; }

    const std::vector<GgufEntry>& metadata() const { return entries_; }
    const GgufValue* find(std::string_view key) const;

    // Typed look-ups: nothing when the key is absent or of an incompatible type.
    std::optional<uint64_t> get_uint(std::string_view key) const; // any non-negative integer
    std::optional<int64_t> get_int(std::string_view key) const;   // any integer
    std::optional<double> get_float(std::string_view key) const;  // float or integer
    std::optional<bool> get_bool(std::string_view key) const;
    std::optional<std::string_view> get_string(std::string_view key) const;
    const GgufArray* get_array(std::string_view key) const;

    const std::vector<GgufTensor>& tensors() const { return tensors_; }
    const GgufTensor* find_tensor(std::string_view name) const;

private:
    friend class GgufReader;
    GgufFile() = default;

    std::string path_;
    std::span<const uint8_t> bytes_; // the whole file
    void* mapping_ = nullptr;        // munmap on destruction when the file was mapped
    size_t mapping_size_ = 0;
    uint32_t version_ = 0;
    uint64_t alignment_ = 32;
    std::vector<std::unique_ptr<GgufArray>> arrays_;
    std::vector<GgufEntry> entries_;
    std::vector<GgufTensor> tensors_;
};

} // namespace kurabe
