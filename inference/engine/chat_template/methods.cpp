#include "chat_template/methods.h"

#include "chat_template/template_error.h"
#include "chat_template/unicode_text.h"

namespace kurabe::chat_template {
namespace {

const Value* argument(const CallArgs& args, std::size_t index, std::string_view name)
{
    const Value* v = args.get(index, name);
    return v && !v->is_none() ? v : nullptr;
}

std::string string_argument(const CallArgs& args, std::size_t index, std::string_view name,
                            std::string_view method)
{
    const Value* v = args.get(index, name);
    if (v == nullptr)
        throw_type_error(std::string(method) + "() is missing its argument '" + std::string(name) +
                         "'");
    if (!v->is_string())
        throw_type_error(std::string(method) + "() argument must be str, not " + type_name(*v));
    return v->as_string();
}

std::int64_t int_argument(const CallArgs& args, std::size_t index, std::string_view name,
                          std::int64_t fallback)
{
    const Value* v = argument(args, index, name);
    if (v == nullptr)
        return fallback;
    if (!v->is_int() && !v->is_bool())
        throw_type_error(std::string("'") + type_name(*v) +
                         "' object cannot be interpreted as an integer");
    return v->as_int();
}

Value string_list(const std::vector<std::string>& parts)
{
    List list;
    for (const std::string& part : parts)
        list.emplace_back(part);
    return Value(std::move(list));
}

// startswith/endswith take a string or a tuple of strings.
bool affix_matches(const std::string& s, const Value& affix, bool prefix)
{
    const auto one = [&](const std::string& a) {
        if (a.size() > s.size())
            return false;
        return prefix ? s.compare(0, a.size(), a) == 0
                      : s.compare(s.size() - a.size(), a.size(), a) == 0;
    };
    if (affix.is_string())
        return one(affix.as_string());
    if (affix.is_list()) {
        for (const Value& a : affix.as_list()) {
            if (a.is_string() && one(a.as_string()))
                return true;
        }
        return false;
    }
    throw_type_error(std::string(prefix ? "startswith" : "endswith") +
                     " first arg must be str or a tuple of str, not " + type_name(affix));
}

std::optional<Value> string_method(const Value& object, std::string_view name)
{
    const std::string s = object.as_string();
    const std::string method(name);
    Callable f;
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        const bool left = name != "rstrip";
        const bool right = name != "lstrip";
        f = [s, left, right](const CallArgs& args) {
            const Value* chars = argument(args, 0, "chars");
            if (chars && !chars->is_string())
                throw_type_error("strip arg must be None or str");
            return Value(text::strip(s, chars ? &chars->as_string() : nullptr, left, right));
        };
    } else if (name == "startswith" || name == "endswith") {
        const bool prefix = name == "startswith";
        f = [s, prefix, method](const CallArgs& args) {
            const Value* affix = args.get(0, "prefix");
            if (affix == nullptr)
                throw_type_error(method + "() takes at least 1 argument (0 given)");
            return Value(affix_matches(s, *affix, prefix));
        };
    } else if (name == "split" || name == "rsplit") {
        const bool from_right = name == "rsplit";
        f = [s, from_right](const CallArgs& args) {
            const Value* sep = argument(args, 0, "sep");
            if (sep && (!sep->is_string() || sep->as_string().empty()))
                throw_type_error(sep->is_string()
                                     ? "empty separator"
                                     : std::string("must be str or None, not ") + type_name(*sep));
            const std::int64_t maxsplit = int_argument(args, 1, "maxsplit", -1);
            const std::string* separator = sep ? &sep->as_string() : nullptr;
            return string_list(from_right ? text::rsplit(s, separator, maxsplit)
                                          : text::split(s, separator, maxsplit));
        };
    } else if (name == "upper") {
        f = [s](const CallArgs&) { return Value(text::to_upper(s)); };
    } else if (name == "lower") {
        f = [s](const CallArgs&) { return Value(text::to_lower(s)); };
    } else if (name == "title") {
        f = [s](const CallArgs&) { return Value(text::python_title(s)); };
    } else if (name == "capitalize") {
        f = [s](const CallArgs&) { return Value(text::capitalize(s)); };
    } else if (name == "replace") {
        f = [s](const CallArgs& args) {
            const std::string old = string_argument(args, 0, "old", "replace");
            const std::string replacement = string_argument(args, 1, "new", "replace");
            return Value(text::replace(s, old, replacement, int_argument(args, 2, "count", -1)));
        };
    } else if (name == "find" || name == "rfind" || name == "count") {
        f = [s, method](const CallArgs& args) {
            const std::string needle = string_argument(args, 0, "sub", method);
            if (method == "count") {
                if (needle.empty())
                    return Value(static_cast<std::int64_t>(text::length(s) + 1));
                std::int64_t n = 0;
                for (std::size_t p = s.find(needle); p != std::string::npos;
                     p = s.find(needle, p + needle.size()))
                    ++n;
                return Value(n);
            }
            const std::size_t at = method == "find" ? s.find(needle) : s.rfind(needle);
            if (at == std::string::npos)
                return Value(std::int64_t{-1});
            return Value(
                static_cast<std::int64_t>(text::length(std::string_view(s).substr(0, at))));
        };
    } else if (name == "join") {
        f = [s](const CallArgs& args) {
            const Value* items = args.get(0, "iterable");
            if (items == nullptr)
                throw_type_error("join() takes exactly one argument (0 given)");
            std::string out;
            bool first = true;
            for (const Value& item : iterate(*items)) {
                if (!item.is_string())
                    throw_type_error(std::string("sequence item: expected str instance, ") +
                                     type_name(item) + " found");
                if (!first)
                    out += s;
                first = false;
                out += item.as_string();
            }
            return Value(std::move(out));
        };
    } else if (name == "isdigit" || name == "isspace" || name == "isalpha" || name == "isalnum" ||
               name == "isupper" || name == "islower") {
        f = [s, method](const CallArgs&) {
            const std::u32string cps = text::decode(s);
            if (cps.empty())
                return Value(false);
            if (method == "isupper" || method == "islower") {
                const std::string mapped =
                    method == "isupper" ? text::to_upper(s) : text::to_lower(s);
                const std::string other =
                    method == "isupper" ? text::to_lower(s) : text::to_upper(s);
                return Value(mapped == s && other != s);
            }
            for (char32_t c : cps) {
                const bool digit = c >= U'0' && c <= U'9';
                const bool alpha = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c > 0x7F;
                const bool ok = method == "isdigit"   ? digit
                                : method == "isspace" ? text::is_space(c)
                                : method == "isalpha" ? alpha && !text::is_space(c)
                                                      : (alpha || digit) && !text::is_space(c);
                if (!ok)
                    return Value(false);
            }
            return Value(true);
        };
    } else {
        return std::nullopt;
    }
    return Value::function(std::string("str.") + method, std::move(f));
}

std::optional<Value> dict_method(const Value& object, std::string_view name)
{
    const Value dict = object;
    Callable f;
    if (name == "items") {
        f = [dict](const CallArgs&) {
            List pairs;
            for (const auto& [key, value] : dict.as_dict().items)
                pairs.emplace_back(List{Value(key), value}, true);
            return Value(std::move(pairs));
        };
    } else if (name == "keys") {
        f = [dict](const CallArgs&) {
            List keys;
            for (const auto& item : dict.as_dict().items)
                keys.emplace_back(item.first);
            return Value(std::move(keys));
        };
    } else if (name == "values") {
        f = [dict](const CallArgs&) {
            List values;
            for (const auto& item : dict.as_dict().items)
                values.push_back(item.second);
            return Value(std::move(values));
        };
    } else if (name == "get") {
        f = [dict](const CallArgs& args) {
            const Value* key = args.get(0, "key");
            if (key == nullptr)
                throw_type_error("get expected at least 1 argument, got 0");
            const Value* fallback = args.get(1, "default");
            if (key->is_string()) {
                if (const Value* found = dict.as_dict().find(key->as_string()))
                    return *found;
            }
            return fallback ? *fallback : Value::none();
        };
    } else {
        return std::nullopt;
    }
    return Value::function(std::string("dict.") + std::string(name), std::move(f));
}

std::optional<Value> list_method(const Value& object, std::string_view name)
{
    const Value list = object;
    if (name == "index" || name == "count") {
        const bool count = name == "count";
        return Value::function(std::string("list.") + std::string(name),
                               [list, count](const CallArgs& args) {
                                   const Value* needle = args.get(0, "value");
                                   if (needle == nullptr)
                                       throw_type_error("expected 1 argument, got 0");
                                   std::int64_t n = 0;
                                   const List& items = list.as_list();
                                   for (std::size_t i = 0; i < items.size(); ++i) {
                                       if (!equal(items[i], *needle))
                                           continue;
                                       if (!count)
                                           return Value(static_cast<std::int64_t>(i));
                                       ++n;
                                   }
                                   if (!count)
                                       throw_type_error(repr(*needle) + " is not in list");
                                   return Value(n);
                               });
    }
    return std::nullopt;
}

} // namespace

std::optional<Value> bound_method(const Value& object, std::string_view name)
{
    switch (object.kind()) {
    case Kind::string:
        return string_method(object, name);
    case Kind::dict:
        return dict_method(object, name);
    case Kind::list:
        return list_method(object, name);
    default:
        return std::nullopt;
    }
}

} // namespace kurabe::chat_template
