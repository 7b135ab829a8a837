// Python methods templates call on values: str (strip, split, startswith, replace, ...),
// dict (items, keys, values, get) and list (index, count). `obj.name` yields a bound method
// that a following call invokes, as in Python.
#pragma once

#include "chat_template/value.h"

#include <optional>
#include <string_view>

namespace kurabe::chat_template {

// The method `name` of `object` bound to it, or nullopt when it has none of that name.
std::optional<Value> bound_method(const Value& object, std::string_view name);

} // namespace kurabe::chat_template
