// UTF-8 decoding and encoding that never fails: text from users and models may hold invalid
// sequences, which decode as U+FFFD one byte at a time (so byte offsets still cover the input)
// and are replaced following Unicode's "maximal subpart" practice when text must be made valid.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kurabe::unicode {

constexpr uint32_t k_replacement_character = 0xFFFD;

// The byte length of the UTF-8 sequence a lead byte announces (1 for ASCII and for stray
// continuation bytes), judged from the lead byte alone: tokenizers split text into symbols
// with it, so that every input byte belongs to exactly one symbol.
constexpr size_t utf8_sequence_length(char lead)
{
    const auto high = static_cast<uint8_t>(lead) >> 4;
    return high < 0xC ? 1 : high < 0xE ? 2 : high == 0xE ? 3 : 4;
}

// Decodes the code point starting at text[pos] and advances pos past it. An invalid or truncated
// sequence yields U+FFFD and advances pos by the length of its maximal valid prefix (at least 1).
uint32_t decode_utf8(std::string_view text, size_t& pos);

// Appends the UTF-8 encoding of cp (U+FFFD for surrogates and values above U+10FFFF).
void append_utf8(std::string& out, uint32_t cp);

// The number of leading bytes of text that form complete UTF-8 sequences or definitely invalid
// bytes; what follows (at most 3 bytes) is the start of a sequence that more bytes may complete.
size_t complete_utf8_prefix(std::string_view text);

// text with every invalid sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

} // namespace kurabe::unicode
