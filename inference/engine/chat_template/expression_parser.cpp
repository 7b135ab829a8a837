#include "chat_template/expression_parser.h"

#include <algorithm>

namespace kurabe::chat_template {
namespace {

ExprPtr make_binary(ExprKind kind, std::string op, ExprPtr left, ExprPtr right, int line)
{
    ExprPtr e = make_expr(kind, line);
    e->name = std::move(op);
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    return e;
}

} // namespace

ExprPtr make_expr(ExprKind kind, int line)
{
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->line = line;
    return e;
}

// An expression, or several separated by commas (a tuple without parentheses).
ExprPtr ExpressionParser::parse_tuple(bool with_condexpr)
{
    const int line = current().line;
    ExprPtr first = parse_expression(with_condexpr);
    if (!is_op(","))
        return first;
    ExprPtr tuple = make_expr(ExprKind::tuple, line);
    tuple->args.push_back(std::move(first));
    while (skip_op(",")) {
        if (current().kind == TokenKind::block_end || current().kind == TokenKind::variable_end ||
            is_op(")"))
            break;
        tuple->args.push_back(parse_expression(with_condexpr));
    }
    return tuple;
}

ExprPtr ExpressionParser::parse_expression(bool with_condexpr)
{
    DepthGuard guard(*this);
    if (!with_condexpr)
        return parse_or();
    ExprPtr expr = parse_or();
    while (is_name("if")) {
        const int line = current().line;
        advance();
        ExprPtr condition = parse_or();
        ExprPtr otherwise;
        if (skip_name("else"))
            otherwise = parse_expression(true);
        ExprPtr conditional = make_expr(ExprKind::conditional, line);
        conditional->args.push_back(std::move(expr));
        conditional->args.push_back(std::move(condition));
        conditional->args.push_back(std::move(otherwise));
        expr = std::move(conditional);
    }
    return expr;
}

ExprPtr ExpressionParser::parse_or()
{
    ExprPtr left = parse_and();
    while (is_name("or")) {
        const int line = current().line;
        advance();
        left = make_binary(ExprKind::logical_or, "or", std::move(left), parse_and(), line);
    }
    return left;
}

ExprPtr ExpressionParser::parse_and()
{
    ExprPtr left = parse_not();
    while (is_name("and")) {
        const int line = current().line;
        advance();
        left = make_binary(ExprKind::logical_and, "and", std::move(left), parse_not(), line);
    }
    return left;
}

ExprPtr ExpressionParser::parse_not()
{
    if (is_name("not")) {
        DepthGuard guard(*this);
        const int line = current().line;
        advance();
        ExprPtr e = make_expr(ExprKind::unary, line);
        e->name = "not";
        e->args.push_back(parse_not());
        return e;
    }
    return parse_compare();
}

ExprPtr ExpressionParser::parse_compare()
{
    ExprPtr left = parse_math1();
    ExprPtr result;
    while (true) {
        const int line = current().line;
        std::string op;
        if (current().kind == TokenKind::op && (is_op("==") || is_op("!=") || is_op("<") ||
                                                is_op("<=") || is_op(">") || is_op(">="))) {
            op = current().text;
            advance();
        } else if (is_name("in")) {
            op = "in";
            advance();
        } else if (is_name("not") && peek().kind == TokenKind::name && peek().text == "in") {
            op = "not in";
            advance();
            advance();
        } else {
            break;
        }
        // Chains such as a < b < c mean (a < b) and (b < c); the middle operand is parsed
        // once per comparison it takes part in.
        const std::size_t right_start = pos_;
        ExprPtr right = parse_math1();
        const std::size_t right_end = pos_;
        ExprPtr comparison =
            make_binary(ExprKind::binary, op, std::move(left), std::move(right), line);
        result = result ? make_binary(ExprKind::logical_and, "and", std::move(result),
                                      std::move(comparison), line)
                        : std::move(comparison);
        const std::size_t resume = pos_;
        pos_ = right_start;
        left = parse_math1();
        pos_ = std::max(resume, right_end);
    }
    return result ? std::move(result) : std::move(left);
}

ExprPtr ExpressionParser::parse_math1()
{
    ExprPtr left = parse_concat();
    while (is_op("+") || is_op("-")) {
        const int line = current().line;
        std::string op = current().text;
        advance();
        left = make_binary(ExprKind::binary, op, std::move(left), parse_concat(), line);
    }
    return left;
}

ExprPtr ExpressionParser::parse_concat()
{
    ExprPtr left = parse_math2();
    while (is_op("~")) {
        const int line = current().line;
        advance();
        left = make_binary(ExprKind::binary, "~", std::move(left), parse_math2(), line);
    }
    return left;
}

ExprPtr ExpressionParser::parse_math2()
{
    ExprPtr left = parse_pow();
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
        const int line = current().line;
        std::string op = current().text;
        advance();
        left = make_binary(ExprKind::binary, op, std::move(left), parse_pow(), line);
    }
    return left;
}

ExprPtr ExpressionParser::parse_pow()
{
    ExprPtr left = parse_unary(true);
    while (is_op("**")) {
        const int line = current().line;
        advance();
        left = make_binary(ExprKind::binary, "**", std::move(left), parse_unary(true), line);
    }
    return left;
}

ExprPtr ExpressionParser::parse_unary(bool with_filter)
{
    DepthGuard guard(*this);
    ExprPtr node;
    if (is_op("-") || is_op("+")) {
        const int line = current().line;
        std::string op = current().text;
        advance();
        node = make_expr(ExprKind::unary, line);
        node->name = op;
        node->args.push_back(parse_unary(false));
    } else {
        node = parse_primary();
    }
    node = parse_postfix(std::move(node));
    if (with_filter)
        node = parse_filter_chain(std::move(node));
    return node;
}

ExprPtr ExpressionParser::parse_primary()
{
    const Token& t = current();
    const int line = t.line;
    switch (t.kind) {
    case TokenKind::name: {
        ExprPtr e = make_expr(ExprKind::literal, line);
        if (t.text == "true" || t.text == "True") {
            e->value = Value(true);
        } else if (t.text == "false" || t.text == "False") {
            e->value = Value(false);
        } else if (t.text == "none" || t.text == "None") {
            e->value = Value::none();
        } else {
            e->kind = ExprKind::name;
            e->name = t.text;
        }
        advance();
        return e;
    }
    case TokenKind::string: {
        std::string s;
        while (current().kind == TokenKind::string) { // adjacent literals concatenate
            s += current().text;
            advance();
        }
        ExprPtr e = make_expr(ExprKind::literal, line);
        e->value = Value(std::move(s));
        return e;
    }
    case TokenKind::integer: {
        ExprPtr e = make_expr(ExprKind::literal, line);
        e->value = Value(t.integer);
        advance();
        return e;
    }
    case TokenKind::floating: {
        ExprPtr e = make_expr(ExprKind::literal, line);
        e->value = Value(t.floating);
        advance();
        return e;
    }
    case TokenKind::op:
        if (t.text == "(")
            return parse_parenthesized();
        if (t.text == "[")
            return parse_list();
        if (t.text == "{")
            return parse_dict();
        break;
    default:
        break;
    }
    fail(std::string("unexpected ") + describe(t) + " in an expression");
}

ExprPtr ExpressionParser::parse_parenthesized()
{
    const int line = current().line;
    advance(); // (
    if (skip_op(")"))
        return make_expr(ExprKind::tuple, line);
    ExprPtr first = parse_expression(true);
    if (skip_op(")"))
        return first;
    ExprPtr tuple = make_expr(ExprKind::tuple, line);
    tuple->args.push_back(std::move(first));
    while (skip_op(",")) {
        if (is_op(")"))
            break;
        tuple->args.push_back(parse_expression(true));
    }
    expect_op(")");
    return tuple;
}

ExprPtr ExpressionParser::parse_list()
{
    ExprPtr list = make_expr(ExprKind::list, current().line);
    advance(); // [
    while (!is_op("]")) {
        if (!list->args.empty())
            expect_op(",");
        if (is_op("]"))
            break;
        list->args.push_back(parse_expression(true));
    }
    expect_op("]");
    return list;
}

ExprPtr ExpressionParser::parse_dict()
{
    ExprPtr dict = make_expr(ExprKind::dict, current().line);
    advance(); // {
    while (!is_op("}")) {
        if (!dict->args.empty())
            expect_op(",");
        if (is_op("}"))
            break;
        dict->args.push_back(parse_expression(true));
        expect_op(":");
        dict->args.push_back(parse_expression(true));
    }
    expect_op("}");
    return dict;
}

ExprPtr ExpressionParser::parse_postfix(ExprPtr node)
{
    while (true) {
        const int line = current().line;
        if (is_op(".")) {
            advance();
            ExprPtr e = make_expr(ExprKind::attribute, line);
            if (current().kind == TokenKind::integer) { // foo.0 is foo[0]
                e->kind = ExprKind::subscript;
                e->args.push_back(std::move(node));
                ExprPtr index = make_expr(ExprKind::literal, line);
                index->value = Value(current().integer);
                advance();
                e->args.push_back(std::move(index));
            } else {
                e->name = expect_name();
                e->args.push_back(std::move(node));
            }
            node = std::move(e);
        } else if (is_op("[")) {
            advance();
            node = parse_subscript(std::move(node), line);
        } else if (is_op("(")) {
            node = parse_call(std::move(node));
        } else {
            return node;
        }
    }
}

ExprPtr ExpressionParser::parse_subscript(ExprPtr object, int line)
{
    ExprPtr parts[3];
    bool is_slice = false;
    for (int i = 0; i < 3; ++i) {
        if (!is_op(":") && !is_op("]"))
            parts[i] = parse_expression(true);
        if (i < 2 && skip_op(":")) {
            is_slice = true;
            continue;
        }
        break;
    }
    expect_op("]");
    if (!is_slice) {
        if (!parts[0])
            fail("expected an index inside '[]'");
        ExprPtr e = make_expr(ExprKind::subscript, line);
        e->args.push_back(std::move(object));
        e->args.push_back(std::move(parts[0]));
        return e;
    }
    ExprPtr e = make_expr(ExprKind::slice, line);
    e->args.push_back(std::move(object));
    for (ExprPtr& part : parts)
        e->args.push_back(std::move(part));
    return e;
}

// Arguments in parentheses: positional first, then name=value.
void ExpressionParser::parse_arguments(Expr& target)
{
    expect_op("(");
    bool first = true;
    while (!is_op(")")) {
        if (!first)
            expect_op(",");
        first = false;
        if (is_op(")"))
            break;
        if (current().kind == TokenKind::name && peek().kind == TokenKind::op &&
            peek().text == "=") {
            std::string key = expect_name();
            advance(); // =
            target.kwargs.emplace_back(std::move(key), parse_expression(true));
            continue;
        }
        if (!target.kwargs.empty())
            fail("positional argument after a keyword argument");
        target.args.push_back(parse_expression(true));
    }
    expect_op(")");
}

ExprPtr ExpressionParser::parse_call(ExprPtr callee)
{
    ExprPtr e = make_expr(ExprKind::call, current().line);
    e->args.push_back(std::move(callee));
    parse_arguments(*e);
    return e;
}

std::string ExpressionParser::parse_dotted_name()
{
    std::string name = expect_name();
    while (is_op(".") && peek().kind == TokenKind::name) {
        advance();
        name += std::string(".") + expect_name();
    }
    return name;
}

// `| filter(args)` and `is [not] test args`, repeated; `first_filter_without_pipe` is for
// {% filter name %} blocks, whose first filter has no leading '|'.
ExprPtr ExpressionParser::parse_filter_chain(ExprPtr node, bool first_filter_without_pipe)
{
    bool pending_filter = first_filter_without_pipe;
    while (true) {
        const int line = current().line;
        if (pending_filter || is_op("|")) {
            if (!pending_filter)
                advance();
            pending_filter = false;
            ExprPtr e = make_expr(ExprKind::filter, line);
            e->name = parse_dotted_name();
            e->args.push_back(std::move(node));
            if (is_op("("))
                parse_arguments(*e);
            node = std::move(e);
        } else if (is_name("is")) {
            advance();
            ExprPtr e = make_expr(ExprKind::test, line);
            e->negated = skip_name("not");
            e->name = parse_dotted_name();
            e->args.push_back(std::move(node));
            if (is_op("(")) {
                parse_arguments(*e);
            } else if (takes_bare_test_argument()) {
                e->args.push_back(parse_postfix(parse_primary()));
            }
            node = std::move(e);
        } else if (is_op("(")) {
            node = parse_call(std::move(node));
        } else {
            return node;
        }
    }
}

// `x is divisibleby 3`, `x is sameas none`: a test may take one argument without
// parentheses when a primary expression follows.
bool ExpressionParser::takes_bare_test_argument() const
{
    const Token& t = current();
    if (t.kind == TokenKind::name)
        return t.text != "else" && t.text != "or" && t.text != "and" && t.text != "if" &&
               t.text != "in" && t.text != "not" && t.text != "is";
    if (t.kind == TokenKind::string || t.kind == TokenKind::integer ||
        t.kind == TokenKind::floating)
        return true;
    return t.kind == TokenKind::op && (t.text == "[" || t.text == "{");
}

} // namespace kurabe::chat_template
