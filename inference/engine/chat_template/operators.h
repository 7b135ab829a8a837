// Python's arithmetic, comparison and membership operators over template values, with
// Python's results and error messages ("can only concatenate str (not \"int\") to str").
#pragma once

#include "chat_template/value.h"

#include <string_view>

namespace kurabe::chat_template {

// op: + - * / // % ** ~ == != < <= > >= in, "not in". Throws TemplateError on type errors and
// when an operand is Undefined (except for ~, ==, != and in, which Undefined supports).
Value binary_operator(std::string_view op, const Value& left, const Value& right);

// op: - + not
Value unary_operator(std::string_view op, const Value& operand);

bool contains(const Value& container, const Value& item); // Python's `item in container`

} // namespace kurabe::chat_template
