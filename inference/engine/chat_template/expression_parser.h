// Expressions by Jinja2's grammar and precedence (lowest first): `x if c else y`, or, and, not,
// comparisons and `in`, + -, ~, * / // %, **, unary - +, then primaries with .attr, [index],
// [a:b:c], (call), | filter and `is` test.
#pragma once

#include "chat_template/ast.h"
#include "chat_template/token_cursor.h"

namespace kurabe::chat_template {

ExprPtr make_expr(ExprKind kind, int line);

class ExpressionParser : private TokenCursor
{
public:
    ExpressionParser(const std::vector<Token>& tokens, CursorState& state)
        : TokenCursor(tokens, state)
    {}

    // An expression, or several separated by commas (a tuple without parentheses).
    ExprPtr parse_tuple(bool with_condexpr);
    ExprPtr parse_expression(bool with_condexpr);
    // `| filter(args)` and `is [not] test args`, repeated; `first_filter_without_pipe` is for
    // {% filter name %} blocks, whose first filter has no leading '|'.
    ExprPtr parse_filter_chain(ExprPtr node, bool first_filter_without_pipe = false);

private:
    ExprPtr parse_or();
    ExprPtr parse_and();
    ExprPtr parse_not();
    ExprPtr parse_compare();
    ExprPtr parse_math1();
    ExprPtr parse_concat();
    ExprPtr parse_math2();
    ExprPtr parse_pow();
    ExprPtr parse_unary(bool with_filter);
    ExprPtr parse_primary();
    ExprPtr parse_parenthesized();
    ExprPtr parse_list();
    ExprPtr parse_dict();
    ExprPtr parse_postfix(ExprPtr node);
    ExprPtr parse_subscript(ExprPtr object, int line);
    void parse_arguments(Expr& target);
    ExprPtr parse_call(ExprPtr callee);
    std::string parse_dotted_name();
    bool takes_bare_test_argument() const;
};

} // namespace kurabe::chat_template
