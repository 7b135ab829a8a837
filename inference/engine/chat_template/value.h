// The values a template computes with, modelled on the Python objects Jinja2 sees: None, bool,
// int, float, str, list/tuple, dict (ordered, string keys), namespace, callables, and Undefined
// (a missing name or attribute: prints as "", is falsy, iterates as empty, and fails when used
// in arithmetic or looked into — Jinja2's default Undefined).
// Lists and dicts are shared and immutable once built, so copying a Value is cheap; a namespace
// is shared and mutable, as `{% set ns.x = ... %}` needs.
#pragma once

#include "json/value.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kurabe::chat_template {

class Value;

using List = std::vector<Value>;

struct Dict
{
    std::vector<std::pair<std::string, Value>> items; // insertion order

    const Value* find(std::string_view key) const;
    void set(std::string key, Value value); // replaces in place when the key exists
};

struct Namespace
{
    Dict attributes;
};

struct CallArgs
{
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;

    // The argument at `index` or named `name`, or nullptr when neither was given.
    const Value* get(std::size_t index, std::string_view name) const;
};

// Builtins, macros and bound methods. Failures throw TemplateError.
using Callable = std::function<Value(const CallArgs&)>;

enum class Kind
{
    undefined,
    none,
    boolean,
    integer,
    floating,
    string,
    list, // also tuples (is_tuple), which differ only in how they print
    dict,
    name_space,
    callable,
};

class Value
{
public:
    Value() : kind_(Kind::none) {}
    Value(bool b) : kind_(Kind::boolean), int_(b ? 1 : 0) {}
    Value(int i) : kind_(Kind::integer), int_(i) {}
    Value(std::int64_t i) : kind_(Kind::integer), int_(i) {}
    Value(double d) : kind_(Kind::floating), float_(d) {}
    Value(const char* s) : kind_(Kind::string), string_(s) {}
    Value(std::string s) : kind_(Kind::string), string_(std::move(s)) {}
    Value(std::string_view s) : kind_(Kind::string), string_(s) {}
    Value(List list, bool is_tuple = false);
    Value(Dict dict);

    static Value none() { return Value(); }
    // `message` is what using it reports, e.g. "'functions' is undefined".
    static Value undefined(std::string message);
    static Value make_namespace(Dict attributes);
    static Value function(std::string name, Callable callable);
    // A string marked safe (Jinja's Markup, from |safe or |escape): `+` with a plain string
    // HTML-escapes the plain side, as Python's Markup.__add__ does.
    static Value markup(std::string s);

    Kind kind() const { return kind_; }
    bool is_undefined() const { return kind_ == Kind::undefined; }
    bool is_none() const { return kind_ == Kind::none; }
    bool is_bool() const { return kind_ == Kind::boolean; }
    bool is_int() const { return kind_ == Kind::integer; }
    bool is_float() const { return kind_ == Kind::floating; }
    bool is_number() const { return is_int() || is_float() || is_bool(); }
    bool is_string() const { return kind_ == Kind::string; }
    bool is_list() const { return kind_ == Kind::list; }
    bool is_tuple() const { return kind_ == Kind::list && is_tuple_; }
    bool is_markup() const { return kind_ == Kind::string && is_markup_; }
    bool is_dict() const { return kind_ == Kind::dict; }
    bool is_namespace() const { return kind_ == Kind::name_space; }
    bool is_callable() const { return kind_ == Kind::callable; }

    bool as_bool() const { return int_ != 0; }
    std::int64_t as_int() const { return int_; } // int or bool
    double as_float() const { return is_float() ? float_ : static_cast<double>(int_); }
    const std::string& as_string() const { return string_; }
    const List& as_list() const { return *list_; }
    const Dict& as_dict() const { return *dict_; }
    Namespace& as_namespace() const { return *namespace_; }
    const Callable& as_callable() const { return *callable_; }
    const std::string& callable_name() const { return string_; }
    const std::string& undefined_message() const { return string_; }

    // Throws the undefined error when this is undefined; otherwise does nothing.
    void require_defined() const;

private:
    Kind kind_;
    bool is_tuple_ = false;
    bool is_markup_ = false;
    std::int64_t int_ = 0;
    double float_ = 0.0;
    std::string string_; // string, undefined message, or callable name
    std::shared_ptr<const List> list_;
    std::shared_ptr<const Dict> dict_;
    std::shared_ptr<Namespace> namespace_;
    std::shared_ptr<const Callable> callable_;
};

// Python's type name, for messages: "str", "int", "NoneType", "dict", ...
std::string type_name(const Value& v);

bool truthy(const Value& v);
bool equal(const Value& a, const Value& b);
// Python's <, for numbers, strings and lists; throws a type error otherwise.
bool less(const Value& a, const Value& b);

std::string to_str(const Value& v);          // Python's str(); Undefined prints as ""
std::string html_escape(std::string_view s); // & < > " ' as Jinja's escape() writes them
std::string repr(const Value& v);            // Python's repr()

// Python's len(); throws a type error for values without one.
std::int64_t length(const Value& v);
// The elements a `for` loop visits: list items, dict keys, string characters, nothing for
// Undefined; throws a type error for values that are not iterable.
List iterate(const Value& v);

Value from_json(const json::Value& v);
// Throws a type error for values JSON cannot hold (Undefined, namespaces, callables).
json::Value to_json(const Value& v);

} // namespace kurabe::chat_template
