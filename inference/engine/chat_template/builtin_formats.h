// Chat formats Kurabe knows by name, as Jinja sources of its own: for models that ship no
// template, ship one this interpreter cannot run, or where the user forces a format.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace kurabe::chat_template {

// "chatml", "llama2", "llama3", "gemma", "phi3", "mistral".
std::span<const std::string_view> builtin_format_names();

// The Jinja source of a built-in format, or nullopt for an unknown name.
std::optional<std::string_view> builtin_template_source(std::string_view name);

// The built-in format a model's own template text looks like (by its special markers, e.g.
// "<|im_start|>" is chatml), or nullopt when none is recognizable. A fallback for templates
// that fail to parse or render.
std::optional<std::string_view> detect_builtin_format(std::string_view template_text);

} // namespace kurabe::chat_template
