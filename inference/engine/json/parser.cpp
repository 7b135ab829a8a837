#include "json/parser.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>

namespace kurabe::json {
namespace {

void append_utf8(std::string& out, std::uint32_t code_point)
{
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 when it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not well-formed).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    std::size_t length = 0;
    std::uint32_t min = 0;
    std::uint32_t code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        min = 0x80;
        code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        min = 0x800;
        code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        min = 0x10000;
        code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (pos + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80)
            return 0;
        code_point = (code_point << 6) | (byte(pos + i) & 0x3F);
    }
    if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
        return 0;
    return length;
}

class Parser
{
public:
    Parser(std::string_view text, const ParseOptions& options) : text_(text), options_(options) {}

    Result<Value> parse_document()
    {
        skip_whitespace();
        Value value;
        if (!parse_value(value, 0))
            return Error{error_};
        skip_whitespace();
        if (pos_ < text_.size())
            return fail_at(pos_, "unexpected text after the JSON value");
        return value;
    }

private:
    Error fail_at(std::size_t where, const std::string& message)
    {
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i < where && i < text_.size(); ++i) {
            const auto c = static_cast<unsigned char>(text_[i]);
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((c & 0xC0) != 0x80) { // columns count characters, not UTF-8 bytes
                ++column;
            }
        }
        error_ =
            "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
        return Error{error_};
    }

    bool fail(const std::string& message) { return fail(pos_, message); }
    bool fail(std::size_t where, const std::string& message)
    {
        fail_at(where, message);
        return false;
    }

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }

    void skip_whitespace()
    {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++pos_;
    }

    bool parse_value(Value& out, std::size_t depth)
    {
        if (at_end())
            return fail("unexpected end of input, expected a value");
        switch (peek()) {
        case '{':
            return parse_object(out, depth + 1);
        case '[':
            return parse_array(out, depth + 1);
        case '"': {
            std::string s;
            if (!parse_string(s))
                return false;
            out = Value(std::move(s));
            return true;
        }
        case 't':
            return parse_literal("true", Value(true), out);
        case 'f':
            return parse_literal("false", Value(false), out);
        case 'n':
            return parse_literal("null", Value(nullptr), out);
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return parse_number(out);
            return fail(std::string("unexpected character '") + peek() + "', expected a value");
        }
    }

    bool parse_literal(std::string_view word, Value value, Value& out)
    {
        if (text_.substr(pos_, word.size()) != word)
            return fail("invalid literal, expected '" + std::string(word) + "'");
        pos_ += word.size();
        out = std::move(value);
        return true;
    }

    bool parse_number(Value& out)
    {
        const std::size_t start = pos_;
        const auto digit = [&] { return !at_end() && peek() >= '0' && peek() <= '9'; };
        if (peek() == '-')
            ++pos_;
        if (!digit())
            return fail("expected a digit in the number");
        if (peek() == '0') {
            ++pos_;
            if (digit())
                return fail("numbers may not have leading zeros");
        } else {
            while (digit())
                ++pos_;
        }
        bool integral = true;
        if (!at_end() && peek() == '.') {
            integral = false;
            ++pos_;
            if (!digit())
                return fail("expected a digit after the decimal point");
            while (digit())
                ++pos_;
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            integral = false;
            ++pos_;
            if (!at_end() && (peek() == '+' || peek() == '-'))
                ++pos_;
            if (!digit())
                return fail("expected a digit in the exponent");
            while (digit())
                ++pos_;
        }
        const char* first = text_.data() + start;
        const char* last = text_.data() + pos_;
        if (integral) {
            std::int64_t i = 0;
            const auto [end, ec] = std::from_chars(first, last, i);
            if (ec == std::errc() && end == last) {
                out = Value(i);
                return true;
            }
            // Too large for int64: keep it as a double, as Python's float() would.
        }
        double d = 0.0;
        const auto [end, ec] = std::from_chars(first, last, d);
        if (ec == std::errc::result_out_of_range)
            return fail(start, "number is out of the range of a double");
        if (ec != std::errc() || end != last)
            return fail(start, "invalid number");
        out = Value(d);
        return true;
    }

    bool parse_hex4(std::uint32_t& out)
    {
        if (pos_ + 4 > text_.size())
            return fail("unexpected end of input in a \\u escape");
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_ + i];
            out <<= 4;
            if (c >= '0' && c <= '9')
                out |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                out |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                out |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                return fail(pos_ + i, "invalid hex digit in a \\u escape");
        }
        pos_ += 4;
        return true;
    }

    bool parse_escape(std::string& out)
    {
        if (at_end())
            return fail("unexpected end of input in an escape");
        const char c = text_[pos_++];
        switch (c) {
        case '"':
            out += '"';
            return true;
        case '\\':
            out += '\\';
            return true;
        case '/':
            out += '/';
            return true;
        case 'b':
            out += '\b';
            return true;
        case 'f':
            out += '\f';
            return true;
        case 'n':
            out += '\n';
            return true;
        case 'r':
            out += '\r';
            return true;
        case 't':
            out += '\t';
            return true;
        case 'u':
            break;
        default:
            return fail(pos_ - 1, std::string("invalid escape '\\") + c + "'");
        }
        const std::size_t escape_start = pos_ - 2;
        std::uint32_t unit = 0;
        if (!parse_hex4(unit))
            return false;
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return fail(escape_start, "lone low surrogate in a \\u escape");
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u")
                return fail(escape_start, "high surrogate not followed by a low surrogate");
            pos_ += 2;
            std::uint32_t low = 0;
            if (!parse_hex4(low))
                return false;
            if (low < 0xDC00 || low > 0xDFFF)
                return fail(escape_start, "high surrogate not followed by a low surrogate");
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, unit);
        return true;
    }

    bool parse_string(std::string& out)
    {
        const std::size_t start = pos_;
        ++pos_; // opening quote
        while (true) {
            if (at_end())
                return fail(start, "unterminated string");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\\') {
                ++pos_;
                if (!parse_escape(out))
                    return false;
            } else if (c < 0x20) {
                return fail("control character in a string (must be escaped)");
            } else if (c < 0x80) {
                out += static_cast<char>(c);
                ++pos_;
            } else {
                const std::size_t length = utf8_sequence_length(text_, pos_);
                if (length == 0)
                    return fail("invalid UTF-8 in a string");
                out.append(text_.substr(pos_, length));
                pos_ += length;
            }
        }
    }

    bool check_depth(std::size_t depth)
    {
        if (depth > options_.max_depth)
            return fail("nesting deeper than " + std::to_string(options_.max_depth) + " levels");
        return true;
    }

    bool parse_array(Value& out, std::size_t depth)
    {
        if (!check_depth(depth))
            return false;
        ++pos_; // [
        Array array;
        skip_whitespace();
        if (!at_end() && peek() == ']') {
            ++pos_;
            out = Value(std::move(array));
            return true;
        }
        while (true) {
            skip_whitespace();
            Value element;
            if (!parse_value(element, depth))
                return false;
            array.push_back(std::move(element));
            skip_whitespace();
            if (at_end())
                return fail("unexpected end of input in an array");
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() == ']') {
                ++pos_;
                out = Value(std::move(array));
                return true;
            }
            return fail("expected ',' or ']' after an array element");
        }
    }

    bool parse_object(Value& out, std::size_t depth)
    {
        if (!check_depth(depth))
            return false;
        ++pos_; // {
        Object object;
        skip_whitespace();
        if (!at_end() && peek() == '}') {
            ++pos_;
            out = Value(std::move(object));
            return true;
        }
        while (true) {
            skip_whitespace();
            if (at_end() || peek() != '"')
                return fail("expected a string key in an object");
            std::string key;
            if (!parse_string(key))
                return false;
            skip_whitespace();
            if (at_end() || peek() != ':')
                return fail("expected ':' after an object key");
            ++pos_;
            skip_whitespace();
            Value member;
            if (!parse_value(member, depth))
                return false;
            // A repeated key keeps its first position and takes the last value, as Python does.
            object.set(std::move(key), std::move(member));
            skip_whitespace();
            if (at_end())
                return fail("unexpected end of input in an object");
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() == '}') {
                ++pos_;
                out = Value(std::move(object));
                return true;
            }
            return fail("expected ',' or '}' after an object member");
        }
    }

    std::string_view text_;
    ParseOptions options_;
    std::size_t pos_ = 0;
    std::string error_;
};

} // namespace

Result<Value> parse(std::string_view text, const ParseOptions& options)
{
    Parser parser(text, options);
    return parser.parse_document();
}

} // namespace kurabe::json
