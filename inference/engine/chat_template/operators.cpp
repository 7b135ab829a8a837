#include "chat_template/operators.h"

#include "chat_template/template_error.h"

#include <cmath>
#include <limits>

namespace kurabe::chat_template {
namespace {

// Strings and lists built by * are capped so that "x" * 10**12 cannot exhaust memory.
constexpr std::int64_t max_repeat_bytes = 64ll << 20;

[[noreturn]] void unsupported(std::string_view op, const Value& a, const Value& b)
{
    throw_type_error(std::string("unsupported operand type(s) for ") + std::string(op) + ": '" +
                     type_name(a) + "' and '" + type_name(b) + "'");
}

[[noreturn]] void overflow()
{
    throw TemplateError(ErrorKind::limit, "integer overflow in template arithmetic");
}

Value repeat(const Value& sequence, std::int64_t times)
{
    if (times <= 0)
        return sequence.is_string() ? Value(std::string()) : Value(List{});
    if (sequence.is_string()) {
        const auto size = static_cast<std::int64_t>(sequence.as_string().size());
        if (size > 0 && times > max_repeat_bytes / size)
            throw TemplateError(ErrorKind::limit, "string repetition too large");
        std::string out;
        out.reserve(static_cast<std::size_t>(size * times));
        for (std::int64_t i = 0; i < times; ++i)
            out += sequence.as_string();
        return Value(std::move(out));
    }
    const auto size = static_cast<std::int64_t>(sequence.as_list().size());
    if (size > 0 && times > max_repeat_bytes / 64 / size)
        throw TemplateError(ErrorKind::limit, "list repetition too large");
    List out;
    for (std::int64_t i = 0; i < times; ++i)
        out.insert(out.end(), sequence.as_list().begin(), sequence.as_list().end());
    return Value(std::move(out));
}

double float_modulo(double a, double b)
{
    double r = std::fmod(a, b);
    if (r != 0.0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

Value arithmetic(std::string_view op, const Value& a, const Value& b)
{
    const bool ints = (a.is_int() || a.is_bool()) && (b.is_int() || b.is_bool());
    if (op == "/") {
        if (b.as_float() == 0.0)
            throw_type_error("division by zero");
        return Value(a.as_float() / b.as_float());
    }
    if (ints) {
        const std::int64_t x = a.as_int();
        const std::int64_t y = b.as_int();
        std::int64_t r = 0;
        if (op == "+") {
            if (__builtin_add_overflow(x, y, &r))
                overflow();
            return Value(r);
        }
        if (op == "-") {
            if (__builtin_sub_overflow(x, y, &r))
                overflow();
            return Value(r);
        }
        if (op == "*") {
            if (__builtin_mul_overflow(x, y, &r))
                overflow();
            return Value(r);
        }
        if (op == "//" || op == "%") {
            if (y == 0)
                throw_type_error("integer division or modulo by zero");
            if (x == std::numeric_limits<std::int64_t>::min() && y == -1)
                overflow();
            std::int64_t q = x / y;
            std::int64_t m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) { // Python floors toward negative infinity
                --q;
                m += y;
            }
            return Value(op == "//" ? q : m);
        }
        if (op == "**") {
            if (y < 0)
                return Value(std::pow(static_cast<double>(x), static_cast<double>(y)));
            if (x == 0 || x == 1)
                return Value(y == 0 ? std::int64_t{1} : x);
            if (x == -1)
                return Value(y % 2 == 0 ? std::int64_t{1} : std::int64_t{-1});
            std::int64_t result = 1; // |x| >= 2 overflows within 64 steps
            for (std::int64_t i = 0; i < y; ++i) {
                if (__builtin_mul_overflow(result, x, &result))
                    overflow();
            }
            return Value(result);
        }
    }
    const double x = a.as_float();
    const double y = b.as_float();
    if (op == "+")
        return Value(x + y);
    if (op == "-")
        return Value(x - y);
    if (op == "*")
        return Value(x * y);
    if (op == "**")
        return Value(std::pow(x, y));
    if (y == 0.0)
        throw_type_error("float division by zero");
    if (op == "//")
        return Value(std::floor(x / y));
    return Value(float_modulo(x, y));
}

} // namespace

bool contains(const Value& container, const Value& item)
{
    switch (container.kind()) {
    case Kind::undefined:
        return false;
    case Kind::string:
        if (!item.is_string())
            throw_type_error(std::string("'in <string>' requires string as left operand, not ") +
                             type_name(item));
        return container.as_string().find(item.as_string()) != std::string::npos;
    case Kind::list:
        for (const Value& element : container.as_list()) {
            if (equal(element, item))
                return true;
        }
        return false;
    case Kind::dict:
        return item.is_string() && container.as_dict().find(item.as_string()) != nullptr;
    default:
        throw_type_error(std::string("argument of type '") + type_name(container) +
                         "' is not iterable");
    }
}

Value binary_operator(std::string_view op, const Value& left, const Value& right)
{
    if (op == "~")
        return Value(to_str(left) + to_str(right));
    if (op == "==")
        return Value(equal(left, right));
    if (op == "!=")
        return Value(!equal(left, right));
    if (op == "in")
        return Value(contains(right, left));
    if (op == "not in")
        return Value(!contains(right, left));
    left.require_defined();
    right.require_defined();
    if (op == "<")
        return Value(less(left, right));
    if (op == ">")
        return Value(less(right, left));
    if (op == "<=")
        return Value(!less(right, left));
    if (op == ">=")
        return Value(!less(left, right));
    if (op == "+") {
        if (left.is_string() || right.is_string()) {
            if (left.is_markup() != right.is_markup() && left.is_string() && right.is_string()) {
                const std::string l =
                    left.is_markup() ? left.as_string() : html_escape(left.as_string());
                const std::string r =
                    right.is_markup() ? right.as_string() : html_escape(right.as_string());
                return Value::markup(l + r);
            }
            if (left.is_string() && right.is_string())
                return left.is_markup() ? Value::markup(left.as_string() + right.as_string())
                                        : Value(left.as_string() + right.as_string());
            if (left.is_string())
                throw_type_error(std::string("can only concatenate str (not \"") +
                                 type_name(right) + "\") to str");
            unsupported(op, left, right);
        }
        if (left.is_list() || right.is_list()) {
            if (!(left.is_list() && right.is_list()) || left.is_tuple() != right.is_tuple()) {
                if (left.is_list())
                    throw_type_error(std::string("can only concatenate ") + type_name(left) +
                                     " (not \"" + type_name(right) + "\") to " + type_name(left));
                unsupported(op, left, right);
            }
            List joined = left.as_list();
            joined.insert(joined.end(), right.as_list().begin(), right.as_list().end());
            return Value(std::move(joined), left.is_tuple());
        }
    }
    if (op == "*") {
        if ((left.is_string() || left.is_list()) && (right.is_int() || right.is_bool()))
            return repeat(left, right.as_int());
        if ((right.is_string() || right.is_list()) && (left.is_int() || left.is_bool()))
            return repeat(right, left.as_int());
    }
    if (op == "%" && left.is_string())
        throw_type_error("printf-style string formatting with % is not supported");
    if (left.is_number() && right.is_number())
        return arithmetic(op, left, right);
    unsupported(op, left, right);
}

Value unary_operator(std::string_view op, const Value& operand)
{
    if (op == "not")
        return Value(!truthy(operand));
    operand.require_defined();
    if (!operand.is_number())
        throw_type_error(std::string("bad operand type for unary ") + std::string(op) + ": '" +
                         type_name(operand) + "'");
    if (op == "+")
        return operand.is_bool() ? Value(operand.as_int()) : operand;
    if (operand.is_float())
        return Value(-operand.as_float());
    return Value(-operand.as_int());
}

} // namespace kurabe::chat_template
