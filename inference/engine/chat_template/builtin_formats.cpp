#include "chat_template/builtin_formats.h"

#include <array>

namespace kurabe::chat_template {
namespace {

struct BuiltinFormat
{
    std::string_view name;
    std::string_view source;
};

// <|im_start|>role\ncontent<|im_end|>\n per message (Qwen, SmolLM, Hermes, ...).
constexpr std::string_view chatml_source = R"({%- for message in messages -%}
{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{ '<|im_start|>assistant\n' }}
{%- endif -%}
)";

// Llama 2 chat: the system prompt goes inside the first [INST] between <<SYS>> markers; every
// user turn starts a new sequence with BOS; answers end with EOS.
constexpr std::string_view llama2_source =
    R"({%- if messages and messages[0]['role'] == 'system' -%}
{%- set system = messages[0]['content'] -%}
{%- set loop_messages = messages[1:] -%}
{%- else -%}
{%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
{%- if message['role'] == 'user' -%}
{%- set content = message['content'] -%}
{%- if loop.first and system is defined -%}
{%- set content = '<<SYS>>\n' + system + '\n<</SYS>>\n\n' + content -%}
{%- endif -%}
{{ bos_token + '[INST] ' + content | trim + ' [/INST]' }}
{%- elif message['role'] == 'assistant' -%}
{{ ' ' + message['content'] | trim + ' ' + eos_token }}
{%- endif -%}
{%- endfor -%}
)";

// Llama 3.x: header-delimited turns ending in <|eot_id|>.
constexpr std::string_view llama3_source = R"({{- bos_token -}}
{%- for message in messages -%}
{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
{%- endif -%}
)";

// Gemma 2/3: only user and model turns; a system prompt is folded into the first user turn.
constexpr std::string_view gemma_source = R"({{- bos_token -}}
{%- if messages and messages[0]['role'] == 'system' -%}
{%- set system = messages[0]['content'] | trim + '\n\n' -%}
{%- set loop_messages = messages[1:] -%}
{%- else -%}
{%- set system = '' -%}
{%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
{%- set role = 'model' if message['role'] == 'assistant' else message['role'] -%}
{%- set content = (system if loop.first else '') + message['content'] | trim -%}
{{ '<start_of_turn>' + role + '\n' + content + '<end_of_turn>\n' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{ '<start_of_turn>model\n' }}
{%- endif -%}
)";

// Phi-3: <|role|>\ncontent<|end|>\n per message.
constexpr std::string_view phi3_source = R"({%- for message in messages -%}
{{ '<|' + message['role'] + '|>\n' + message['content'] + '<|end|>\n' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{ '<|assistant|>\n' }}
{%- else -%}
{{ eos_token }}
{%- endif -%}
)";

// Mistral instruct: [INST] user [/INST] answer</s>; a system prompt prefixes the first user turn.
constexpr std::string_view mistral_source = R"({{- bos_token -}}
{%- if messages and messages[0]['role'] == 'system' -%}
{%- set system = messages[0]['content'] + '\n\n' -%}
{%- set loop_messages = messages[1:] -%}
{%- else -%}
{%- set system = '' -%}
{%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
{%- if message['role'] == 'user' -%}
{{ '[INST] ' + (system if loop.first else '') + message['content'] + ' [/INST]' }}
{%- elif message['role'] == 'assistant' -%}
{{ message['content'] + eos_token }}
{%- endif -%}
{%- endfor -%}
)";

constexpr std::array<BuiltinFormat, 6> formats = {{
    {"chatml", chatml_source},
    {"llama2", llama2_source},
    {"llama3", llama3_source},
    {"gemma", gemma_source},
    {"phi3", phi3_source},
    {"mistral", mistral_source},
}};

constexpr std::array<std::string_view, 6> names = {"chatml", "llama2", "llama3",
                                                   "gemma",  "phi3",   "mistral"};

bool has(std::string_view text, std::string_view marker)
{
    return text.find(marker) != std::string_view::npos;
}

} // namespace

std::span<const std::string_view> builtin_format_names()
{
    return names;
}

std::optional<std::string_view> builtin_template_source(std::string_view name)
{
    for (const BuiltinFormat& format : formats) {
        if (format.name == name)
            return format.source;
    }
    return std::nullopt;
}

std::optional<std::string_view> detect_builtin_format(std::string_view text)
{
    if (has(text, "<|im_start|>"))
        return "chatml";
    if (has(text, "<|start_header_id|>"))
        return "llama3";
    if (has(text, "<start_of_turn>"))
        return "gemma";
    if (has(text, "<|user|>") && has(text, "<|end|>"))
        return "phi3";
    if (has(text, "[INST]") && has(text, "<<SYS>>"))
        return "llama2";
    if (has(text, "[INST]"))
        return "mistral";
    return std::nullopt;
}

} // namespace kurabe::chat_template
