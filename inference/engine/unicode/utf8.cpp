#include "unicode/utf8.h"

namespace kurabe::unicode {

namespace {

bool is_continuation(uint8_t byte)
{
    return (byte & 0xC0) == 0x80;
}

// The bytes a well-formed sequence starting with `lead` has (0: never a lead byte), and the
// allowed range of its second byte (which rules out overlongs, surrogates and > U+10FFFF).
struct LeadInfo
{
    int length;
    uint8_t second_min;
    uint8_t second_max;
};

LeadInfo lead_info(uint8_t lead)
{
    if (lead < 0x80)
        return {1, 0, 0};
    if (lead < 0xC2)
        return {0, 0, 0};
    if (lead < 0xE0)
        return {2, 0x80, 0xBF};
    if (lead == 0xE0)
        return {3, 0xA0, 0xBF};
    if (lead == 0xED)
        return {3, 0x80, 0x9F};
    if (lead < 0xF0)
        return {3, 0x80, 0xBF};
    if (lead == 0xF0)
        return {4, 0x90, 0xBF};
    if (lead < 0xF4)
        return {4, 0x80, 0xBF};
    if (lead == 0xF4)
        return {4, 0x80, 0x8F};
    return {0, 0, 0};
}

// How many bytes from text[pos] belong to a valid (possibly incomplete) sequence prefix, and
// whether the sequence is complete.
size_t valid_prefix(std::string_view text, size_t pos, bool& complete)
{
    const auto lead = static_cast<uint8_t>(text[pos]);
    const LeadInfo info = lead_info(lead);
    complete = false;
    if (info.length == 0)
        return 0;
    if (info.length == 1) {
        complete = true;
        return 1;
    }
    size_t n = 1;
    while (n < static_cast<size_t>(info.length) && pos + n < text.size()) {
        const auto byte = static_cast<uint8_t>(text[pos + n]);
        const bool ok =
            n == 1 ? byte >= info.second_min && byte <= info.second_max : is_continuation(byte);
        if (!ok)
            return n;
        ++n;
    }
    complete = n == static_cast<size_t>(info.length);
    return n;
}

} // namespace

uint32_t decode_utf8(std::string_view text, size_t& pos)
{
    bool complete = false;
    const size_t n = valid_prefix(text, pos, complete);
    if (!complete) {
        pos += n == 0 ? 1 : n;
        return k_replacement_character;
    }
    const auto lead = static_cast<uint8_t>(text[pos]);
    uint32_t cp = n == 1 ? lead : n == 2 ? lead & 0x1F : n == 3 ? lead & 0x0F : lead & 0x07;
    for (size_t i = 1; i < n; ++i)
        cp = (cp << 6) | (static_cast<uint8_t>(text[pos + i]) & 0x3F);
    pos += n;
    return cp;
}

void append_utf8(std::string& out, uint32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = k_replacement_character;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

size_t complete_utf8_prefix(std::string_view text)
{
    size_t pos = 0;
    while (pos < text.size()) {
        bool complete = false;
        const size_t n = valid_prefix(text, pos, complete);
        if (!complete && n > 0 && pos + n == text.size())
            return pos; // a sequence that further bytes may still complete
        pos += n == 0 ? 1 : n;
    }
    return pos;
}

std::string to_valid_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t start = pos;
        const uint32_t cp = decode_utf8(text, pos);
        if (cp == k_replacement_character &&
            !(pos - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD"))
            append_utf8(out, cp);
        else
            out.append(text.substr(start, pos - start));
    }
    return out;
}

} // namespace kurabe::unicode
