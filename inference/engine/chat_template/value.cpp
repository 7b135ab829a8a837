#include "chat_template/value.h"

#include "chat_template/template_error.h"
#include "chat_template/unicode_text.h"
#include "json/writer.h"

#include <cstdio>

namespace kurabe::chat_template {

const Value* Dict::find(std::string_view key) const
{
    for (const auto& item : items) {
        if (item.first == key)
            return &item.second;
    }
    return nullptr;
}

void Dict::set(std::string key, Value value)
{
    for (auto& item : items) {
        if (item.first == key) {
            item.second = std::move(value);
            return;
        }
    }
    items.emplace_back(std::move(key), std::move(value));
}

const Value* CallArgs::get(std::size_t index, std::string_view name) const
{
    if (index < positional.size())
        return &positional[index];
    for (const auto& [key, value] : keyword) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

Value::Value(List list, bool is_tuple)
    : kind_(Kind::list), is_tuple_(is_tuple), list_(std::make_shared<const List>(std::move(list)))
{}

Value::Value(Dict dict) : kind_(Kind::dict), dict_(std::make_shared<const Dict>(std::move(dict))) {}

Value Value::undefined(std::string message)
{
    Value v;
    v.kind_ = Kind::undefined;
    v.string_ = std::move(message);
    return v;
}

Value Value::markup(std::string s)
{
    Value v(std::move(s));
    v.is_markup_ = true;
    return v;
}

std::string html_escape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&#34;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

Value Value::make_namespace(Dict attributes)
{
    Value v;
    v.kind_ = Kind::name_space;
    v.namespace_ = std::make_shared<Namespace>(Namespace{std::move(attributes)});
    return v;
}

Value Value::function(std::string name, Callable callable)
{
    Value v;
    v.kind_ = Kind::callable;
    v.string_ = std::move(name);
    v.callable_ = std::make_shared<const Callable>(std::move(callable));
    return v;
}

void Value::require_defined() const
{
    if (is_undefined())
        throw TemplateError(ErrorKind::undefined, string_);
}

std::string type_name(const Value& v)
{
    switch (v.kind()) {
    case Kind::undefined:
        return "Undefined";
    case Kind::none:
        return "NoneType";
    case Kind::boolean:
        return "bool";
    case Kind::integer:
        return "int";
    case Kind::floating:
        return "float";
    case Kind::string:
        return "str";
    case Kind::list:
        return v.is_tuple() ? "tuple" : "list";
    case Kind::dict:
        return "dict";
    case Kind::name_space:
        return "Namespace";
    case Kind::callable:
        return "function";
    }
    return "object";
}

bool truthy(const Value& v)
{
    switch (v.kind()) {
    case Kind::undefined:
    case Kind::none:
        return false;
    case Kind::boolean:
    case Kind::integer:
        return v.as_int() != 0;
    case Kind::floating:
        return v.as_float() != 0.0;
    case Kind::string:
        return !v.as_string().empty();
    case Kind::list:
        return !v.as_list().empty();
    case Kind::dict:
        return !v.as_dict().items.empty();
    case Kind::name_space:
    case Kind::callable:
        return true;
    }
    return false;
}

bool equal(const Value& a, const Value& b)
{
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float())
            return a.as_float() == b.as_float();
        return a.as_int() == b.as_int();
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Kind::undefined:
    case Kind::none:
        return true;
    case Kind::string:
        return a.as_string() == b.as_string();
    case Kind::list: {
        const List& x = a.as_list();
        const List& y = b.as_list();
        if (a.is_tuple() != b.is_tuple() || x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!equal(x[i], y[i]))
                return false;
        }
        return true;
    }
    case Kind::dict: {
        const Dict& x = a.as_dict();
        const Dict& y = b.as_dict();
        if (x.items.size() != y.items.size())
            return false;
        for (const auto& [key, value] : x.items) {
            const Value* other = y.find(key);
            if (other == nullptr || !equal(value, *other))
                return false;
        }
        return true;
    }
    case Kind::name_space:
        return &a.as_namespace() == &b.as_namespace();
    case Kind::callable:
        return &a.as_callable() == &b.as_callable();
    default:
        return false;
    }
}

bool less(const Value& a, const Value& b)
{
    a.require_defined();
    b.require_defined();
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float())
            return a.as_float() < b.as_float();
        return a.as_int() < b.as_int();
    }
    if (a.is_string() && b.is_string())
        return a.as_string() < b.as_string(); // UTF-8 byte order is code point order
    if (a.is_list() && b.is_list()) {
        const List& x = a.as_list();
        const List& y = b.as_list();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!equal(x[i], y[i]))
                return less(x[i], y[i]);
        }
        return x.size() < y.size();
    }
    throw_type_error(std::string("'<' not supported between instances of '") + type_name(a) +
                     "' and '" + type_name(b) + "'");
}

namespace {

std::string repr_string(const std::string& s)
{
    const bool has_single = s.find('\'') != std::string::npos;
    const bool has_double = s.find('"') != std::string::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == quote || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch == '\r') {
            out += "\\r";
        } else if (ch == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
            out += buffer;
        } else {
            out += ch;
        }
    }
    out += quote;
    return out;
}

std::string repr_items(const Dict& dict)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : dict.items) {
        if (!first)
            out += ", ";
        first = false;
        out += repr_string(key) + ": " + repr(value);
    }
    return out + "}";
}

} // namespace

std::string repr(const Value& v)
{
    switch (v.kind()) {
    case Kind::string:
        return repr_string(v.as_string());
    case Kind::undefined:
        return "Undefined";
    case Kind::list: {
        const List& list = v.as_list();
        std::string out = v.is_tuple() ? "(" : "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i > 0)
                out += ", ";
            out += repr(list[i]);
        }
        if (v.is_tuple() && list.size() == 1)
            out += ",";
        return out + (v.is_tuple() ? ")" : "]");
    }
    default:
        return to_str(v);
    }
}

std::string to_str(const Value& v)
{
    switch (v.kind()) {
    case Kind::undefined:
        return "";
    case Kind::none:
        return "None";
    case Kind::boolean:
        return v.as_bool() ? "True" : "False";
    case Kind::integer:
        return std::to_string(v.as_int());
    case Kind::floating:
        return json::python_float_repr(v.as_float());
    case Kind::string:
        return v.as_string();
    case Kind::list:
        return repr(v);
    case Kind::dict:
        return repr_items(v.as_dict());
    case Kind::name_space:
        return std::string("<Namespace ") + repr_items(v.as_namespace().attributes) + ">";
    case Kind::callable:
        return std::string("<function ") + v.callable_name() + ">";
    }
    return "";
}

std::int64_t length(const Value& v)
{
    switch (v.kind()) {
    case Kind::undefined:
        return 0;
    case Kind::string:
        return static_cast<std::int64_t>(text::length(v.as_string()));
    case Kind::list:
        return static_cast<std::int64_t>(v.as_list().size());
    case Kind::dict:
        return static_cast<std::int64_t>(v.as_dict().items.size());
    default:
        throw_type_error(std::string("object of type '") + type_name(v) + "' has no len()");
    }
}

List iterate(const Value& v)
{
    switch (v.kind()) {
    case Kind::undefined:
        return {};
    case Kind::list:
        return v.as_list();
    case Kind::dict: {
        List keys;
        for (const auto& item : v.as_dict().items)
            keys.emplace_back(item.first);
        return keys;
    }
    case Kind::string: {
        List chars;
        for (char32_t c : text::decode(v.as_string()))
            chars.emplace_back(text::encode(std::u32string(1, c)));
        return chars;
    }
    default:
        throw_type_error(std::string("'") + type_name(v) + "' object is not iterable");
    }
}

Value from_json(const json::Value& v)
{
    switch (v.type()) {
    case json::Type::null:
        return Value::none();
    case json::Type::boolean:
        return Value(v.as_bool());
    case json::Type::integer:
        return Value(v.as_integer());
    case json::Type::number:
        return Value(v.as_double());
    case json::Type::string:
        return Value(v.as_string());
    case json::Type::array: {
        List list;
        list.reserve(v.as_array().size());
        for (const json::Value& element : v.as_array())
            list.push_back(from_json(element));
        return Value(std::move(list));
    }
    case json::Type::object: {
        Dict dict;
        for (const auto& [key, member] : v.as_object())
            dict.items.emplace_back(key, from_json(member));
        return Value(std::move(dict));
    }
    }
    return Value::none();
}

json::Value to_json(const Value& v)
{
    switch (v.kind()) {
    case Kind::none:
        return json::Value(nullptr);
    case Kind::boolean:
        return json::Value(v.as_bool());
    case Kind::integer:
        return json::Value(v.as_int());
    case Kind::floating:
        return json::Value(v.as_float());
    case Kind::string:
        return json::Value(v.as_string());
    case Kind::list: {
        json::Array array;
        for (const Value& element : v.as_list())
            array.push_back(to_json(element));
        return json::Value(std::move(array));
    }
    case Kind::dict: {
        json::Object object;
        for (const auto& [key, member] : v.as_dict().items)
            object.set(key, to_json(member));
        return json::Value(std::move(object));
    }
    default:
        throw_type_error(std::string("Object of type ") + type_name(v) +
                         " is not JSON serializable");
    }
}

} // namespace kurabe::chat_template
