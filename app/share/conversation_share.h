// One conversation written out for sharing with people rather than for re-import: Markdown to
// paste into an issue or a note, and a plain JSON document for scripts. Only the active branch
// is written (what the user sees), with each answer's model and measurements. The lossless,
// re-importable format is the JSON Lines export (storage/transfer, docs/export-format.md).
#pragma once

#include "storage/stores/conversation_types.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace kurabe::app {

enum class ShareFormat
{
    Markdown,
    Json
};

// "markdown"/"md" or "json"; empty when the name is neither.
std::optional<ShareFormat> share_format_from_name(const QString& name);

// The model an answer came from, as a reader would name it: a local model's name (or file
// name) and device, or "provider / model". Empty for messages without a target.
QString target_description(const QJsonObject& target);

// `path` is the conversation's active branch, root first (ConversationStore::active_path).
QString conversation_markdown(const storage::Conversation& conversation,
                              const std::vector<storage::Message>& path);
QJsonObject conversation_json(const storage::Conversation& conversation,
                              const std::vector<storage::Message>& path);

} // namespace kurabe::app
