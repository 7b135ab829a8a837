// Unicode character properties for the tokenizers: general-category flags, simple lower-casing
// and canonical decomposition (NFD), from tables generated at build time out of the Unicode
// Character Database (see unicode_tablegen.cpp). Code points above U+10FFFF have no properties.
#pragma once

#include "unicode/unicode_flags.h"

#include <cstdint>
#include <vector>

namespace kurabe::unicode {

uint16_t flags(uint32_t cp);    // unicode_flags.h bits; 0 for unassigned code points
uint32_t to_lower(uint32_t cp); // the simple lower-case mapping, or cp itself

// Appends the full canonical decomposition of cp (Hangul syllables included) to out.
void append_nfd(uint32_t cp, std::vector<uint32_t>& out);

} // namespace kurabe::unicode
