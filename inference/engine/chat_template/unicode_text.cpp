#include "chat_template/unicode_text.h"

namespace kurabe::chat_template::text {
namespace {

struct CaseRange
{
    char32_t lower_first;
    char32_t lower_last;
    char32_t upper_first;
};

// Simple one-to-one case pairs: ASCII, Latin-1, Greek, Cyrillic, fullwidth Latin.
constexpr CaseRange case_ranges[] = {
    {U'a', U'z', U'A'},       {0x00E0, 0x00F6, 0x00C0}, {0x00F8, 0x00FE, 0x00D8},
    {0x03B1, 0x03C1, 0x0391}, {0x03C3, 0x03C9, 0x03A3}, {0x0430, 0x044F, 0x0410},
    {0x0450, 0x045F, 0x0400}, {0xFF41, 0xFF5A, 0xFF21},
};

char32_t upper(char32_t c)
{
    for (const CaseRange& r : case_ranges) {
        if (c >= r.lower_first && c <= r.lower_last)
            return c - r.lower_first + r.upper_first;
    }
    return c;
}

char32_t lower(char32_t c)
{
    for (const CaseRange& r : case_ranges) {
        const char32_t upper_last = r.upper_first + (r.lower_last - r.lower_first);
        if (c >= r.upper_first && c <= upper_last)
            return c - r.upper_first + r.lower_first;
    }
    return c;
}

bool is_cased(char32_t c)
{
    return upper(c) != c || lower(c) != c;
}

} // namespace

std::u32string decode(std::string_view utf8)
{
    std::u32string out;
    out.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[pos]);
        const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (lead >= 0x80 && lead < 0xC0) { // stray continuation byte
            out += U'\uFFFD';
            ++pos;
            continue;
        }
        if (pos + static_cast<std::size_t>(length) > utf8.size()) {
            out += U'\uFFFD';
            break;
        }
        char32_t c = length == 1   ? lead
                     : length == 2 ? (lead & 0x1Fu)
                     : length == 3 ? (lead & 0x0Fu)
                                   : (lead & 0x07u);
        for (int i = 1; i < length; ++i)
            c = (c << 6) | (static_cast<unsigned char>(utf8[pos + i]) & 0x3Fu);
        out += c;
        pos += static_cast<std::size_t>(length);
    }
    return out;
}

void append_utf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string encode(std::u32string_view code_points)
{
    std::string out;
    out.reserve(code_points.size());
    for (char32_t c : code_points)
        append_utf8(out, c);
    return out;
}

std::size_t length(std::string_view utf8)
{
    std::size_t n = 0;
    for (char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

bool is_space(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

std::string strip(std::string_view s, const std::string* chars, bool left, bool right)
{
    const std::u32string cps = decode(s);
    const std::u32string set = chars ? decode(*chars) : std::u32string();
    const auto strippable = [&](char32_t c) {
        return chars ? set.find(c) != std::u32string::npos : is_space(c);
    };
    std::size_t begin = 0;
    std::size_t end = cps.size();
    if (left) {
        while (begin < end && strippable(cps[begin]))
            ++begin;
    }
    if (right) {
        while (end > begin && strippable(cps[end - 1]))
            --end;
    }
    return encode(std::u32string_view(cps).substr(begin, end - begin));
}

std::vector<std::string> split(std::string_view s, const std::string* sep, std::int64_t maxsplit)
{
    std::vector<std::string> parts;
    if (sep) {
        std::size_t pos = 0;
        while (maxsplit < 0 || static_cast<std::int64_t>(parts.size()) < maxsplit) {
            const std::size_t found = s.find(*sep, pos);
            if (found == std::string_view::npos)
                break;
            parts.emplace_back(s.substr(pos, found - pos));
            pos = found + sep->size();
        }
        parts.emplace_back(s.substr(pos));
        return parts;
    }
    const std::u32string cps = decode(s);
    std::size_t i = 0;
    while (i < cps.size()) {
        while (i < cps.size() && is_space(cps[i]))
            ++i;
        if (i == cps.size())
            break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
            std::size_t end = cps.size();
            while (end > i && is_space(cps[end - 1]))
                --end;
            parts.push_back(encode(std::u32string_view(cps).substr(i, end - i)));
            break;
        }
        std::size_t j = i;
        while (j < cps.size() && !is_space(cps[j]))
            ++j;
        parts.push_back(encode(std::u32string_view(cps).substr(i, j - i)));
        i = j;
    }
    return parts;
}

std::vector<std::string> rsplit(std::string_view s, const std::string* sep, std::int64_t maxsplit)
{
    if (maxsplit < 0)
        return split(s, sep, maxsplit);
    std::vector<std::string> parts;
    if (sep) {
        std::size_t end = s.size();
        while (static_cast<std::int64_t>(parts.size()) < maxsplit) {
            if (end < sep->size())
                break;
            const std::size_t found = s.rfind(*sep, end - sep->size());
            if (found == std::string_view::npos)
                break;
            parts.emplace(parts.begin(), s.substr(found + sep->size(), end - found - sep->size()));
            end = found;
        }
        parts.emplace(parts.begin(), s.substr(0, end));
        return parts;
    }
    const std::u32string cps = decode(s);
    std::size_t end = cps.size();
    while (end > 0) {
        while (end > 0 && is_space(cps[end - 1]))
            --end;
        if (end == 0)
            break;
        if (static_cast<std::int64_t>(parts.size()) == maxsplit) {
            std::size_t begin = 0;
            while (begin < end && is_space(cps[begin]))
                ++begin;
            parts.emplace(parts.begin(),
                          encode(std::u32string_view(cps).substr(begin, end - begin)));
            break;
        }
        std::size_t begin = end;
        while (begin > 0 && !is_space(cps[begin - 1]))
            --begin;
        parts.emplace(parts.begin(), encode(std::u32string_view(cps).substr(begin, end - begin)));
        end = begin;
    }
    return parts;
}

std::string replace(std::string_view s, std::string_view old, std::string_view replacement,
                    std::int64_t count)
{
    std::string out;
    if (old.empty()) {
        // Python inserts the replacement between every character (and at both ends).
        const std::u32string cps = decode(s);
        std::int64_t done = 0;
        for (char32_t c : cps) {
            if (count < 0 || done < count) {
                out += replacement;
                ++done;
            }
            append_utf8(out, c);
        }
        if (count < 0 || done < count)
            out += replacement;
        return out;
    }
    std::size_t pos = 0;
    std::int64_t done = 0;
    while (count < 0 || done < count) {
        const std::size_t found = s.find(old, pos);
        if (found == std::string_view::npos)
            break;
        out += s.substr(pos, found - pos);
        out += replacement;
        pos = found + old.size();
        ++done;
    }
    out += s.substr(pos);
    return out;
}

std::string to_upper(std::string_view s)
{
    std::u32string cps = decode(s);
    for (char32_t& c : cps)
        c = upper(c);
    return encode(cps);
}

std::string to_lower(std::string_view s)
{
    std::u32string cps = decode(s);
    for (char32_t& c : cps)
        c = lower(c);
    return encode(cps);
}

std::string capitalize(std::string_view s)
{
    std::u32string cps = decode(s);
    for (std::size_t i = 0; i < cps.size(); ++i)
        cps[i] = i == 0 ? upper(cps[i]) : lower(cps[i]);
    return encode(cps);
}

std::string python_title(std::string_view s)
{
    std::u32string cps = decode(s);
    bool previous_cased = false;
    for (char32_t& c : cps) {
        const bool cased = is_cased(c);
        c = previous_cased ? lower(c) : upper(c);
        previous_cased = cased;
    }
    return encode(cps);
}

std::string jinja_title(std::string_view s)
{
    // Words start after whitespace or one of "-([{<"; each word is upper-cased at its first
    // character and lower-cased after.
    std::u32string cps = decode(s);
    bool word_start = true;
    for (char32_t& c : cps) {
        const bool separator =
            is_space(c) || c == U'-' || c == U'(' || c == U'{' || c == U'[' || c == U'<';
        if (separator) {
            word_start = true;
            continue;
        }
        c = word_start ? upper(c) : lower(c);
        word_start = false;
    }
    return encode(cps);
}

std::vector<std::string> split_lines(std::string_view s)
{
    std::vector<std::string> lines;
    const std::u32string cps = decode(s);
    std::size_t begin = 0;
    std::size_t i = 0;
    while (i < cps.size()) {
        const char32_t c = cps[i];
        const bool is_break = c == U'\n' || c == U'\r' || c == 0x0B || c == 0x0C || c == 0x1C ||
                              c == 0x1D || c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!is_break) {
            ++i;
            continue;
        }
        lines.push_back(encode(std::u32string_view(cps).substr(begin, i - begin)));
        if (c == U'\r' && i + 1 < cps.size() && cps[i + 1] == U'\n')
            ++i;
        ++i;
        begin = i;
    }
    if (begin < cps.size())
        lines.push_back(encode(std::u32string_view(cps).substr(begin)));
    return lines;
}

} // namespace kurabe::chat_template::text
