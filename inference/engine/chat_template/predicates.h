// Jinja's tests — the `x is defined`, `x is string`, `x is equalto 3` predicates — and the
// lookup select/reject use to apply them by name.
#pragma once

#include "chat_template/value.h"

#include <string_view>

namespace kurabe::chat_template {

bool has_test(std::string_view name);

// Throws TemplateError for an unknown test or bad arguments.
bool apply_test(std::string_view name, const Value& value, const CallArgs& args);

} // namespace kurabe::chat_template
