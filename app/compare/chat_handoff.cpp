#include "compare/chat_handoff.h"

#include "chat/chat_controller.h"

#include <algorithm>

namespace kurabe::app {
namespace {

storage::StorageError handoff_error(const QString& message)
{
    return storage::StorageError{storage::StorageErrorKind::InvalidArgument, 0, message};
}

} // namespace

QJsonObject chat_target(const storage::ComparisonTarget& target)
{
    const QJsonObject& stored = target.target;
    if (stored.value(QStringLiteral("kind")).toString() == QLatin1String("local")) {
        QJsonObject json{{QStringLiteral("kind"), QStringLiteral("local")},
                         {QStringLiteral("path"), stored.value(QStringLiteral("path"))}};
        if (const QJsonValue name = stored.value(QStringLiteral("name")); name.isString())
            json.insert(QStringLiteral("name"), name);
        return json;
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("remote")},
                       {QStringLiteral("provider"), stored.value(QStringLiteral("provider"))},
                       {QStringLiteral("model"), stored.value(QStringLiteral("model"))}};
}

storage::StorageResult<qint64> continue_in_chat(storage::ConversationStore& conversations,
                                                const storage::Comparison& comparison, int prompt,
                                                int target)
{
    if (prompt < 0 || target < 0 || prompt >= static_cast<int>(comparison.prompts.size()) ||
        target >= static_cast<int>(comparison.targets.size()))
        return handoff_error(QStringLiteral("the comparison has no prompt %1 or no target %2")
                                 .arg(prompt + 1)
                                 .arg(target + 1));
    const storage::ComparisonPrompt& asked = comparison.prompts[static_cast<size_t>(prompt)];
    const storage::ComparisonTarget& answered = comparison.targets[static_cast<size_t>(target)];
    const auto result =
        std::find_if(comparison.results.begin(), comparison.results.end(),
                     [&](const storage::ComparisonResult& r) {
                         return r.prompt_id == asked.id && r.target_id == answered.id;
                     });
    if (result == comparison.results.end() || result->content.trimmed().isEmpty())
        return handoff_error(QStringLiteral("%1 has no answer to this prompt yet; run it first")
                                 .arg(answered.label));

    storage::NewConversation conversation;
    conversation.title = titleFromMessage(asked.content);
    conversation.system_prompt = asked.system_prompt;
    conversation.default_target = chat_target(answered);
    conversation.default_sampling = answered.sampling;
    storage::StorageResult<qint64> id = conversations.create(conversation);
    if (!id)
        return id;
    // Removes the conversation again when a message cannot be stored.
    const auto undo = [&](const storage::StorageError& error) -> storage::StorageResult<qint64> {
        static_cast<void>(conversations.remove(*id));
        return error;
    };
    storage::NewMessage question;
    question.role = storage::MessageRole::User;
    question.content = asked.content;
    storage::StorageResult<qint64> question_id =
        conversations.add_message(*id, std::nullopt, question);
    if (!question_id)
        return undo(question_id.error());
    storage::NewMessage answer;
    answer.role = storage::MessageRole::Assistant;
    answer.content = result->content;
    answer.target = conversation.default_target;
    answer.sampling = answered.sampling;
    storage::StorageResult<qint64> answer_id = conversations.add_message(*id, *question_id, answer);
    if (!answer_id)
        return undo(answer_id.error());
    if (storage::StorageResult<void> finished =
            conversations.finish_message(*answer_id, result->content, result->metrics);
        !finished)
        return undo(finished.error());
    return id;
}

} // namespace kurabe::app
