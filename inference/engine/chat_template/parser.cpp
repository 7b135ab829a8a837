#include "chat_template/parser.h"

#include "chat_template/expression_parser.h"
#include "chat_template/token_cursor.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace kurabe::chat_template {
namespace {

// Statements: text, {{ output }}, and the {% tags %} if/elif/else, for/else, set (plain,
// namespace attribute, block), macro, call, filter, break, continue.
class StatementParser : private TokenCursor
{
public:
    StatementParser(const std::vector<Token>& tokens, CursorState& state)
        : TokenCursor(tokens, state), expressions_(tokens, state)
    {}

    Body parse_all()
    {
        std::string end_tag;
        return subparse({}, end_tag);
    }

private:
    // Statements until a block tag named in `end_tags` (whose name is left in `found`, with the
    // parser positioned just after that name), or the end of input when end_tags is empty.
    Body subparse(std::initializer_list<std::string_view> end_tags, std::string& found)
    {
        DepthGuard guard(*this);
        Body body;
        while (true) {
            const Token& t = current();
            if (t.kind == TokenKind::end) {
                if (end_tags.size() == 0)
                    return body;
                std::string expected;
                for (std::string_view tag : end_tags) {
                    expected.append(expected.empty() ? "'" : " or '");
                    expected.append(tag);
                    expected.append("'");
                }
                fail(std::string("unexpected end of template, expected ") + expected);
            }
            if (t.kind == TokenKind::text) {
                auto node = std::make_unique<Node>();
                node->kind = NodeKind::text;
                node->line = t.line;
                node->text = t.text;
                body.push_back(std::move(node));
                advance();
                continue;
            }
            if (t.kind == TokenKind::variable_begin) {
                auto node = std::make_unique<Node>();
                node->kind = NodeKind::output;
                node->line = t.line;
                advance();
                node->expr = expressions_.parse_tuple(true);
                if (current().kind != TokenKind::variable_end)
                    fail(std::string("expected end of print statement '}}', found ") +
                         describe(current()));
                advance();
                body.push_back(std::move(node));
                continue;
            }
            if (t.kind != TokenKind::block_begin)
                fail(std::string("unexpected ") + describe(t));
            advance();
            if (current().kind != TokenKind::name)
                fail(std::string("expected a statement name after '{%', found ") +
                     describe(current()));
            const std::string tag = current().text;
            if (std::find(end_tags.begin(), end_tags.end(), tag) != end_tags.end()) {
                found = tag;
                advance();
                return body;
            }
            body.push_back(parse_statement());
        }
    }

    NodePtr parse_statement()
    {
        const Token& t = current();
        const std::string tag = t.text;
        auto node = std::make_unique<Node>();
        node->line = t.line;
        advance();
        if (tag == "if")
            return parse_if(std::move(node));
        if (tag == "for")
            return parse_for(std::move(node));
        if (tag == "set")
            return parse_set(std::move(node));
        if (tag == "macro")
            return parse_macro(std::move(node));
        if (tag == "call")
            return parse_call_block(std::move(node));
        if (tag == "filter")
            return parse_filter_block(std::move(node));
        if (tag == "break" || tag == "continue") {
            node->kind = tag == "break" ? NodeKind::break_ : NodeKind::continue_;
            expect_block_end();
            return node;
        }
        if (tag.rfind("end", 0) == 0 || tag == "elif" || tag == "else")
            throw TemplateError(ErrorKind::syntax, std::string("unexpected '") + tag + "' tag",
                                t.line);
        throw TemplateError(ErrorKind::syntax, std::string("unknown tag '") + tag + "'", t.line);
    }

    NodePtr parse_if(NodePtr node)
    {
        node->kind = NodeKind::if_;
        node->expr = expressions_.parse_tuple(true);
        expect_block_end();
        std::string found;
        node->body = subparse({"elif", "else", "endif"}, found);
        if (found == "elif") {
            auto elif = std::make_unique<Node>();
            elif->line = current().line;
            node->else_body.push_back(parse_if(std::move(elif)));
            return node; // the nested if consumed the endif
        }
        if (found == "else") {
            expect_block_end();
            node->else_body = subparse({"endif"}, found);
        }
        expect_block_end();
        return node;
    }

    std::vector<std::string> parse_targets()
    {
        std::vector<std::string> targets{expect_name()};
        while (skip_op(","))
            targets.push_back(expect_name());
        return targets;
    }

    NodePtr parse_for(NodePtr node)
    {
        node->kind = NodeKind::for_;
        node->targets = parse_targets();
        if (!skip_name("in"))
            fail(std::string("expected 'in' in the for loop, found ") + describe(current()));
        node->expr = expressions_.parse_tuple(false);
        if (skip_name("if"))
            node->condition = expressions_.parse_expression(true);
        skip_name("recursive");
        expect_block_end();
        std::string found;
        node->body = subparse({"else", "endfor"}, found);
        if (found == "else") {
            expect_block_end();
            node->else_body = subparse({"endfor"}, found);
        }
        expect_block_end();
        return node;
    }

    NodePtr parse_set(NodePtr node)
    {
        node->kind = NodeKind::set;
        if (current().kind == TokenKind::name && peek().kind == TokenKind::op &&
            peek().text == ".") {
            auto owner = make_expr(ExprKind::name, current().line);
            owner->name = expect_name();
            advance(); // .
            node->attribute_owner = std::move(owner);
            node->text = expect_name();
            expect_op("=");
            node->expr = expressions_.parse_tuple(true);
            expect_block_end();
            return node;
        }
        node->targets = parse_targets();
        if (skip_op("=")) {
            node->expr = expressions_.parse_tuple(true);
            expect_block_end();
            return node;
        }
        if (node->targets.size() != 1)
            fail("a block set assigns to exactly one name");
        // Block set, optionally filtered: {% set x | trim %}...{% endset %}
        node->block_set = true;
        if (is_op("|")) {
            auto placeholder = make_expr(ExprKind::name, current().line); // the body text
            node->expr = expressions_.parse_filter_chain(std::move(placeholder));
        }
        expect_block_end();
        std::string found;
        node->body = subparse({"endset"}, found);
        expect_block_end();
        return node;
    }

    NodePtr parse_macro(NodePtr node)
    {
        node->kind = NodeKind::macro;
        node->text = expect_name();
        expect_op("(");
        while (!is_op(")")) {
            if (!node->params.empty())
                expect_op(",");
            if (is_op(")"))
                break;
            MacroParam param;
            param.name = expect_name();
            if (skip_op("="))
                param.default_value = expressions_.parse_expression(true);
            node->params.push_back(std::move(param));
        }
        expect_op(")");
        expect_block_end();
        std::string found;
        node->body = subparse({"endmacro"}, found);
        skip_name(node->text); // {% endmacro name %} is allowed
        expect_block_end();
        return node;
    }

    NodePtr parse_call_block(NodePtr node)
    {
        node->kind = NodeKind::call_block;
        node->expr = expressions_.parse_expression(true);
        if (node->expr->kind != ExprKind::call)
            fail("expected a macro call after 'call'");
        expect_block_end();
        std::string found;
        node->body = subparse({"endcall"}, found);
        expect_block_end();
        return node;
    }

    NodePtr parse_filter_block(NodePtr node)
    {
        node->kind = NodeKind::filter_block;
        auto placeholder = make_expr(ExprKind::name, current().line); // the body text
        node->expr = expressions_.parse_filter_chain(std::move(placeholder), true);
        expect_block_end();
        std::string found;
        node->body = subparse({"endfilter"}, found);
        expect_block_end();
        return node;
    }

    ExpressionParser expressions_;
};

} // namespace

Body parse_template(const std::vector<Token>& tokens)
{
    CursorState state;
    return StatementParser(tokens, state).parse_all();
}

} // namespace kurabe::chat_template
