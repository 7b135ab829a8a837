#include "unicode/unicode.h"

#include "unicode/unicode_tables.h"

#include <algorithm>

namespace kurabe::unicode {

namespace {

// Hangul syllables decompose algorithmically (Unicode chapter 3.12), not through UnicodeData.
constexpr uint32_t k_hangul_first = 0xAC00;
constexpr uint32_t k_hangul_count = 11172;
constexpr uint32_t k_jamo_l_first = 0x1100;
constexpr uint32_t k_jamo_v_first = 0x1161;
constexpr uint32_t k_jamo_t_first = 0x11A7;
constexpr uint32_t k_jamo_v_count = 21;
constexpr uint32_t k_jamo_t_count = 28;

} // namespace

uint16_t flags(uint32_t cp)
{
    if (cp > 0x10FFFF)
        return 0;
    const CategoryRun* end = k_category_runs + k_category_run_count;
    const CategoryRun* it =
        std::upper_bound(k_category_runs, end, cp,
                         [](uint32_t value, const CategoryRun& run) { return value < run.first; });
    return (it - 1)->flags;
}

uint32_t to_lower(uint32_t cp)
{
    const CodepointPair* end = k_lowercase + k_lowercase_count;
    const CodepointPair* it =
        std::lower_bound(k_lowercase, end, cp, [](const CodepointPair& pair, uint32_t value) {
            return pair.from < value;
        });
    return it != end && it->from == cp ? it->to : cp;
}

void append_nfd(uint32_t cp, std::vector<uint32_t>& out)
{
    if (cp >= k_hangul_first && cp < k_hangul_first + k_hangul_count) {
        const uint32_t index = cp - k_hangul_first;
        out.push_back(k_jamo_l_first + index / (k_jamo_v_count * k_jamo_t_count));
        out.push_back(k_jamo_v_first +
                      (index % (k_jamo_v_count * k_jamo_t_count)) / k_jamo_t_count);
        if (index % k_jamo_t_count != 0)
            out.push_back(k_jamo_t_first + index % k_jamo_t_count);
        return;
    }
    const Decomposition* end = k_decompositions + k_decomposition_count;
    const Decomposition* it =
        std::lower_bound(k_decompositions, end, cp, [](const Decomposition& d, uint32_t value) {
            return d.codepoint < value;
        });
    if (it == end || it->codepoint != cp) {
        out.push_back(cp);
        return;
    }
    out.insert(out.end(), k_decomposition_pool + it->offset,
               k_decomposition_pool + it->offset + it->length);
}

} // namespace kurabe::unicode
