#include "chat_template/access.h"

#include "chat_template/methods.h"
#include "chat_template/template_error.h"
#include "chat_template/unicode_text.h"

namespace kurabe::chat_template {
namespace {

Value no_attribute(const Value& object, std::string_view name)
{
    return Value::undefined(std::string("'") + type_name(object) + " object' has no attribute '" +
                            std::string(name) + "'");
}

Value no_element(const Value& object, const Value& key)
{
    return Value::undefined(std::string("'") + type_name(object) + " object' has no element " +
                            repr(key));
}

} // namespace

Value get_attribute(const Value& object, std::string_view name)
{
    object.require_defined();
    if (std::optional<Value> method = bound_method(object, name))
        return *method;
    if (object.is_dict()) {
        if (const Value* found = object.as_dict().find(name))
            return *found;
    } else if (object.is_namespace()) {
        if (const Value* found = object.as_namespace().attributes.find(name))
            return *found;
    }
    return no_attribute(object, name);
}

Value get_item(const Value& object, const Value& key)
{
    object.require_defined();
    if (object.is_dict() || object.is_namespace()) {
        const Dict& dict = object.is_dict() ? object.as_dict() : object.as_namespace().attributes;
        if (key.is_string()) {
            if (const Value* found = dict.find(key.as_string()))
                return *found;
            if (std::optional<Value> method = bound_method(object, key.as_string()))
                return *method;
            return no_attribute(object, key.as_string());
        }
        return no_element(object, key);
    }
    if ((object.is_list() || object.is_string()) && (key.is_int() || key.is_bool())) {
        std::int64_t index = key.as_int();
        if (object.is_list()) {
            const auto size = static_cast<std::int64_t>(object.as_list().size());
            if (index < 0)
                index += size;
            if (index < 0 || index >= size)
                return no_element(object, key);
            return object.as_list()[static_cast<std::size_t>(index)];
        }
        const std::u32string cps = text::decode(object.as_string());
        const auto size = static_cast<std::int64_t>(cps.size());
        if (index < 0)
            index += size;
        if (index < 0 || index >= size)
            return no_element(object, key);
        return Value(text::encode(std::u32string(1, cps[static_cast<std::size_t>(index)])));
    }
    if (key.is_string())
        return get_attribute(object, key.as_string());
    return no_element(object, key);
}

Value get_slice(const Value& object, const Value* start, const Value* stop, const Value* step)
{
    object.require_defined();
    const auto bound = [](const Value* v, const char* what) -> std::optional<std::int64_t> {
        if (v == nullptr || v->is_none())
            return std::nullopt;
        if (!v->is_int() && !v->is_bool())
            throw_type_error(std::string("slice ") + what + " must be an integer or None, not " +
                             type_name(*v));
        return v->as_int();
    };
    const std::int64_t step_value = bound(step, "step").value_or(1);
    if (step_value == 0)
        throw_type_error("slice step cannot be zero");
    std::u32string cps;
    std::int64_t size = 0;
    if (object.is_string()) {
        cps = text::decode(object.as_string());
        size = static_cast<std::int64_t>(cps.size());
    } else if (object.is_list()) {
        size = static_cast<std::int64_t>(object.as_list().size());
    } else {
        throw_type_error(std::string("'") + type_name(object) + "' object is not subscriptable");
    }
    // Python's slice.indices(): clamp into range, negative counts from the end.
    const auto clamp = [&](std::optional<std::int64_t> v, std::int64_t fallback) {
        if (!v)
            return fallback;
        std::int64_t i = *v < 0 ? *v + size : *v;
        const std::int64_t low = step_value > 0 ? 0 : -1;
        const std::int64_t high = step_value > 0 ? size : size - 1;
        return i < low ? low : i > high ? high : i;
    };
    const std::int64_t first = clamp(bound(start, "start"), step_value > 0 ? 0 : size - 1);
    const std::int64_t last = clamp(bound(stop, "stop"), step_value > 0 ? size : -1);
    std::vector<std::size_t> picked;
    for (std::int64_t i = first; step_value > 0 ? i < last : i > last; i += step_value)
        picked.push_back(static_cast<std::size_t>(i));
    if (object.is_string()) {
        std::u32string out;
        for (std::size_t i : picked)
            out += cps[i];
        return Value(text::encode(out));
    }
    List out;
    for (std::size_t i : picked)
        out.push_back(object.as_list()[i]);
    return Value(std::move(out), object.is_tuple());
}

} // namespace kurabe::chat_template
