// Turns template source into tokens, applying Jinja2's whitespace rules as it goes: `{%-`/`-%}`
// strip all whitespace on that side, trim_blocks drops the newline after a block or comment
// tag, lstrip_blocks drops spaces and tabs before a block or comment tag that starts its line
// (`{%+` opts out), and one trailing newline at the end of the source is dropped
// (keep_trailing_newline off). Comments disappear; {% raw %} bodies become text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kurabe::chat_template {

enum class TokenKind
{
    text,
    block_begin,    // {%
    block_end,      // %}
    variable_begin, // {{
    variable_end,   // }}
    name,
    string,
    integer,
    floating,
    op, // punctuation and operators: + - * / // % ** ~ == != < <= > >= = ( ) [ ] { } , . : |
    end,
};

struct Token
{
    TokenKind kind;
    std::string text; // text, name, string value, or operator spelling
    int line = 1;
    std::int64_t integer = 0;
    double floating = 0.0;
};

// Throws TemplateError(syntax) with the line on malformed input (unterminated tag or string,
// unknown character).
std::vector<Token> tokenize(std::string_view source);

} // namespace kurabe::chat_template
