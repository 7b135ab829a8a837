// "Continue in chat" with one answer of a comparison: a new chat conversation holding the
// prompt's system prompt, the prompt as the user message and the answer as the assistant
// message (with its metrics), so the user can go on talking to the model that gave it.
#pragma once

#include "storage/stores/comparison_types.h"
#include "storage/stores/conversation_store.h"

#include <QJsonObject>

namespace kurabe::app {

// The comparison target as a chat message records where an answer came from:
// {"kind":"local","path":...,"name":...} or {"kind":"remote","provider":...,"model":...} —
// what the chat's model picker chooses a model by.
QJsonObject chat_target(const storage::ComparisonTarget& target);

// Creates the conversation from the answer of target `target` to prompt `prompt` (positions)
// as stored in `comparison`, titled after the prompt; its model and sampling are the target's.
// Fails when there is no such answer or it is empty; a conversation half made is removed.
storage::StorageResult<qint64> continue_in_chat(storage::ConversationStore& conversations,
                                                const storage::Comparison& comparison, int prompt,
                                                int target);

} // namespace kurabe::app
