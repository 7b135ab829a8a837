// GPT-2's byte-level alphabet: byte-level BPE vocabularies spell every byte as one printable
// code point (printable ASCII and Latin-1 stand for themselves; the other 68 bytes map to
// U+0100 onwards, so a space is "Ġ" U+0120 and a newline "Ċ" U+010A).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kurabe {

// Appends the byte-level spelling of raw bytes (UTF-8 of one code point per byte).
void append_byte_encoded(std::string& out, std::string_view bytes);

// The raw bytes that a byte-level spelling stands for; code points outside the alphabet are
// copied through as their UTF-8.
std::string byte_decoded(std::string_view encoded);

} // namespace kurabe
