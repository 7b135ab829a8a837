// The parsed template: statements (Node) holding expressions (Expr). Each carries the source
// line it came from, for error messages.
#pragma once

#include "chat_template/value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kurabe::chat_template {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind
{
    literal,     // value
    name,        // name
    list,        // args
    tuple,       // args
    dict,        // args: key0, value0, key1, value1, ...
    attribute,   // args[0].name
    subscript,   // args[0][args[1]]
    slice,       // args[0][args[1]:args[2]:args[3]]; a missing part is nullptr
    call,        // args[0](args[1..], kwargs)
    filter,      // args[0] | name(args[1..], kwargs)
    test,        // args[0] is [not] name(args[1..], kwargs)
    unary,       // name ("-", "+", "not") args[0]
    binary,      // args[0] name args[1]: arithmetic, comparison, in, not in, ~
    logical_and, // args[0] and args[1]
    logical_or,  // args[0] or args[1]
    conditional, // args[0] if args[1] else args[2] (args[2] may be nullptr)
};

struct Expr
{
    ExprKind kind;
    int line = 0;
    std::string name;
    Value value;
    bool negated = false; // `is not`
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
};

struct Node;
using NodePtr = std::unique_ptr<Node>;
using Body = std::vector<NodePtr>;

enum class NodeKind
{
    text,         // text
    output,       // {{ expr }}
    if_,          // if expr: body else else_body (elif is a nested if in else_body)
    for_,         // for targets in expr [if condition]: body else else_body
    set,          // set targets = expr; or set attribute_owner.name = expr; or block set: body
    macro,        // macro name(params) body
    call_block,   // {% call macro(args) %}body{% endcall %}: expr is the call, body is caller()
    filter_block, // {% filter f %}body{% endfilter %}: expr is a filter chain over a placeholder
    break_,
    continue_,
};

struct MacroParam
{
    std::string name;
    ExprPtr default_value; // nullptr when none
};

struct Node
{
    NodeKind kind;
    int line = 0;
    std::string text;                 // text node; macro name; attribute name for ns.attr sets
    std::vector<std::string> targets; // for/set target names
    ExprPtr expr;                     // output, condition, iterable, assigned value, filter
    ExprPtr condition;                // for-loop filter (`for x in xs if cond`)
    ExprPtr attribute_owner;          // the `ns` in `set ns.attr = ...`
    std::vector<MacroParam> params;   // macro parameters
    bool block_set = false;           // {% set x %}...{% endset %}: the body is the value
    Body body;
    Body else_body;
};

} // namespace kurabe::chat_template
