#include "json/writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace kurabe::json {
namespace {

// The escape \uXXXX for one UTF-16 code unit (lower-case hex, as Python writes it).
void append_u_escape(std::string& out, unsigned unit)
{
    static constexpr char k_hex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += k_hex[(unit >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at text[pos] (already valid UTF-8 in a Value); advances pos.
// Malformed bytes decode as U+FFFD so that ensure_ascii output stays well-formed.
std::uint32_t decode_utf8(std::string_view text, std::size_t& pos)
{
    const auto lead = static_cast<unsigned char>(text[pos]);
    int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (pos + static_cast<std::size_t>(length) > text.size()) {
        ++pos;
        return 0xFFFD;
    }
    std::uint32_t code_point = length == 1   ? lead
                               : length == 2 ? (lead & 0x1Fu)
                               : length == 3 ? (lead & 0x0Fu)
                                             : (lead & 0x07u);
    for (int i = 1; i < length; ++i)
        code_point = (code_point << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3Fu);
    pos += static_cast<std::size_t>(length);
    return code_point;
}

class Writer
{
public:
    explicit Writer(const DumpOptions& options) : options_(options)
    {
        item_separator_ = options.item_separator.value_or(options.indent ? "," : ", ");
        key_separator_ = options.key_separator.value_or(": ");
    }

    void write(const Value& value, int depth)
    {
        switch (value.type()) {
        case Type::null:
            out_ += "null";
            break;
        case Type::boolean:
            out_ += value.as_bool() ? "true" : "false";
            break;
        case Type::integer:
            out_ += std::to_string(value.as_integer());
            break;
        case Type::number:
            write_double(value.as_double());
            break;
        case Type::string:
            out_ += quote(value.as_string(), options_.ensure_ascii);
            break;
        case Type::array:
            write_array(value.as_array(), depth);
            break;
        case Type::object:
            write_object(value.as_object(), depth);
            break;
        }
    }

    std::string take() { return std::move(out_); }

private:
    void write_double(double d)
    {
        if (std::isnan(d))
            out_ += "NaN";
        else if (std::isinf(d))
            out_ += d > 0 ? "Infinity" : "-Infinity";
        else
            out_ += python_float_repr(d);
    }

    void newline(int depth)
    {
        if (!options_.indent)
            return;
        out_ += '\n';
        out_.append(static_cast<std::size_t>(std::max(0, *options_.indent * depth)), ' ');
    }

    void write_array(const Array& array, int depth)
    {
        if (array.empty()) {
            out_ += "[]";
            return;
        }
        out_ += '[';
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (i > 0)
                out_ += item_separator_;
            newline(depth + 1);
            write(array[i], depth + 1);
        }
        newline(depth);
        out_ += ']';
    }

    void write_object(const Object& object, int depth)
    {
        if (object.empty()) {
            out_ += "{}";
            return;
        }
        std::vector<const Object::Member*> members;
        for (const Object::Member& member : object)
            members.push_back(&member);
        if (options_.sort_keys) {
            std::stable_sort(members.begin(), members.end(),
                             [](const auto* a, const auto* b) { return a->first < b->first; });
        }
        out_ += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i > 0)
                out_ += item_separator_;
            newline(depth + 1);
            out_ += quote(members[i]->first, options_.ensure_ascii);
            out_ += key_separator_;
            write(members[i]->second, depth + 1);
        }
        newline(depth);
        out_ += '}';
    }

    const DumpOptions& options_;
    std::string item_separator_;
    std::string key_separator_;
    std::string out_;
};

} // namespace

std::string quote(std::string_view text, bool ensure_ascii)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x80) {
            if (!ensure_ascii) {
                out += static_cast<char>(c);
                ++pos;
                continue;
            }
            const std::uint32_t code_point = decode_utf8(text, pos);
            if (code_point >= 0x10000) {
                const std::uint32_t v = code_point - 0x10000;
                append_u_escape(out, 0xD800 + (v >> 10));
                append_u_escape(out, 0xDC00 + (v & 0x3FF));
            } else {
                append_u_escape(out, code_point);
            }
            continue;
        }
        ++pos;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20)
                append_u_escape(out, c);
            else
                out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

std::string python_float_repr(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    // Shortest round-trip digits in scientific form: "-1.2345e+17".
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string_view sci(buffer, static_cast<std::size_t>(result.ptr - buffer));
    const std::size_t e = sci.find('e');
    std::string_view mantissa = sci.substr(0, e);
    const int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
    std::string sign;
    if (!mantissa.empty() && mantissa.front() == '-') {
        sign = "-";
        mantissa.remove_prefix(1);
    }
    std::string digits;
    for (char c : mantissa) {
        if (c != '.')
            digits += c;
    }
    // value = 0.<digits> * 10^decimal_point, as in Python's float_repr_style 'short'.
    const int decimal_point = exponent + 1;
    if (decimal_point > -4 && decimal_point <= 16) {
        std::string out = sign;
        if (decimal_point <= 0) {
            out += "0.";
            out.append(static_cast<std::size_t>(-decimal_point), '0');
            out += digits;
        } else if (static_cast<std::size_t>(decimal_point) >= digits.size()) {
            out += digits;
            out.append(static_cast<std::size_t>(decimal_point) - digits.size(), '0');
            out += ".0";
        } else {
            out += digits.substr(0, static_cast<std::size_t>(decimal_point));
            out += '.';
            out += digits.substr(static_cast<std::size_t>(decimal_point));
        }
        return out;
    }
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) {
        out += '.';
        out += digits.substr(1);
    }
    char exponent_text[16];
    std::snprintf(exponent_text, sizeof exponent_text, "e%c%02d", exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    return out + exponent_text;
}

std::string dump(const Value& value, const DumpOptions& options)
{
    Writer writer(options);
    writer.write(value, 0);
    return writer.take();
}

std::string dump_compact(const Value& value)
{
    DumpOptions options;
    options.item_separator = ",";
    options.key_separator = ":";
    return dump(value, options);
}

} // namespace kurabe::json
