// Private to gguf/: parses and validates a GGUF image (the bytes of a GgufFile) into its
// metadata entries and tensor table. Every read is bounds-checked against the bytes left, and
// every count is checked against the bytes it needs before anything is reserved for it.
#pragma once

#include "core/result.h"
#include "gguf/gguf_file.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace kurabe {

class GgufReader
{
public:
    // Fills `file` (whose path_ and bytes_ are set) from its bytes, or says what is wrong.
    static Result<void> parse(GgufFile& file);

private:
    explicit GgufReader(GgufFile& file) : file_(file) {}

    Result<void> read_header(uint64_t& tensor_count, uint64_t& kv_count);
    Result<void> read_metadata(uint64_t kv_count);
    Result<void> read_value(GgufType type, GgufValue& value, const std::string& field, int depth);
    Result<void> read_array(GgufArray& array, const std::string& field, int depth);
    Result<void> read_alignment();
    Result<void> read_tensor_infos(uint64_t tensor_count);
    Result<void> read_tensor_info(GgufTensor& tensor, uint64_t index);
    Result<void> place_tensors();

    // Bounds-checked little-endian reads at pos_; false when the bytes run out.
    bool take(uint64_t size, const uint8_t*& at);
    bool read_u32(uint32_t& value);
    bool read_u64(uint64_t& value);
    Result<void> read_string(std::string_view& value, const std::string& field);

    uint64_t bytes_left() const { return file_.bytes_.size() - pos_; }
    Error fail(const std::string& problem) const;
    Error truncated(const std::string& field) const;

    GgufFile& file_;
    uint64_t pos_ = 0;
};

// A byte string as it may appear in an error message: plain identifiers as they are, anything
// else quoted, cut to a readable length, with control and non-ASCII bytes escaped (names in a
// hostile file can be anything).
std::string gguf_quote(std::string_view text);

} // namespace kurabe
