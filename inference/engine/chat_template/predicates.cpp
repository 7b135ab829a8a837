#include "chat_template/predicates.h"

#include "chat_template/operators.h"
#include "chat_template/template_error.h"
#include "chat_template/unicode_text.h"

#include <array>

namespace kurabe::chat_template {
namespace {

constexpr std::array<std::string_view, 33> test_names = {
    "defined", "undefined", "none",   "boolean",     "true",     "false",    "integer",
    "float",   "number",    "string", "mapping",     "iterable", "sequence", "callable",
    "sameas",  "equalto",   "eq",     "==",          "ne",       "!=",       "lt",
    "<",       "le",        "<=",     "gt",          ">",        "ge",       ">=",
    "in",      "odd",       "even",   "divisibleby", "lower",
};

const Value& operand(const CallArgs& args, std::string_view test)
{
    const Value* v = args.get(0, "other");
    if (v == nullptr)
        throw_type_error(std::string("the '") + std::string(test) + "' test needs an argument");
    return *v;
}

std::int64_t integer_of(const Value& v, std::string_view test)
{
    if (!v.is_int() && !v.is_bool())
        throw_type_error(std::string("the '") + std::string(test) +
                         "' test needs an integer, not " + type_name(v));
    return v.as_int();
}

} // namespace

bool has_test(std::string_view name)
{
    for (std::string_view t : test_names) {
        if (t == name)
            return true;
    }
    return name == "upper";
}

bool apply_test(std::string_view name, const Value& value, const CallArgs& args)
{
    if (name == "defined")
        return !value.is_undefined();
    if (name == "undefined")
        return value.is_undefined();
    if (name == "none")
        return value.is_none();
    if (name == "boolean")
        return value.is_bool();
    if (name == "true")
        return value.is_bool() && value.as_bool();
    if (name == "false")
        return value.is_bool() && !value.as_bool();
    if (name == "integer")
        return value.is_int();
    if (name == "float")
        return value.is_float();
    if (name == "number")
        return value.is_number();
    if (name == "string")
        return value.is_string();
    if (name == "mapping")
        return value.is_dict();
    // Undefined iterates as empty and has a length in Jinja2, so it passes these two.
    if (name == "iterable")
        return value.is_undefined() || value.is_string() || value.is_list() || value.is_dict();
    if (name == "sequence")
        return value.is_undefined() || value.is_string() || value.is_list() || value.is_dict();
    if (name == "callable")
        return value.is_callable();
    if (name == "sameas") {
        const Value& other = operand(args, name);
        if (value.kind() != other.kind())
            return false;
        if (value.is_none() || value.is_bool() || value.is_namespace() || value.is_callable())
            return equal(value, other);
        return value.is_int() && value.as_int() == other.as_int();
    }
    if (name == "equalto" || name == "eq" || name == "==")
        return equal(value, operand(args, name));
    if (name == "ne" || name == "!=")
        return !equal(value, operand(args, name));
    if (name == "lt" || name == "<")
        return less(value, operand(args, name));
    if (name == "le" || name == "<=")
        return !less(operand(args, name), value);
    if (name == "gt" || name == ">")
        return less(operand(args, name), value);
    if (name == "ge" || name == ">=")
        return !less(value, operand(args, name));
    if (name == "in") {
        const Value* container = args.get(0, "seq");
        if (container == nullptr)
            throw_type_error("the 'in' test needs an argument");
        return contains(*container, value);
    }
    if (name == "odd" || name == "even") {
        const std::int64_t i = integer_of(value, name);
        return (i % 2 != 0) == (name == "odd");
    }
    if (name == "divisibleby") {
        const Value* divisor = args.get(0, "num");
        if (divisor == nullptr)
            throw_type_error("the 'divisibleby' test needs an argument");
        const std::int64_t d = integer_of(*divisor, name);
        if (d == 0)
            throw_type_error("integer division or modulo by zero");
        return integer_of(value, name) % d == 0;
    }
    if (name == "lower" || name == "upper") {
        const std::string s = to_str(value);
        return name == "lower" ? text::to_lower(s) == s : text::to_upper(s) == s;
    }
    throw TemplateError(ErrorKind::syntax,
                        std::string("No test named '") + std::string(name) + "'.");
}

} // namespace kurabe::chat_template
