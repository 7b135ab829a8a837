// Strict JSON parsing (RFC 8259): one value surrounded by optional whitespace, UTF-8 input,
// \u escapes including surrogate pairs, no comments, no trailing commas, no NaN/Infinity.
// Errors say where: "line 3, column 14: expected ',' or '}' after an object member".
#pragma once

#include "core/result.h"
#include "json/value.h"

#include <cstddef>
#include <string_view>

namespace kurabe::json {

struct ParseOptions
{
    // Arrays and objects nested deeper than this are rejected rather than recursed into, so
    // hostile input cannot exhaust the stack.
    std::size_t max_depth = 512;
};

Result<Value> parse(std::string_view text, const ParseOptions& options = {});

} // namespace kurabe::json
