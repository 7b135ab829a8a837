#include "chat_template/lexer.h"

#include "chat_template/template_error.h"
#include "chat_template/unicode_text.h"

#include <charconv>
#include <cstring>

namespace kurabe::chat_template {
namespace {

bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

class Lexer
{
public:
    explicit Lexer(std::string_view source) : src_(source)
    {
        // keep_trailing_newline is off: one final newline is not part of the output.
        if (src_.size() >= 2 && src_.substr(src_.size() - 2) == "\r\n")
            src_.remove_suffix(2);
        else if (!src_.empty() && src_.back() == '\n')
            src_.remove_suffix(1);
    }

    std::vector<Token> run()
    {
        while (pos_ < src_.size())
            lex_text_and_tag();
        tokens_.push_back(Token{TokenKind::end, "", line_});
        return std::move(tokens_);
    }

private:
    [[noreturn]] void fail(const std::string& message, int line)
    {
        throw TemplateError(ErrorKind::syntax, message, line);
    }

    int count_lines(std::string_view s) const
    {
        int n = 0;
        for (char c : s)
            n += c == '\n' ? 1 : 0;
        return n;
    }

    // Finds the next "{{", "{%" or "{#" at or after `from`.
    std::size_t find_tag(std::size_t from) const
    {
        while (true) {
            const std::size_t found = src_.find('{', from);
            if (found == std::string_view::npos || found + 1 >= src_.size())
                return std::string_view::npos;
            const char next = src_[found + 1];
            if (next == '{' || next == '%' || next == '#')
                return found;
            from = found + 1;
        }
    }

    void emit_text(std::string text, int line)
    {
        if (!text.empty())
            tokens_.push_back(Token{TokenKind::text, std::move(text), line});
    }

    void lex_text_and_tag()
    {
        const std::size_t tag = find_tag(pos_);
        const std::size_t text_end = tag == std::string_view::npos ? src_.size() : tag;
        std::string text(src_.substr(pos_, text_end - pos_));
        const int text_line = line_;
        line_ += count_lines(text);
        if (strip_next_text_) {
            std::size_t first = 0;
            while (first < text.size() && is_ascii_space(text[first]))
                ++first;
            text.erase(0, first);
            strip_next_text_ = false;
        }
        if (tag == std::string_view::npos) {
            emit_text(std::move(text), text_line);
            pos_ = src_.size();
            return;
        }
        const char kind = src_[tag + 1];
        const char modifier = tag + 2 < src_.size() ? src_[tag + 2] : '\0';
        if (modifier == '-') {
            while (!text.empty() && is_ascii_space(text.back()))
                text.pop_back();
        } else if (modifier != '+' && (kind == '%' || kind == '#')) {
            lstrip_block_indent(text, tag);
        }
        emit_text(std::move(text), text_line);
        pos_ = tag + 2 + ((modifier == '-' || modifier == '+') ? 1 : 0);
        if (kind == '#')
            lex_comment();
        else if (kind == '%')
            lex_block();
        else
            lex_variable();
    }

    // lstrip_blocks: spaces and tabs between the start of the line and a block tag go.
    void lstrip_block_indent(std::string& text, std::size_t tag)
    {
        std::size_t line_start = text.rfind('\n');
        const bool newline_in_text = line_start != std::string::npos;
        line_start = newline_in_text ? line_start + 1 : 0;
        if (!newline_in_text && !line_starting(tag - text.size()))
            return;
        for (std::size_t i = line_start; i < text.size(); ++i) {
            if (text[i] != ' ' && text[i] != '\t')
                return;
        }
        text.erase(line_start);
    }

    // Whether source offset `at` begins a line (start of input, or just after a newline that
    // the previous tag consumed or that precedes it).
    bool line_starting(std::size_t at) const { return at == 0 || src_[at - 1] == '\n'; }

    // After a closing tag: `-` strips the following whitespace, trim_blocks drops one newline
    // after block and comment tags, `+` keeps everything.
    void after_close(char modifier, bool is_block)
    {
        if (modifier == '-') {
            strip_next_text_ = true;
            return;
        }
        if (modifier == '+' || !is_block)
            return;
        if (src_.substr(pos_, 2) == "\r\n") {
            pos_ += 2;
            ++line_;
        } else if (pos_ < src_.size() && src_[pos_] == '\n') {
            ++pos_;
            ++line_;
        }
    }

    void lex_comment()
    {
        const int start_line = line_;
        const std::size_t close = src_.find("#}", pos_);
        if (close == std::string_view::npos)
            fail("unterminated comment (missing '#}')", start_line);
        line_ += count_lines(src_.substr(pos_, close - pos_));
        const char modifier = close > pos_ && (src_[close - 1] == '-' || src_[close - 1] == '+')
                                  ? src_[close - 1]
                                  : '\0';
        pos_ = close + 2;
        after_close(modifier, true);
    }

    // {% raw %}...{% endraw %}: the body is text, tags inside are not interpreted.
    bool try_raw()
    {
        std::size_t p = pos_;
        while (p < src_.size() && is_ascii_space(src_[p]))
            ++p;
        if (src_.substr(p, 3) != "raw")
            return false;
        p += 3;
        while (p < src_.size() && is_ascii_space(src_[p]))
            ++p;
        char open_modifier = '\0';
        if (p < src_.size() && (src_[p] == '-' || src_[p] == '+'))
            open_modifier = src_[p++];
        if (src_.substr(p, 2) != "%}")
            return false;
        const int start_line = line_;
        std::size_t body_start = p + 2;
        std::size_t search = body_start;
        while (true) {
            const std::size_t open = src_.find("{%", search);
            if (open == std::string_view::npos)
                fail("unterminated {% raw %} block (missing {% endraw %})", start_line);
            std::size_t q = open + 2;
            const bool strip_before = q < src_.size() && src_[q] == '-';
            if (q < src_.size() && (src_[q] == '-' || src_[q] == '+'))
                ++q;
            while (q < src_.size() && is_ascii_space(src_[q]))
                ++q;
            if (src_.substr(q, 6) != "endraw") {
                search = open + 2;
                continue;
            }
            q += 6;
            while (q < src_.size() && is_ascii_space(src_[q]))
                ++q;
            char close_modifier = '\0';
            if (q < src_.size() && (src_[q] == '-' || src_[q] == '+'))
                close_modifier = src_[q++];
            if (src_.substr(q, 2) != "%}") {
                search = open + 2;
                continue;
            }
            std::string body(src_.substr(body_start, open - body_start));
            if (open_modifier == '-') {
                std::size_t first = 0;
                while (first < body.size() && is_ascii_space(body[first]))
                    ++first;
                body.erase(0, first);
            } else if (open_modifier != '+' && !body.empty() && body.front() == '\n') {
                body.erase(0, 1);
            }
            if (strip_before) {
                while (!body.empty() && is_ascii_space(body.back()))
                    body.pop_back();
            }
            emit_text(std::move(body), line_);
            line_ += count_lines(src_.substr(pos_, q + 2 - pos_));
            pos_ = q + 2;
            after_close(close_modifier, true);
            return true;
        }
    }

    void lex_block()
    {
        if (try_raw())
            return;
        tokens_.push_back(Token{TokenKind::block_begin, "{%", line_});
        lex_expression_tokens('%');
        tokens_.push_back(Token{TokenKind::block_end, "%}", line_});
    }

    void lex_variable()
    {
        tokens_.push_back(Token{TokenKind::variable_begin, "{{", line_});
        lex_expression_tokens('}');
        tokens_.push_back(Token{TokenKind::variable_end, "}}", line_});
    }

    // Tokens up to the closing "%}" or "}}" (which only counts outside brackets, so that
    // "{{ {'a': {}} }}" works), consuming the closer.
    void lex_expression_tokens(char closer)
    {
        const int start_line = line_;
        int depth = 0;
        const std::string close = closer == '%' ? "%}" : "}}";
        while (true) {
            while (pos_ < src_.size() && is_ascii_space(src_[pos_])) {
                if (src_[pos_] == '\n')
                    ++line_;
                ++pos_;
            }
            if (pos_ >= src_.size())
                fail(std::string("unterminated tag (missing '") + close + "')", start_line);
            if (depth == 0) {
                const char c = src_[pos_];
                if ((c == '-' || c == '+') && src_.substr(pos_ + 1, 2) == close) {
                    pos_ += 3;
                    after_close(c, closer == '%');
                    return;
                }
                if (src_.substr(pos_, 2) == close) {
                    pos_ += 2;
                    after_close('\0', closer == '%');
                    return;
                }
            }
            lex_one(depth);
        }
    }

    void lex_one(int& depth)
    {
        const char c = src_[pos_];
        if (is_name_start(c)) {
            const std::size_t start = pos_;
            while (pos_ < src_.size() && (is_name_start(src_[pos_]) || is_digit(src_[pos_])))
                ++pos_;
            tokens_.push_back(
                Token{TokenKind::name, std::string(src_.substr(start, pos_ - start)), line_});
            return;
        }
        if (is_digit(c)) {
            lex_number();
            return;
        }
        if (c == '\'' || c == '"') {
            lex_string(c);
            return;
        }
        static const char* const two_char_ops[] = {"//", "**", "==", "!=", "<=", ">="};
        for (const char* op : two_char_ops) {
            if (src_.substr(pos_, 2) == op) {
                tokens_.push_back(Token{TokenKind::op, op, line_});
                pos_ += 2;
                return;
            }
        }
        if (std::strchr("+-*/%~<>=()[]{},.:|", c) != nullptr) {
            if (c == '(' || c == '[' || c == '{')
                ++depth;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                --depth;
            tokens_.push_back(Token{TokenKind::op, std::string(1, c), line_});
            ++pos_;
            return;
        }
        fail(std::string("unexpected character '") + c + "' in a tag", line_);
    }

    void lex_number()
    {
        const std::size_t start = pos_;
        bool is_float = false;
        while (pos_ < src_.size() && is_digit(src_[pos_]))
            ++pos_;
        if (pos_ + 1 < src_.size() && src_[pos_] == '.' && is_digit(src_[pos_ + 1])) {
            is_float = true;
            ++pos_;
            while (pos_ < src_.size() && is_digit(src_[pos_]))
                ++pos_;
        }
        if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
            std::size_t p = pos_ + 1;
            if (p < src_.size() && (src_[p] == '+' || src_[p] == '-'))
                ++p;
            if (p < src_.size() && is_digit(src_[p])) {
                is_float = true;
                pos_ = p;
                while (pos_ < src_.size() && is_digit(src_[pos_]))
                    ++pos_;
            }
        }
        const std::string_view spelling = src_.substr(start, pos_ - start);
        Token token{is_float ? TokenKind::floating : TokenKind::integer, std::string(spelling),
                    line_};
        const char* first = spelling.data();
        const char* last = first + spelling.size();
        const auto result = is_float ? std::from_chars(first, last, token.floating)
                                     : std::from_chars(first, last, token.integer);
        if (result.ec != std::errc())
            fail(std::string("number literal '") + std::string(spelling) + "' is out of range",
                 line_);
        tokens_.push_back(std::move(token));
    }

    static int hex_value(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // A Python string literal: the usual backslash escapes, \xhh, \uhhhh, \Uhhhhhhhh; an
    // unknown escape keeps its backslash, as in Python.
    void lex_string(char quote)
    {
        const int start_line = line_;
        ++pos_;
        std::string value;
        while (true) {
            if (pos_ >= src_.size())
                fail("unterminated string literal", start_line);
            const char c = src_[pos_];
            if (c == quote) {
                ++pos_;
                break;
            }
            if (c == '\n')
                ++line_;
            if (c != '\\') {
                value += c;
                ++pos_;
                continue;
            }
            if (pos_ + 1 >= src_.size())
                fail("unterminated string literal", start_line);
            const char e = src_[pos_ + 1];
            pos_ += 2;
            switch (e) {
            case 'n':
                value += '\n';
                break;
            case 't':
                value += '\t';
                break;
            case 'r':
                value += '\r';
                break;
            case '0':
                value += '\0';
                break;
            case 'a':
                value += '\a';
                break;
            case 'b':
                value += '\b';
                break;
            case 'f':
                value += '\f';
                break;
            case 'v':
                value += '\v';
                break;
            case '\\':
            case '\'':
            case '"':
                value += e;
                break;
            case '\n':
                ++line_; // a backslash-newline continues the literal
                break;
            case 'x':
            case 'u':
            case 'U': {
                const int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                char32_t code_point = 0;
                for (int i = 0; i < digits; ++i) {
                    const int h = pos_ < src_.size() ? hex_value(src_[pos_]) : -1;
                    if (h < 0)
                        fail(std::string("invalid \\") + e + " escape in a string literal", line_);
                    code_point = (code_point << 4) | static_cast<char32_t>(h);
                    ++pos_;
                }
                if (code_point > 0x10FFFF)
                    fail("escape beyond U+10FFFF in a string literal", line_);
                text::append_utf8(value, code_point);
                break;
            }
            default:
                value += '\\';
                value += e;
            }
        }
        tokens_.push_back(Token{TokenKind::string, std::move(value), start_line});
    }

    std::string_view src_;
    std::size_t pos_ = 0;
    int line_ = 1;
    bool strip_next_text_ = false;
    std::vector<Token> tokens_;
};

} // namespace

std::vector<Token> tokenize(std::string_view source)
{
    return Lexer(source).run();
}

} // namespace kurabe::chat_template
