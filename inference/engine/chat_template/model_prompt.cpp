#include "chat_template/model_prompt.h"

#include "chat_template/builtin_formats.h"
#include "gguf/gguf_file.h"

namespace kurabe {

std::string vocabulary_token_text(const GgufFile& file, std::string_view id_key)
{
    const std::optional<uint64_t> id = file.get_uint(id_key);
    const GgufArray* tokens = file.get_array("tokenizer.ggml.tokens");
    if (!id || !tokens || tokens->element_type() != GgufType::String || *id >= tokens->size())
        return {};
    return std::string(tokens->string_at(*id));
}

Result<ModelPrompt> render_model_prompt(const GgufFile& file, const json::Value& messages,
                                        const ModelPromptOptions& options,
                                        chat_template::RenderFailure* failure)
{
    if (!messages.is_array())
        return Error{"the conversation must be a JSON array of messages"};

    std::string_view source;
    if (!options.forced_format.empty()) {
        const std::optional<std::string_view> builtin =
            chat_template::builtin_template_source(options.forced_format);
        if (!builtin)
            return Error{"unknown chat format '" + options.forced_format +
                         "' (known: chatml, llama2, llama3, gemma, phi3, mistral)"};
        source = *builtin;
    } else if (const auto own = file.get_string("tokenizer.chat_template")) {
        source = *own;
    }

    ModelPrompt prompt;
    if (source.empty()) {
        // Plain completion: the conversation's text as written.
        for (const json::Value& message : messages.as_array()) {
            const json::Value* content = message.find("content");
            if (content && content->is_string()) {
                if (!prompt.text.empty())
                    prompt.text += "\n";
                prompt.text += content->as_string();
            }
        }
        return prompt;
    }

    Result<chat_template::ChatTemplate> parsed = chat_template::ChatTemplate::parse(source);
    if (!parsed)
        return Error{file.path() + ": " + parsed.message()};
    const std::string bos = vocabulary_token_text(file, "tokenizer.ggml.bos_token_id");
    const std::string eos = vocabulary_token_text(file, "tokenizer.ggml.eos_token_id");
    const json::Value context(json::Object{
        {"messages", messages},
        {"add_generation_prompt", options.add_generation_prompt},
        {"bos_token", bos},
        {"eos_token", eos},
    });
    Result<std::string> text = parsed->render(context, options.render, failure);
    if (!text)
        return text.error();
    prompt.templated = true;
    prompt.text = std::move(*text);
    // Templates that write the BOS token themselves must not get a second one.
    prompt.add_bos = bos.empty() || prompt.text.compare(0, bos.size(), bos) != 0;
    return prompt;
}

} // namespace kurabe
