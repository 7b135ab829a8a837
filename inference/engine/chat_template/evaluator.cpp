#include "chat_template/evaluator.h"

#include "chat_template/access.h"
#include "chat_template/filters.h"
#include "chat_template/operators.h"
#include "chat_template/predicates.h"
#include "chat_template/template_error.h"

#include <utility>

namespace kurabe::chat_template {
namespace {

constexpr int max_macro_depth = 100;
constexpr std::int64_t max_steps = 2'000'000;       // statements and loop iterations
constexpr std::size_t max_output_bytes = 64u << 20; // per render, and per block/macro body
const std::string placeholder_name;                 // the body text in filter blocks

// Restores the caller's scopes when a macro call ends, normally or by an error.
class ScopeSwap
{
public:
    ScopeSwap(std::vector<std::unordered_map<std::string, Value>>& frames,
              std::vector<std::unordered_map<std::string, Value>> replacement)
        : frames_(frames), saved_(std::move(frames))
    {
        frames_ = std::move(replacement);
    }
    ~ScopeSwap() { frames_ = std::move(saved_); }
    ScopeSwap(const ScopeSwap&) = delete;
    ScopeSwap& operator=(const ScopeSwap&) = delete;

private:
    std::vector<std::unordered_map<std::string, Value>>& frames_;
    std::vector<std::unordered_map<std::string, Value>> saved_;
};

} // namespace

Evaluator::Evaluator(Dict globals)
{
    frames_.emplace_back();
    for (auto& [name, value] : globals.items)
        frames_.front()[name] = std::move(value);
}

std::string Evaluator::render(const Body& body)
{
    std::string out;
    exec(body, out);
    return out;
}

void Evaluator::count_step()
{
    if (++steps_ > max_steps)
        throw TemplateError(ErrorKind::limit, std::string("the template ran more than ") +
                                                  std::to_string(max_steps) +
                                                  " steps; it may be looping without end");
}

void Evaluator::append(std::string& out, std::string_view text) const
{
    if (out.size() + text.size() > max_output_bytes)
        throw TemplateError(ErrorKind::limit, std::string("the template's output grew beyond ") +
                                                  std::to_string(max_output_bytes >> 20) + " MiB");
    out += text;
}

Value Evaluator::lookup(const std::string& name) const
{
    for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
        const auto found = frame->find(name);
        if (found != frame->end())
            return found->second;
    }
    return Value::undefined(std::string("'") + name + "' is undefined");
}

void Evaluator::assign(const std::string& name, Value value)
{
    frames_.back()[name] = std::move(value);
}

void Evaluator::assign_targets(const std::vector<std::string>& targets, const Value& value)
{
    if (targets.size() == 1) {
        assign(targets.front(), value);
        return;
    }
    const List items = iterate(value);
    if (items.size() != targets.size()) {
        const std::string expected = std::to_string(targets.size());
        if (items.size() > targets.size())
            throw_type_error(std::string("too many values to unpack (expected ") + expected + ")");
        throw_type_error(std::string("not enough values to unpack (expected ") + expected +
                         ", got " + std::to_string(items.size()) + ")");
    }
    for (std::size_t i = 0; i < targets.size(); ++i)
        assign(targets[i], items[i]);
}

Evaluator::Flow Evaluator::exec(const Body& body, std::string& out)
{
    for (const NodePtr& node : body) {
        const Flow flow = exec_node(*node, out);
        if (flow != Flow::normal)
            return flow;
    }
    return Flow::normal;
}

Evaluator::Flow Evaluator::exec_node(const Node& node, std::string& out)
{
    count_step();
    try {
        switch (node.kind) {
        case NodeKind::text:
            append(out, node.text);
            return Flow::normal;
        case NodeKind::output:
            append(out, to_str(eval(*node.expr)));
            return Flow::normal;
        case NodeKind::if_:
            return exec(truthy(eval(*node.expr)) ? node.body : node.else_body, out);
        case NodeKind::for_:
            return exec_for(node, out);
        case NodeKind::set:
            exec_set(node);
            return Flow::normal;
        case NodeKind::macro:
            define_macro(node);
            return Flow::normal;
        case NodeKind::call_block:
            exec_call_block(node, out);
            return Flow::normal;
        case NodeKind::filter_block:
            append(out, render_body_with_filter(node, node.body));
            return Flow::normal;
        case NodeKind::break_:
            return Flow::break_loop;
        case NodeKind::continue_:
            return Flow::continue_loop;
        }
    } catch (TemplateError& error) {
        error.set_line_if_unknown(node.line);
        throw;
    }
    return Flow::normal;
}

Evaluator::Flow Evaluator::exec_for(const Node& node, std::string& out)
{
    const Value iterable = eval(*node.expr);
    List items = iterate(iterable);
    if (node.condition) { // `for x in xs if cond` filters before loop.* is computed
        List kept;
        for (const Value& item : items) {
            count_step();
            frames_.emplace_back();
            assign_targets(node.targets, item);
            const bool keep = truthy(eval(*node.condition));
            frames_.pop_back();
            if (keep)
                kept.push_back(item);
        }
        items = std::move(kept);
    }
    if (items.empty())
        return exec(node.else_body, out);
    const auto length = static_cast<std::int64_t>(items.size());
    for (std::int64_t i = 0; i < length; ++i) {
        count_step();
        const auto index = static_cast<std::size_t>(i);
        Dict loop;
        loop.set("index", Value(i + 1));
        loop.set("index0", Value(i));
        loop.set("revindex", Value(length - i));
        loop.set("revindex0", Value(length - i - 1));
        loop.set("first", Value(i == 0));
        loop.set("last", Value(i == length - 1));
        loop.set("length", Value(length));
        loop.set("depth", Value(1));
        loop.set("depth0", Value(0));
        loop.set("previtem",
                 i > 0 ? items[index - 1] : Value::undefined("there is no previous item"));
        loop.set("nextitem",
                 i + 1 < length ? items[index + 1] : Value::undefined("there is no next item"));
        loop.set("cycle", Value::function("loop.cycle", [i](const CallArgs& args) {
                     if (args.positional.empty())
                         throw_type_error("no items for cycling given");
                     return args.positional[static_cast<std::size_t>(i) % args.positional.size()];
                 }));
        frames_.emplace_back();
        assign("loop", Value(std::move(loop)));
        assign_targets(node.targets, items[index]);
        const Flow flow = exec(node.body, out);
        frames_.pop_back();
        if (flow == Flow::break_loop)
            break;
    }
    return Flow::normal;
}

void Evaluator::exec_set(const Node& node)
{
    if (node.attribute_owner) {
        const Value owner = eval(*node.attribute_owner);
        if (!owner.is_namespace())
            throw_type_error("cannot assign attribute on non-namespace object");
        owner.as_namespace().attributes.set(node.text, eval(*node.expr));
        return;
    }
    if (!node.block_set) {
        assign_targets(node.targets, eval(*node.expr));
        return;
    }
    assign(node.targets.front(), Value(render_body_with_filter(node, node.body)));
}

// Renders a block body and, when the node has a filter chain over the body placeholder
// ({% filter f %} or {% set x | f %}), applies it.
std::string Evaluator::render_body_with_filter(const Node& node, const Body& body)
{
    std::string text;
    exec(body, text);
    if (!node.expr)
        return text;
    frames_.emplace_back();
    assign(placeholder_name, Value(std::move(text)));
    Value filtered = eval(*node.expr);
    frames_.pop_back();
    return to_str(filtered);
}

void Evaluator::define_macro(const Node& node)
{
    const Node* macro = &node;
    assign(node.text, Value::function(node.text, [this, macro](const CallArgs& args) {
               return call_macro(*macro, args);
           }));
}

Value Evaluator::call_macro(const Node& macro, const CallArgs& args)
{
    if (macro_depth_ >= max_macro_depth)
        throw TemplateError(ErrorKind::limit, std::string("macro calls nested more than ") +
                                                  std::to_string(max_macro_depth) + " deep");
    if (args.positional.size() > macro.params.size())
        throw_type_error(std::string("macro '") + macro.text + "' takes not more than " +
                         std::to_string(macro.params.size()) + " argument(s)");
    std::vector<Frame> scopes;
    scopes.push_back(frames_.front());
    ScopeSwap swap(frames_, std::move(scopes));
    frames_.emplace_back();
    for (const auto& [key, value] : args.keyword) {
        bool known = key == "caller";
        for (const MacroParam& param : macro.params)
            known = known || param.name == key;
        if (!known)
            throw_type_error(std::string("macro '") + macro.text + "' takes no keyword argument '" +
                             key + "'");
        if (key == "caller")
            assign(key, value);
    }
    for (std::size_t i = 0; i < macro.params.size(); ++i) {
        const MacroParam& param = macro.params[i];
        const Value* given = args.get(i, param.name);
        if (given)
            assign(param.name, *given);
        else if (param.default_value)
            assign(param.name, eval(*param.default_value));
        else
            assign(param.name, Value::undefined(std::string("parameter '") + param.name +
                                                "' was not provided"));
    }
    ++macro_depth_;
    std::string out;
    exec(macro.body, out);
    --macro_depth_;
    return Value(std::move(out));
}

void Evaluator::exec_call_block(const Node& node, std::string& out)
{
    const Node* block = &node;
    const std::vector<Frame> call_site = frames_;
    const Value caller = Value::function("caller", [this, block, call_site](const CallArgs&) {
        ScopeSwap swap(frames_, call_site);
        std::string text;
        exec(block->body, text);
        return Value(std::move(text));
    });
    append(out, to_str(eval_call(*node.expr, &caller)));
}

CallArgs Evaluator::eval_arguments(const Expr& expr, std::size_t first_positional)
{
    CallArgs args;
    for (std::size_t i = first_positional; i < expr.args.size(); ++i)
        args.positional.push_back(eval(*expr.args[i]));
    for (const auto& [key, value] : expr.kwargs)
        args.keyword.emplace_back(key, eval(*value));
    return args;
}

Value Evaluator::eval_call(const Expr& expr, const Value* caller)
{
    const Value callee = eval(*expr.args[0]);
    callee.require_defined();
    if (!callee.is_callable())
        throw_type_error(std::string("'") + type_name(callee) + "' object is not callable");
    CallArgs args = eval_arguments(expr, 1);
    if (caller)
        args.keyword.emplace_back("caller", *caller);
    return callee.as_callable()(args);
}

Value Evaluator::eval(const Expr& expr)
{
    switch (expr.kind) {
    case ExprKind::literal:
        return expr.value;
    case ExprKind::name:
        return lookup(expr.name);
    case ExprKind::list:
    case ExprKind::tuple: {
        List items;
        for (const ExprPtr& element : expr.args)
            items.push_back(eval(*element));
        return Value(std::move(items), expr.kind == ExprKind::tuple);
    }
    case ExprKind::dict: {
        Dict dict;
        for (std::size_t i = 0; i + 1 < expr.args.size(); i += 2) {
            const Value key = eval(*expr.args[i]);
            if (!key.is_string())
                throw_type_error(std::string("dictionary keys in templates must be strings, not ") +
                                 type_name(key));
            dict.set(key.as_string(), eval(*expr.args[i + 1]));
        }
        return Value(std::move(dict));
    }
    case ExprKind::attribute:
        return get_attribute(eval(*expr.args[0]), expr.name);
    case ExprKind::subscript: {
        const Value object = eval(*expr.args[0]);
        return get_item(object, eval(*expr.args[1]));
    }
    case ExprKind::slice: {
        const Value object = eval(*expr.args[0]);
        Value parts[3];
        const Value* pointers[3] = {nullptr, nullptr, nullptr};
        for (int i = 0; i < 3; ++i) {
            if (expr.args[static_cast<std::size_t>(i) + 1]) {
                parts[i] = eval(*expr.args[static_cast<std::size_t>(i) + 1]);
                pointers[i] = &parts[i];
            }
        }
        return get_slice(object, pointers[0], pointers[1], pointers[2]);
    }
    case ExprKind::call:
        return eval_call(expr);
    case ExprKind::filter: {
        const Value input = eval(*expr.args[0]);
        return apply_filter(expr.name, input, eval_arguments(expr, 1));
    }
    case ExprKind::test: {
        const Value input = eval(*expr.args[0]);
        const bool result = apply_test(expr.name, input, eval_arguments(expr, 1));
        return Value(result != expr.negated);
    }
    case ExprKind::unary:
        return unary_operator(expr.name, eval(*expr.args[0]));
    case ExprKind::binary: {
        const Value left = eval(*expr.args[0]);
        return binary_operator(expr.name, left, eval(*expr.args[1]));
    }
    case ExprKind::logical_and: {
        Value left = eval(*expr.args[0]);
        return truthy(left) ? eval(*expr.args[1]) : left;
    }
    case ExprKind::logical_or: {
        Value left = eval(*expr.args[0]);
        return truthy(left) ? left : eval(*expr.args[1]);
    }
    case ExprKind::conditional:
        if (truthy(eval(*expr.args[1])))
            return eval(*expr.args[0]);
        if (expr.args[2])
            return eval(*expr.args[2]);
        return Value::undefined(std::string("the inline if-expression on line ") +
                                std::to_string(expr.line) +
                                " evaluated to false and no else section was defined.");
    }
    return Value::none();
}

} // namespace kurabe::chat_template
