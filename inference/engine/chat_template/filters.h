// Jinja's filters (`value | name(args)`): text (trim, upper, indent, replace, ...), sequences
// (length, join, first, map, select, selectattr, unique, sort, ...), conversions (string, int,
// float, list, items) and tojson, which writes what Python's json.dumps(value,
// ensure_ascii=False) writes.
#pragma once

#include "chat_template/value.h"

#include <string_view>

namespace kurabe::chat_template {

bool has_filter(std::string_view name);

// Throws TemplateError for an unknown filter, bad arguments or values of the wrong type.
Value apply_filter(std::string_view name, const Value& input, const CallArgs& args);

} // namespace kurabe::chat_template
