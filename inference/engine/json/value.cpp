#include "json/value.h"

#include <algorithm>

namespace kurabe::json {

Object::Object(std::initializer_list<Member> members)
{
    for (const Member& member : members)
        set(member.first, member.second);
}

const Value* Object::find(std::string_view key) const
{
    for (const Member& member : members_) {
        if (member.first == key)
            return &member.second;
    }
    return nullptr;
}

Value* Object::find(std::string_view key)
{
    for (Member& member : members_) {
        if (member.first == key)
            return &member.second;
    }
    return nullptr;
}

void Object::set(std::string key, Value value)
{
    if (Value* existing = find(key)) {
        *existing = std::move(value);
        return;
    }
    members_.emplace_back(std::move(key), std::move(value));
}

bool Object::erase(std::string_view key)
{
    const auto it = std::find_if(members_.begin(), members_.end(),
                                 [&](const Member& member) { return member.first == key; });
    if (it == members_.end())
        return false;
    members_.erase(it);
    return true;
}

// Key order does not matter for equality, as in JSON's object model.
bool Object::operator==(const Object& other) const
{
    if (size() != other.size())
        return false;
    for (const Member& member : members_) {
        const Value* theirs = other.find(member.first);
        if (theirs == nullptr || !(*theirs == member.second))
            return false;
    }
    return true;
}

double Value::as_double() const
{
    if (is_integer())
        return static_cast<double>(as_integer());
    return std::get<double>(data_);
}

const Value* Value::find(std::string_view key) const
{
    return is_object() ? as_object().find(key) : nullptr;
}

bool Value::operator==(const Value& other) const
{
    if (is_number() && other.is_number()) {
        if (is_integer() && other.is_integer())
            return as_integer() == other.as_integer();
        return as_double() == other.as_double();
    }
    return data_ == other.data_;
}

} // namespace kurabe::json
