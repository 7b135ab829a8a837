#include "chat_template/chat_template.h"

#include "chat_template/ast.h"
#include "chat_template/evaluator.h"
#include "chat_template/lexer.h"
#include "chat_template/parser.h"

namespace kurabe::chat_template {
namespace {

bool valid(const DateTime& t)
{
    return t.year >= 1 && t.year <= 9999 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
           t.day <= 31 && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
           t.second >= 0 && t.second <= 60;
}

} // namespace

ChatTemplate::ChatTemplate(std::shared_ptr<const std::vector<std::unique_ptr<Node>>> body)
    : body_(std::move(body))
{}

Result<ChatTemplate> ChatTemplate::parse(std::string_view source)
{
    try {
        auto body = std::make_shared<Body>(parse_template(tokenize(source)));
        return ChatTemplate(std::move(body));
    } catch (const TemplateError& error) {
        return Error{std::string("chat template line ") + std::to_string(error.line()) + ": " +
                     error.what()};
    } catch (const std::bad_alloc&) {
        return Error{"chat template: out of memory while parsing"};
    }
}

Result<std::string> ChatTemplate::render(const json::Value& context, const RenderOptions& options,
                                         RenderFailure* failure) const
{
    const auto fail = [&](ErrorKind kind, int line, std::string message) -> Result<std::string> {
        if (failure)
            *failure = RenderFailure{kind, line};
        return Error{std::move(message)};
    };
    if (!context.is_object())
        return fail(ErrorKind::type, 0, "chat template context must be a JSON object");
    const DateTime now = options.now.value_or(local_now());
    if (!valid(now))
        return fail(ErrorKind::type, 0, "chat template: strftime_now time is not a valid date");
    try {
        Dict globals = builtin_globals(now);
        for (const auto& [name, value] : context.as_object())
            globals.set(name, from_json(value));
        Evaluator evaluator(std::move(globals));
        return evaluator.render(*body_);
    } catch (const TemplateError& error) {
        return fail(error.kind(), error.line(), error.what());
    } catch (const std::bad_alloc&) {
        return fail(ErrorKind::limit, 0, "chat template: out of memory while rendering");
    }
}

} // namespace kurabe::chat_template
