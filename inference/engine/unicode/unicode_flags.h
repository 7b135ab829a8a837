// Per-code-point property bits, derived from the Unicode general category (UnicodeData.txt) plus
// the White_Space property. Shared by the build-time table generator and the engine.
#pragma once

#include <cstdint>

namespace kurabe::unicode {

constexpr uint16_t k_letter = 1 << 0;          // L*
constexpr uint16_t k_number = 1 << 1;          // N*
constexpr uint16_t k_punctuation = 1 << 2;     // P*
constexpr uint16_t k_symbol = 1 << 3;          // S*
constexpr uint16_t k_mark = 1 << 4;            // M*
constexpr uint16_t k_separator = 1 << 5;       // Z*
constexpr uint16_t k_control = 1 << 6;         // C* (Cc, Cf, Cs, Co)
constexpr uint16_t k_whitespace = 1 << 7;      // White_Space: Z*, U+0009..U+000D, U+0085
constexpr uint16_t k_nonspacing_mark = 1 << 8; // Mn (what BERT's accent stripping removes)

} // namespace kurabe::unicode
