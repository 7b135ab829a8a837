// How the interpreter reports failure inside chat_template/: a TemplateError is thrown from
// deep in lexing, parsing or evaluation and caught at the ChatTemplate boundary, which turns it
// into a Result. (This mirrors Jinja2, whose errors are exceptions; it keeps the evaluator
// readable. No exception leaves chat_template/.)
#pragma once

#include <stdexcept>
#include <string>

namespace kurabe::chat_template {

enum class ErrorKind
{
    syntax,    // the template source is malformed (found by parse())
    raised,    // the template called raise_exception(message)
    undefined, // an undefined variable or attribute was used as a value
    type,      // an operation on values of the wrong type
    limit,     // a resource guard tripped (recursion depth, loop steps, output size)
};

class TemplateError : public std::runtime_error
{
public:
    TemplateError(ErrorKind kind, std::string message, int line = 0)
        : std::runtime_error(message), kind_(kind), line_(line)
    {}

    ErrorKind kind() const { return kind_; }
    int line() const { return line_; } // 1-based; 0 when not known
    void set_line_if_unknown(int line)
    {
        if (line_ == 0)
            line_ = line;
    }

private:
    ErrorKind kind_;
    int line_;
};

[[noreturn]] inline void throw_type_error(const std::string& message)
{
    throw TemplateError(ErrorKind::type, message);
}

} // namespace kurabe::chat_template
