#include "chat_template/filters.h"

#include "chat_template/access.h"
#include "chat_template/predicates.h"
#include "chat_template/template_error.h"
#include "chat_template/unicode_text.h"
#include "json/writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace kurabe::chat_template {
namespace {

constexpr std::array<std::string_view, 42> filter_names = {
    "abs",      "attr",   "capitalize", "center",     "count",      "d",         "default",
    "dictsort", "e",      "escape",     "first",      "float",      "format",    "indent",
    "int",      "items",  "join",       "last",       "length",     "list",      "lower",
    "map",      "max",    "min",        "reject",     "rejectattr", "replace",   "reverse",
    "round",    "safe",   "select",     "selectattr", "sort",       "string",    "sum",
    "title",    "tojson", "trim",       "unique",     "upper",      "wordcount", "striptags",
};

const Value* arg(const CallArgs& args, std::size_t index, std::string_view name)
{
    return args.get(index, name);
}

bool bool_arg(const CallArgs& args, std::size_t index, std::string_view name, bool fallback)
{
    const Value* v = arg(args, index, name);
    return v ? truthy(*v) : fallback;
}

std::string string_arg(const CallArgs& args, std::size_t index, std::string_view name,
                       std::string_view filter)
{
    const Value* v = arg(args, index, name);
    if (v == nullptr)
        throw_type_error(std::string("the '") + std::string(filter) +
                         "' filter needs the argument '" + std::string(name) + "'");
    return to_str(*v);
}

// An attribute path as Jinja's make_attrgetter reads it: "a.b.0" looks up a, then b, then
// item 0, each by item first.
Value lookup_path(const Value& item, const Value& path)
{
    if (!path.is_string())
        return get_item(item, path);
    Value current = item;
    const std::string dot = ".";
    for (const std::string& part : text::split(path.as_string(), &dot, -1)) {
        std::int64_t index = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
        if (ec == std::errc() && end == part.data() + part.size())
            current = get_item(current, Value(index));
        else
            current = get_item(current, Value(part));
    }
    return current;
}

// Sequence elements for filters that, like Jinja's, treat a falsy input as empty.
List elements(const Value& input)
{
    if (!truthy(input) && !input.is_string())
        return {};
    return iterate(input);
}

CallArgs rest_of(const CallArgs& args, std::size_t from)
{
    CallArgs rest;
    for (std::size_t i = from; i < args.positional.size(); ++i)
        rest.positional.push_back(args.positional[i]);
    rest.keyword = args.keyword;
    return rest;
}

Value select_or_reject(const Value& input, const CallArgs& args, bool select, bool by_attribute)
{
    List out;
    std::size_t test_index = by_attribute ? 1 : 0;
    const Value* attribute = by_attribute ? arg(args, 0, "attribute") : nullptr;
    if (by_attribute && attribute == nullptr)
        throw_type_error("selectattr/rejectattr need an attribute name");
    const Value* test = arg(args, test_index, "test_name");
    const CallArgs test_args = rest_of(args, test_index + 1);
    for (const Value& item : elements(input)) {
        const Value subject = attribute ? lookup_path(item, *attribute) : item;
        const bool passed = test ? apply_test(to_str(*test), subject, test_args) : truthy(subject);
        if (passed == select)
            out.push_back(item);
    }
    return Value(std::move(out));
}

Value map_filter(const Value& input, const CallArgs& args)
{
    List out;
    const Value* attribute = nullptr;
    const Value* fallback = nullptr;
    for (const auto& [key, value] : args.keyword) {
        if (key == "attribute")
            attribute = &value;
        else if (key == "default")
            fallback = &value;
    }
    for (const Value& item : elements(input)) {
        if (attribute) {
            Value v = lookup_path(item, *attribute);
            out.push_back(v.is_undefined() && fallback ? *fallback : v);
        } else {
            if (args.positional.empty())
                throw_type_error("map needs a filter name or attribute=");
            out.push_back(apply_filter(to_str(args.positional[0]), item, rest_of(args, 1)));
        }
    }
    return Value(std::move(out));
}

// The key sort, unique, min and max compare by: an attribute path, lower-cased strings unless
// case_sensitive.
Value sort_key(const Value& item, const Value* attribute, bool case_sensitive)
{
    Value key = attribute ? lookup_path(item, *attribute) : item;
    if (!case_sensitive && key.is_string())
        return Value(text::to_lower(key.as_string()));
    return key;
}

Value unique_filter(const Value& input, const CallArgs& args)
{
    const bool case_sensitive = bool_arg(args, 0, "case_sensitive", false);
    const Value* attribute = arg(args, 1, "attribute");
    List out;
    List seen;
    for (const Value& item : elements(input)) {
        Value key = sort_key(item, attribute, case_sensitive);
        if (std::any_of(seen.begin(), seen.end(), [&](const Value& s) { return equal(s, key); }))
            continue;
        seen.push_back(std::move(key));
        out.push_back(item);
    }
    return Value(std::move(out));
}

Value sort_filter(const Value& input, const CallArgs& args)
{
    const bool reverse = bool_arg(args, 0, "reverse", false);
    const bool case_sensitive = bool_arg(args, 1, "case_sensitive", false);
    const Value* attribute = arg(args, 2, "attribute");
    List items = iterate(input);
    std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
        const Value ka = sort_key(a, attribute, case_sensitive);
        const Value kb = sort_key(b, attribute, case_sensitive);
        return reverse ? less(kb, ka) : less(ka, kb);
    });
    return Value(std::move(items));
}

Value dictsort_filter(const Value& input, const CallArgs& args)
{
    if (!input.is_dict())
        throw_type_error("dictsort needs a mapping");
    const bool case_sensitive = bool_arg(args, 0, "case_sensitive", false);
    const Value* by = arg(args, 1, "by");
    const bool by_value = by && to_str(*by) == "value";
    const bool reverse = bool_arg(args, 2, "reverse", false);
    List pairs;
    for (const auto& [key, value] : input.as_dict().items)
        pairs.emplace_back(List{Value(key), value}, true);
    std::stable_sort(pairs.begin(), pairs.end(), [&](const Value& a, const Value& b) {
        const std::size_t i = by_value ? 1 : 0;
        const Value ka = sort_key(a.as_list()[i], nullptr, case_sensitive);
        const Value kb = sort_key(b.as_list()[i], nullptr, case_sensitive);
        return reverse ? less(kb, ka) : less(ka, kb);
    });
    return Value(std::move(pairs));
}

Value min_max(const Value& input, const CallArgs& args, bool want_max)
{
    const bool case_sensitive = bool_arg(args, 0, "case_sensitive", false);
    const Value* attribute = arg(args, 1, "attribute");
    const List items = iterate(input);
    if (items.empty())
        return Value::undefined(std::string("No aggregated item, sequence was empty."));
    std::size_t best = 0;
    for (std::size_t i = 1; i < items.size(); ++i) {
        const Value k = sort_key(items[i], attribute, case_sensitive);
        const Value kb = sort_key(items[best], attribute, case_sensitive);
        if (want_max ? less(kb, k) : less(k, kb))
            best = i;
    }
    return items[best];
}

Value tojson_filter(const Value& input, const CallArgs& args)
{
    json::DumpOptions options;
    if (const Value* indent = arg(args, 0, "indent"); indent && !indent->is_none()) {
        if (!indent->is_int())
            throw_type_error("tojson indent must be an integer");
        options.indent = static_cast<int>(std::clamp<std::int64_t>(indent->as_int(), -1, 64));
    }
    for (const auto& [key, value] : args.keyword) {
        if (key == "sort_keys")
            options.sort_keys = truthy(value);
        else if (key == "ensure_ascii")
            options.ensure_ascii = truthy(value);
        else if (key == "separators" && value.is_list() && value.as_list().size() == 2) {
            options.item_separator = to_str(value.as_list()[0]);
            options.key_separator = to_str(value.as_list()[1]);
        }
    }
    return Value(json::dump(to_json(input), options));
}

// Jinja's indent: every line but the first (and blank lines unless `blank`) gets the prefix.
Value indent_filter(const Value& input, const CallArgs& args)
{
    std::string prefix = "    ";
    if (const Value* width = arg(args, 0, "width")) {
        if (width->is_string())
            prefix = width->as_string();
        else if (width->is_int())
            prefix = std::string(
                static_cast<std::size_t>(std::clamp<std::int64_t>(width->as_int(), 0, 1024)), ' ');
        else
            throw_type_error("indent width must be an integer or a string");
    }
    const bool first = bool_arg(args, 1, "first", false);
    const bool blank = bool_arg(args, 2, "blank", false);
    const std::vector<std::string> lines = text::split_lines(to_str(input) + "\n");
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            out += '\n';
            if (blank || !lines[i].empty())
                out += prefix;
        }
        out += lines[i];
    }
    if (first)
        out = prefix + out;
    return Value(std::move(out));
}

Value int_filter(const Value& input, const CallArgs& args)
{
    const Value fallback = arg(args, 0, "default") ? *arg(args, 0, "default") : Value(0);
    if (input.is_int() || input.is_bool())
        return Value(input.as_int());
    if (input.is_float()) {
        const double d = input.as_float();
        if (!std::isfinite(d) || std::fabs(d) > 9.2e18)
            return fallback;
        return Value(static_cast<std::int64_t>(d));
    }
    if (input.is_string()) {
        const std::string s = text::strip(input.as_string(), nullptr, true, true);
        std::int64_t i = 0;
        const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
        auto [end, ec] = std::from_chars(begin, s.data() + s.size(), i);
        if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
            return Value(i);
        double d = 0;
        auto [fend, fec] = std::from_chars(begin, s.data() + s.size(), d);
        if (fec == std::errc() && fend == s.data() + s.size() && std::isfinite(d) &&
            std::fabs(d) < 9.2e18)
            return Value(static_cast<std::int64_t>(d));
    }
    return fallback;
}

Value float_filter(const Value& input, const CallArgs& args)
{
    const Value fallback = arg(args, 0, "default") ? *arg(args, 0, "default") : Value(0.0);
    if (input.is_number())
        return Value(input.as_float());
    if (input.is_string()) {
        const std::string s = text::strip(input.as_string(), nullptr, true, true);
        double d = 0;
        const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
        auto [end, ec] = std::from_chars(begin, s.data() + s.size(), d);
        if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
            return Value(d);
    }
    return fallback;
}

Value round_filter(const Value& input, const CallArgs& args)
{
    if (!input.is_number())
        throw_type_error(std::string("round needs a number, not ") + type_name(input));
    const Value* precision_arg = arg(args, 0, "precision");
    const std::int64_t precision =
        precision_arg && precision_arg->is_int() ? precision_arg->as_int() : 0;
    const std::string method = arg(args, 1, "method") ? to_str(*arg(args, 1, "method")) : "common";
    const double scale =
        std::pow(10.0, static_cast<double>(std::clamp<std::int64_t>(precision, -300, 300)));
    const double x = input.as_float() * scale;
    const double r = method == "ceil"    ? std::ceil(x)
                     : method == "floor" ? std::floor(x)
                                         : std::round(x);
    return Value(r / scale);
}

// Python's printf-style `format % args` for %s, %r, %d, %i, %f and %%.
Value format_filter(const Value& input, const CallArgs& args)
{
    const std::string format = to_str(input);
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            out += format[i];
            continue;
        }
        const char spec = format[++i];
        if (spec == '%') {
            out += '%';
            continue;
        }
        if (next >= args.positional.size())
            throw_type_error("not enough arguments for format string");
        const Value& v = args.positional[next++];
        if (spec == 's')
            out += to_str(v);
        else if (spec == 'r')
            out += repr(v);
        else if ((spec == 'd' || spec == 'i') && v.is_number())
            out +=
                std::to_string(v.is_float() ? static_cast<std::int64_t>(v.as_float()) : v.as_int());
        else if (spec == 'f' && v.is_number()) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%f", v.as_float());
            out += buffer;
        } else
            throw_type_error(std::string("unsupported format character '") + spec + "'");
    }
    return Value(std::move(out));
}

Value first_or_last(const Value& input, bool first)
{
    const List items = iterate(input);
    if (items.empty())
        return Value::undefined(first ? "No first item, sequence was empty."
                                      : "No last item, sequence was empty.");
    return first ? items.front() : items.back();
}

} // namespace

bool has_filter(std::string_view name)
{
    return std::find(filter_names.begin(), filter_names.end(), name) != filter_names.end();
}

Value apply_filter(std::string_view name, const Value& input, const CallArgs& args)
{
    if (name == "default" || name == "d") {
        const Value* fallback = arg(args, 0, "default_value");
        const bool boolean = bool_arg(args, 1, "boolean", false);
        if (input.is_undefined() || (boolean && !truthy(input)))
            return fallback ? *fallback : Value(std::string());
        return input;
    }
    if (name == "safe")
        return input.is_string() ? Value::markup(input.as_string()) : input;
    if (name == "string")
        return Value(to_str(input));
    if (name == "length" || name == "count")
        return Value(length(input));
    if (name == "tojson")
        return tojson_filter(input, args);
    if (name == "items") {
        if (input.is_undefined())
            return Value(List{});
        if (!input.is_dict())
            throw_type_error("Can only get item pairs from a mapping.");
        List pairs;
        for (const auto& [key, value] : input.as_dict().items)
            pairs.emplace_back(List{Value(key), value}, true);
        return Value(std::move(pairs));
    }
    if (name == "list")
        return Value(iterate(input));
    if (name == "first" || name == "last")
        return first_or_last(input, name == "first");
    if (name == "join") {
        const std::string separator = arg(args, 0, "d") ? to_str(*arg(args, 0, "d")) : "";
        const Value* attribute = arg(args, 1, "attribute");
        std::string out;
        bool first = true;
        for (const Value& item : iterate(input)) {
            if (!first)
                out += separator;
            first = false;
            out += to_str(attribute ? lookup_path(item, *attribute) : item);
        }
        return Value(std::move(out));
    }
    if (name == "map")
        return map_filter(input, args);
    if (name == "select" || name == "reject")
        return select_or_reject(input, args, name == "select", false);
    if (name == "selectattr" || name == "rejectattr")
        return select_or_reject(input, args, name == "selectattr", true);
    if (name == "unique")
        return unique_filter(input, args);
    if (name == "sort")
        return sort_filter(input, args);
    if (name == "dictsort")
        return dictsort_filter(input, args);
    if (name == "min" || name == "max")
        return min_max(input, args, name == "max");
    if (name == "reverse") {
        if (input.is_string()) {
            std::u32string cps = text::decode(input.as_string());
            std::reverse(cps.begin(), cps.end());
            return Value(text::encode(cps));
        }
        List items = iterate(input);
        std::reverse(items.begin(), items.end());
        return Value(std::move(items));
    }
    if (name == "sum") {
        const Value* attribute = arg(args, 0, "attribute");
        Value total = arg(args, 1, "start") ? *arg(args, 1, "start") : Value(0);
        for (const Value& item : iterate(input)) {
            const Value v = attribute ? lookup_path(item, *attribute) : item;
            if (!v.is_number() || !total.is_number())
                throw_type_error(std::string("sum needs numbers, not ") + type_name(v));
            total = total.is_float() || v.is_float() ? Value(total.as_float() + v.as_float())
                                                     : Value(total.as_int() + v.as_int());
        }
        return total;
    }
    if (name == "trim") {
        const Value* chars = arg(args, 0, "chars");
        const std::string set = chars && !chars->is_none() ? to_str(*chars) : std::string();
        return Value(
            text::strip(to_str(input), chars && !chars->is_none() ? &set : nullptr, true, true));
    }
    if (name == "upper")
        return Value(text::to_upper(to_str(input)));
    if (name == "lower")
        return Value(text::to_lower(to_str(input)));
    if (name == "title")
        return Value(text::jinja_title(to_str(input)));
    if (name == "capitalize")
        return Value(text::capitalize(to_str(input)));
    if (name == "replace") {
        const Value* count = arg(args, 2, "count");
        return Value(text::replace(to_str(input), string_arg(args, 0, "old", name),
                                   string_arg(args, 1, "new", name),
                                   count && count->is_int() ? count->as_int() : -1));
    }
    if (name == "indent")
        return indent_filter(input, args);
    if (name == "int")
        return int_filter(input, args);
    if (name == "float")
        return float_filter(input, args);
    if (name == "round")
        return round_filter(input, args);
    if (name == "abs") {
        if (input.is_float())
            return Value(std::fabs(input.as_float()));
        if (input.is_int() || input.is_bool())
            return Value(input.as_int() < 0 ? -input.as_int() : input.as_int());
        throw_type_error(std::string("bad operand type for abs(): '") + type_name(input) + "'");
    }
    if (name == "e" || name == "escape")
        return input.is_markup() ? input : Value::markup(html_escape(to_str(input)));
    if (name == "striptags")
        return Value(text::strip(to_str(input), nullptr, true, true));
    if (name == "wordcount")
        return Value(static_cast<std::int64_t>(text::split(to_str(input), nullptr, -1).size()));
    if (name == "center") {
        const Value* width_arg = arg(args, 0, "width");
        const std::int64_t width = width_arg && width_arg->is_int() ? width_arg->as_int() : 80;
        const std::string s = to_str(input);
        const auto size = static_cast<std::int64_t>(text::length(s));
        if (width <= size)
            return Value(s);
        const std::int64_t pad = std::min<std::int64_t>(width - size, 1 << 20);
        const std::int64_t left = pad / 2 + (pad & width & 1);
        return Value(std::string(static_cast<std::size_t>(left), ' ') + s +
                     std::string(static_cast<std::size_t>(pad - left), ' '));
    }
    if (name == "format")
        return format_filter(input, args);
    if (name == "attr")
        return get_attribute(input, string_arg(args, 0, "name", name));
    throw TemplateError(ErrorKind::syntax,
                        std::string("No filter named '") + std::string(name) + "'.");
}

} // namespace kurabe::chat_template
