// Runs a parsed template: statements write to the output, expressions compute Values.
// Scoping follows Jinja2: the template's top level is one scope (context variables, builtins
// and top-level sets); each for-loop iteration gets a fresh scope; a macro call sees only the
// top-level scope plus its own parameters; `if` opens no scope.
// Guards: macro recursion depth, total statements executed, and output size are bounded, so a
// hostile template fails with an error instead of exhausting the stack, the CPU or memory.
#pragma once

#include "chat_template/ast.h"
#include "chat_template/value.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace kurabe::chat_template {

class Evaluator
{
public:
    explicit Evaluator(Dict globals);

    // Throws TemplateError (with the line of the failing statement) on failure.
    std::string render(const Body& body);

private:
    enum class Flow
    {
        normal,
        break_loop,
        continue_loop,
    };
    using Frame = std::unordered_map<std::string, Value>;

    Flow exec(const Body& body, std::string& out);
    Flow exec_node(const Node& node, std::string& out);
    Flow exec_for(const Node& node, std::string& out);
    void exec_set(const Node& node);
    void define_macro(const Node& node);
    void exec_call_block(const Node& node, std::string& out);
    std::string render_body_with_filter(const Node& node, const Body& body);

    Value eval(const Expr& expr);
    Value eval_call(const Expr& expr, const Value* caller = nullptr);
    CallArgs eval_arguments(const Expr& expr, std::size_t first_positional);
    Value call_macro(const Node& macro, const CallArgs& args);

    Value lookup(const std::string& name) const;
    void assign(const std::string& name, Value value);
    void assign_targets(const std::vector<std::string>& targets, const Value& value);
    void count_step();
    void append(std::string& out, std::string_view text) const;

    std::vector<Frame> frames_; // [0] is the template's top level
    int macro_depth_ = 0;
    std::int64_t steps_ = 0;
};

} // namespace kurabe::chat_template
