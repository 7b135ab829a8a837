// A conversation turned into the prompt text a particular model expects: rendered with the
// model's own chat template (GGUF tokenizer.chat_template) or a forced built-in format, with
// the model's BOS/EOS token texts. A model without a template (a base model) is used for
// plain completion: the messages' text goes in as-is.
#pragma once

#include "chat_template/chat_template.h"
#include "core/result.h"
#include "json/value.h"

#include <string>
#include <string_view>

namespace kurabe {

class GgufFile;

struct ModelPrompt
{
    bool templated = false; // false: no chat template, plain completion
    std::string text;
    bool add_bos = true; // false when the rendered text already starts with the BOS token
};

struct ModelPromptOptions
{
    bool add_generation_prompt = true;
    std::string forced_format; // a built-in format name (chatml, llama3, ...); empty: the model's
    chat_template::RenderOptions render;
};

// `messages` is a JSON array of {"role", "content"} objects. When rendering fails and
// `failure` is given, it says how (kind raised: the template's own message).
Result<ModelPrompt> render_model_prompt(const GgufFile& file, const json::Value& messages,
                                        const ModelPromptOptions& options,
                                        chat_template::RenderFailure* failure = nullptr);

// The text of token `id` in the model's vocabulary (tokenizer.ggml.tokens), or empty.
std::string vocabulary_token_text(const GgufFile& file, std::string_view id_key);

} // namespace kurabe
