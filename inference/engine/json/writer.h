// JSON output. dump() matches Python's json.dumps(value, ensure_ascii=False) byte for byte —
// the chat-template `tojson` filter must, because templates were written against it — and
// dump_compact() gives the smallest form for files and CLI output.
#pragma once

#include "json/value.h"

#include <optional>
#include <string>

namespace kurabe::json {

struct DumpOptions
{
    // Python's indent: nullopt prints everything on one line; n >= 0 puts each element on its
    // own line indented by n spaces per level.
    std::optional<int> indent;
    // Python's separators; when unset: (", ", ": ") on one line, (",", ": ") with an indent.
    std::optional<std::string> item_separator;
    std::optional<std::string> key_separator;
    bool sort_keys = false;
    // Escape everything outside ASCII as \uXXXX (surrogate pairs above U+FFFF).
    bool ensure_ascii = false;
};

std::string dump(const Value& value, const DumpOptions& options = {});

// Separators "," and ":", no indent, UTF-8 kept as is.
std::string dump_compact(const Value& value);

// A double as Python's repr(float) writes it: the shortest digits that read back to the same
// double, "1.0" for integral values, exponent form outside 1e-4 <= |x| < 1e16 ("1e+16",
// "1.5e-05"), and "nan", "inf", "-inf".
std::string python_float_repr(double value);

// A string as a JSON string literal (with quotes), escaped as json.dumps does.
std::string quote(std::string_view text, bool ensure_ascii = false);

} // namespace kurabe::json
