// Chat templates: the Jinja2 programs that models ship (GGUF key tokenizer.chat_template) to turn
// a conversation into prompt text. ChatTemplate runs them the way Hugging Face's environment
// does: trim_blocks and lstrip_blocks on, loop controls (break/continue), raise_exception(msg),
// strftime_now(fmt), and tojson writing what Python's json.dumps(ensure_ascii=False) writes.
//
//   auto tmpl = ChatTemplate::parse(source);             // syntax errors name the line
//   auto text = tmpl->render(context);                   // context: {"messages": [...],
//                                                        //  "add_generation_prompt": true,
//                                                        //  "bos_token": "<s>", ...}
#pragma once

#include "chat_template/builtins.h"
#include "chat_template/template_error.h"
#include "core/result.h"
#include "json/value.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kurabe::chat_template {

struct Node;

struct RenderOptions
{
    // What strftime_now() reads; unset means the local time now. Tests fix it.
    std::optional<DateTime> now;
};

// Why a render failed, beyond the message in the Result.
struct RenderFailure
{
    // raised: the template called raise_exception(message), and the Result's message is
    // exactly that message (the CLI exits 3 with it). Otherwise the message is Jinja2's (e.g.
    // "'functions' is undefined").
    ErrorKind kind = ErrorKind::type;
    int line = 0; // template line of the failing statement; 0 when unknown
};

class ChatTemplate
{
public:
    // Errors read "chat template line 12: unexpected 'endfor' tag".
    static Result<ChatTemplate> parse(std::string_view source);

    // `context` must be a JSON object; its members become the template's variables (messages,
    // add_generation_prompt, bos_token, eos_token, tools, ...; absent ones are undefined).
    // When `failure` is given and rendering fails, it says how.
    Result<std::string> render(const json::Value& context, const RenderOptions& options = {},
                               RenderFailure* failure = nullptr) const;

private:
    explicit ChatTemplate(std::shared_ptr<const std::vector<std::unique_ptr<Node>>> body);

    // Shared so ChatTemplate copies cheaply; never modified after parse.
    std::shared_ptr<const std::vector<std::unique_ptr<Node>>> body_;
};

} // namespace kurabe::chat_template
