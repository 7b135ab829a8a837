// The tables generated at build time from UnicodeData.txt by unicode_tablegen.cpp (the generated
// unicode_tables.cpp lives in the build directory). Read them through unicode/unicode.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kurabe::unicode {

struct CategoryRun
{
    uint32_t first; // first code point of a run of code points with equal flags
    uint16_t flags; // unicode_flags.h bits
};

struct CodepointPair
{
    uint32_t from;
    uint32_t to;
};

struct Decomposition
{
    uint32_t codepoint;
    uint32_t offset; // into k_decomposition_pool
    uint32_t length; // code points of the full canonical decomposition
};

extern const CategoryRun k_category_runs[]; // sorted by first; k_category_runs[0].first == 0
extern const size_t k_category_run_count;
extern const CodepointPair k_lowercase[]; // sorted by from
extern const size_t k_lowercase_count;
extern const Decomposition k_decompositions[]; // sorted by codepoint
extern const size_t k_decomposition_count;
extern const uint32_t k_decomposition_pool[];

} // namespace kurabe::unicode
