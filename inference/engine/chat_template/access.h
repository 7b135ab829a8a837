// Looking into values the way Jinja2 does: `obj.name` tries Python attributes (methods) first
// and then items; `obj[key]` tries items first. A miss yields Undefined carrying Jinja2's
// message ("'dict object' has no attribute 'tools'"); looking into Undefined itself fails.
#pragma once

#include "chat_template/value.h"

#include <string_view>

namespace kurabe::chat_template {

Value get_attribute(const Value& object, std::string_view name);
Value get_item(const Value& object, const Value& key);
// Python slicing object[start:stop:step] of strings, lists and tuples; a null pointer is an
// omitted part.
Value get_slice(const Value& object, const Value* start, const Value* stop, const Value* step);

} // namespace kurabe::chat_template
