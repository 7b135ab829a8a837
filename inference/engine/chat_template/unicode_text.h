// Python-string behaviour over UTF-8: Jinja templates count, slice and strip strings by code
// point (len("こんにちは") == 5) and Python's str.isspace() covers Unicode spaces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kurabe::chat_template::text {

std::u32string decode(std::string_view utf8);
std::string encode(std::u32string_view code_points);
void append_utf8(std::string& out, char32_t code_point);
std::size_t length(std::string_view utf8); // in code points

bool is_space(char32_t c); // Python's str.isspace()

// Python's str.strip/lstrip/rstrip; chars == nullptr strips whitespace.
std::string strip(std::string_view s, const std::string* chars, bool left, bool right);

// Python's str.split(sep, maxsplit); sep == nullptr splits on runs of whitespace.
std::vector<std::string> split(std::string_view s, const std::string* sep, std::int64_t maxsplit);
std::vector<std::string> rsplit(std::string_view s, const std::string* sep, std::int64_t maxsplit);

std::string replace(std::string_view s, std::string_view old, std::string_view replacement,
                    std::int64_t count);

// Case mapping covers ASCII and Latin-1/Greek/Cyrillic basics through simple offsets; other
// scripts (CJK) have no case and pass through unchanged.
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);
std::string capitalize(std::string_view s);   // Python str.capitalize
std::string python_title(std::string_view s); // Python str.title
std::string jinja_title(std::string_view s);  // Jinja's |title filter

// Python's str.splitlines() (without keepends).
std::vector<std::string> split_lines(std::string_view s);

} // namespace kurabe::chat_template::text
