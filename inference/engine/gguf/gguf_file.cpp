#include "gguf/gguf_file.h"

#include "gguf/gguf_reader.h"

#include <cassert>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kurabe {

namespace {

// Reads element i of a fixed-size array as T; T{} when it lies outside `raw` (a caller that
// got the element type wrong reads zeros, never past the array).
template <typename T>
T load(std::span<const uint8_t> raw, uint64_t i)
{
    T value{};
    if (i < raw.size() / sizeof(T))
        std::memcpy(&value, raw.data() + i * sizeof(T), sizeof(T));
    return value;
}

// Element i of a numeric array as a double, whatever its stored type (0 for strings/arrays).
double numeric_at(GgufType type, std::span<const uint8_t> raw, uint64_t i)
{
    switch (type) {
    case GgufType::UInt8:
    case GgufType::Bool:
        return load<uint8_t>(raw, i);
    case GgufType::Int8:
        return load<int8_t>(raw, i);
    case GgufType::UInt16:
        return load<uint16_t>(raw, i);
    case GgufType::Int16:
        return load<int16_t>(raw, i);
    case GgufType::UInt32:
        return load<uint32_t>(raw, i);
    case GgufType::Int32:
        return load<int32_t>(raw, i);
    case GgufType::Float32:
        return load<float>(raw, i);
    case GgufType::UInt64:
        return static_cast<double>(load<uint64_t>(raw, i));
    case GgufType::Int64:
        return static_cast<double>(load<int64_t>(raw, i));
    case GgufType::Float64:
        return load<double>(raw, i);
    case GgufType::String:
    case GgufType::Array:
        break;
    }
    return 0;
}

bool is_unsigned(GgufType type)
{
    return type == GgufType::UInt8 || type == GgufType::UInt16 || type == GgufType::UInt32 ||
           type == GgufType::UInt64;
}

bool is_signed(GgufType type)
{
    return type == GgufType::Int8 || type == GgufType::Int16 || type == GgufType::Int32 ||
           type == GgufType::Int64;
}

// A double converted to an integer type without undefined behaviour: NaN gives 0 and values
// out of range saturate.
template <typename T>
T saturate(double v)
{
    if (!(v == v))
        return 0;
    if (v <= static_cast<double>(std::numeric_limits<T>::min()))
        return std::numeric_limits<T>::min();
    if (v >= static_cast<double>(std::numeric_limits<T>::max()))
        return std::numeric_limits<T>::max();
    return static_cast<T>(v);
}

} // namespace

std::string_view gguf_type_name(GgufType type)
{
    switch (type) {
    case GgufType::UInt8:
        return "uint8";
    case GgufType::Int8:
        return "int8";
    case GgufType::UInt16:
        return "uint16";
    case GgufType::Int16:
        return "int16";
    case GgufType::UInt32:
        return "uint32";
    case GgufType::Int32:
        return "int32";
    case GgufType::Float32:
        return "float32";
    case GgufType::Bool:
        return "bool";
    case GgufType::String:
        return "string";
    case GgufType::Array:
        return "array";
    case GgufType::UInt64:
        return "uint64";
    case GgufType::Int64:
        return "int64";
    case GgufType::Float64:
        return "float64";
    }
    return "unknown";
}

// --- GgufArray ---------------------------------------------------------------------------

std::string_view GgufArray::string_at(uint64_t i) const
{
    assert(element_type_ == GgufType::String && i < strings_.size());
    return i < strings_.size() ? strings_[static_cast<size_t>(i)] : std::string_view();
}

int64_t GgufArray::int_at(uint64_t i) const
{
    assert(i < count_);
    if (i >= count_)
        return 0;
    if (element_type_ == GgufType::UInt64)
        return saturate<int64_t>(static_cast<double>(load<uint64_t>(raw_, i)));
    if (element_type_ == GgufType::Int64)
        return load<int64_t>(raw_, i);
    return saturate<int64_t>(numeric_at(element_type_, raw_, i));
}

uint64_t GgufArray::uint_at(uint64_t i) const
{
    assert(i < count_);
    if (i >= count_)
        return 0;
    if (element_type_ == GgufType::UInt64)
        return load<uint64_t>(raw_, i);
    return saturate<uint64_t>(numeric_at(element_type_, raw_, i));
}

double GgufArray::float_at(uint64_t i) const
{
    assert(i < count_);
    return i < count_ ? numeric_at(element_type_, raw_, i) : 0;
}

bool GgufArray::bool_at(uint64_t i) const
{
    assert(element_type_ == GgufType::Bool && i < count_);
    return i < count_ && numeric_at(element_type_, raw_, i) != 0;
}

const GgufArray* GgufArray::array_at(uint64_t i) const
{
    assert(element_type_ == GgufType::Array && i < arrays_.size());
    return i < arrays_.size() ? arrays_[static_cast<size_t>(i)] : nullptr;
}

// --- GgufFile ----------------------------------------------------------------------------

Result<std::unique_ptr<GgufFile>> GgufFile::open(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{path + ": cannot open: " + std::strerror(errno)};
    struct stat info;
    if (::fstat(fd, &info) != 0) {
        const int err = errno;
        ::close(fd);
        return Error{path + ": cannot read its size: " + std::strerror(err)};
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error{path + ": not a regular file"};
    }
    if (info.st_size == 0) {
        ::close(fd);
        return Error{path + ": the file is empty"};
    }
    const auto size = static_cast<size_t>(info.st_size);
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int map_errno = errno;
    ::close(fd); // the mapping keeps the file alive
    if (mapping == MAP_FAILED)
        return Error{path + ": cannot map it into memory: " + std::strerror(map_errno)};

    std::unique_ptr<GgufFile> file(new GgufFile());
    file->path_ = path;
    file->mapping_ = mapping;
    file->mapping_size_ = size;
    file->bytes_ = std::span<const uint8_t>(static_cast<const uint8_t*>(mapping), size);
    if (auto r = GgufReader::parse(*file); !r)
        return r.error();
    return file;
}

Result<std::unique_ptr<GgufFile>> GgufFile::from_memory(std::span<const uint8_t> bytes,
                                                        std::string name)
{
    std::unique_ptr<GgufFile> file(new GgufFile());
    file->path_ = std::move(name);
    file->bytes_ = bytes;
    if (auto r = GgufReader::parse(*file); !r)
        return r.error();
    return file;
}

GgufFile::~GgufFile()
{
    if (mapping_)
        ::munmap(mapping_, mapping_size_);
}

const GgufValue* GgufFile::find(std::string_view key) const
{
    for (const GgufEntry& entry : entries_) {
        if (entry.key == key)
            return &entry.value;
    }
    return nullptr;
}

std::optional<uint64_t> GgufFile::get_uint(std::string_view key) const
{
    const GgufValue* v = find(key);
    if (v && is_unsigned(v->type))
        return v->u;
    if (v && is_signed(v->type) && v->i >= 0)
        return static_cast<uint64_t>(v->i);
    return std::nullopt;
}

std::optional<int64_t> GgufFile::get_int(std::string_view key) const
{
    const GgufValue* v = find(key);
    if (v && is_signed(v->type))
        return v->i;
    if (v && is_unsigned(v->type) &&
        v->u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return static_cast<int64_t>(v->u);
    return std::nullopt;
}

std::optional<double> GgufFile::get_float(std::string_view key) const
{
    const GgufValue* v = find(key);
    if (!v)
        return std::nullopt;
    if (v->type == GgufType::Float32 || v->type == GgufType::Float64)
        return v->f;
    if (is_signed(v->type))
        return static_cast<double>(v->i);
    if (is_unsigned(v->type))
        return static_cast<double>(v->u);
    return std::nullopt;
}

std::optional<bool> GgufFile::get_bool(std::string_view key) const
{
    const GgufValue* v = find(key);
    if (v && v->type == GgufType::Bool)
        return v->u != 0;
    return std::nullopt;
}

std::optional<std::string_view> GgufFile::get_string(std::string_view key) const
{
    const GgufValue* v = find(key);
    if (v && v->type == GgufType::String)
        return v->s;
    return std::nullopt;
}

const GgufArray* GgufFile::get_array(std::string_view key) const
{
    const GgufValue* v = find(key);
    return v && v->type == GgufType::Array ? v->array : nullptr;
}

const GgufTensor* GgufFile::find_tensor(std::string_view name) const
{
    for (const GgufTensor& tensor : tensors_) {
        if (tensor.name == name)
            return &tensor;
    }
    return nullptr;
}

} // namespace kurabe
