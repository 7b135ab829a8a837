// The small regular-expression language that pre-tokenizers are written in (tokenizer.json's
// "Split" patterns), matched over Unicode code points with ECMAScript semantics: leftmost match,
// alternatives tried in order, greedy quantifiers that backtrack.
//
// Supported: literals (UTF-8), escapes (\s \S \r \n \t \\ and escaped punctuation), \p{L} \p{N}
// \p{P} (also inside classes), classes [...] / [^...] with ranges, groups (...) and (?:...),
// lookahead (?=...) (?!...), quantifiers ? * + {n} {n,} {n,m}, alternation |, the anchor $.
//
// Character classes follow llama.cpp's reading of these patterns, which the published test
// vectors were checked against: an ASCII character belongs to exactly one of letter (A-Za-z),
// number (0-9), punctuation (ASCII punctuation that Unicode files under P), whitespace
// (\t \n \v \f \r and space) or none; any other code point is whitespace if it has the
// White_Space property, else letter, number or punctuation by its general category.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace kurabe {

struct PatternNode;

class SplitPattern
{
public:
    static Result<SplitPattern> compile(std::string_view pattern);
    SplitPattern(SplitPattern&&) noexcept;
    SplitPattern& operator=(SplitPattern&&) noexcept;
    ~SplitPattern();

    // The first match in text[begin, end) at or after `from`, as [match_begin, match_end) code
    // point indices; false when there is none. Lookahead and $ see only up to `end`.
    bool find(std::span<const uint32_t> text, size_t from, size_t end, size_t& match_begin,
              size_t& match_end) const;

private:
    SplitPattern() = default;
    std::unique_ptr<PatternNode> root_;
};

} // namespace kurabe
