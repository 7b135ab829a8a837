// A JSON value for the engine: messages, oracle files, CLI output and chat-template contexts.
// Objects keep insertion order (templates iterate them and json.dumps-compatible output must
// list keys in the order they were given); integers and doubles are kept apart so "1" and "1.0"
// round-trip as written.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kurabe::json {

class Value;

using Array = std::vector<Value>;

// An object as an ordered list of members; lookups are linear, which is fast for the small
// objects JSON messages hold. Setting an existing key replaces its value in place.
class Object
{
public:
    using Member = std::pair<std::string, Value>;

    Object() = default;
    Object(std::initializer_list<Member> members);

    const Value* find(std::string_view key) const;
    Value* find(std::string_view key);
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    void set(std::string key, Value value);
    bool erase(std::string_view key);

    std::size_t size() const { return members_.size(); }
    bool empty() const { return members_.empty(); }
    auto begin() const { return members_.begin(); }
    auto end() const { return members_.end(); }
    auto begin() { return members_.begin(); }
    auto end() { return members_.end(); }

    bool operator==(const Object& other) const;

private:
    std::vector<Member> members_;
};

enum class Type
{
    null,
    boolean,
    integer,
    number, // double
    string,
    array,
    object,
};

class Value
{
public:
    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : data_(b) {}
    Value(int i) : data_(std::int64_t{i}) {}
    Value(std::int64_t i) : data_(i) {}
    Value(double d) : data_(d) {}
    Value(const char* s) : data_(std::string(s)) {}
    Value(std::string_view s) : data_(std::string(s)) {}
    Value(std::string s) : data_(std::move(s)) {}
    Value(Array a) : data_(std::move(a)) {}
    Value(Object o) : data_(std::move(o)) {}

    Type type() const { return static_cast<Type>(data_.index()); }
    bool is_null() const { return type() == Type::null; }
    bool is_bool() const { return type() == Type::boolean; }
    bool is_integer() const { return type() == Type::integer; }
    bool is_double() const { return type() == Type::number; }
    bool is_number() const { return is_integer() || is_double(); }
    bool is_string() const { return type() == Type::string; }
    bool is_array() const { return type() == Type::array; }
    bool is_object() const { return type() == Type::object; }

    // Accessors: call only after checking the type (they throw std::bad_variant_access,
    // a programming error, otherwise).
    bool as_bool() const { return std::get<bool>(data_); }
    std::int64_t as_integer() const { return std::get<std::int64_t>(data_); }
    double as_double() const; // integer or double
    const std::string& as_string() const { return std::get<std::string>(data_); }
    const Array& as_array() const { return std::get<Array>(data_); }
    Array& as_array() { return std::get<Array>(data_); }
    const Object& as_object() const { return std::get<Object>(data_); }
    Object& as_object() { return std::get<Object>(data_); }

    // Member of an object, or nullptr when this is not an object or lacks the key.
    const Value* find(std::string_view key) const;

    // Deep equality; an integer equals a double of the same value (as in JSON's number model).
    bool operator==(const Value& other) const;

private:
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> data_;
};

} // namespace kurabe::json
