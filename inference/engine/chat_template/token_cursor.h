// Walking the token list, shared by the statement and expression parsers (which share one
// position and one nesting count through CursorState): look at and consume tokens, fail with
// the current line, and guard nesting depth so no input can exhaust the stack.
#pragma once

#include "chat_template/lexer.h"
#include "chat_template/template_error.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace kurabe::chat_template {

inline constexpr int max_template_nesting = 200;

struct CursorState
{
    std::size_t pos = 0; // index of the current token
    int depth = 0;       // recursive-descent nesting
};

class TokenCursor
{
protected:
    TokenCursor(const std::vector<Token>& tokens, CursorState& state)
        : tokens_(tokens), pos_(state.pos), depth_(state.depth)
    {}

    // Nesting guard for recursive descent.
    struct DepthGuard
    {
        explicit DepthGuard(TokenCursor& p) : parser(p)
        {
            if (++parser.depth_ > max_template_nesting)
                parser.fail(std::string("template nests more than ") +
                            std::to_string(max_template_nesting) + " levels deep");
        }
        ~DepthGuard() { --parser.depth_; }
        TokenCursor& parser;
    };

    const Token& current() const { return tokens_[pos_]; }
    const Token& peek(std::size_t ahead = 1) const
    {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    void advance()
    {
        if (pos_ + 1 < tokens_.size())
            ++pos_;
    }

    [[noreturn]] void fail(const std::string& message) const
    {
        throw TemplateError(ErrorKind::syntax, message, current().line);
    }

    std::string describe(const Token& t) const
    {
        switch (t.kind) {
        case TokenKind::end:
            return "end of template";
        case TokenKind::block_end:
            return "end of statement block '%}'";
        case TokenKind::variable_end:
            return "end of print statement '}}'";
        case TokenKind::string:
            return "string";
        case TokenKind::text:
            return "template text";
        default:
            return std::string("'") + t.text + "'";
        }
    }

    bool is_op(std::string_view op) const
    {
        return current().kind == TokenKind::op && current().text == op;
    }
    bool is_name(std::string_view name) const
    {
        return current().kind == TokenKind::name && current().text == name;
    }
    bool skip_op(std::string_view op)
    {
        if (!is_op(op))
            return false;
        advance();
        return true;
    }
    bool skip_name(std::string_view name)
    {
        if (!is_name(name))
            return false;
        advance();
        return true;
    }
    void expect_op(std::string_view op)
    {
        if (!skip_op(op))
            fail(std::string("expected '") + std::string(op) + "', found " + describe(current()));
    }
    std::string expect_name()
    {
        if (current().kind != TokenKind::name)
            fail(std::string("expected a name, found ") + describe(current()));
        std::string name = current().text;
        advance();
        return name;
    }
    void expect_block_end()
    {
        if (current().kind != TokenKind::block_end)
            fail(std::string("expected end of statement block '%}', found ") + describe(current()));
        advance();
    }

    const std::vector<Token>& tokens_;
    std::size_t& pos_;
    int& depth_;
};

} // namespace kurabe::chat_template
