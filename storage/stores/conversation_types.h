// What ConversationStore reads and writes: conversations and the tree of their messages.
// Times are milliseconds since the Unix epoch (UTC).
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace kurabe::storage {

// Stored by name ("user", ...); a name is never renamed or reused.
enum class MessageRole
{
    System,
    User,
    Assistant,
    Tool
};

QString message_role_name(MessageRole role);
std::optional<MessageRole> message_role_from_name(const QString& name);

// Where an answer came from: {"kind":"local","model_file":...,"backend":"vulkan","device":...}
// or {"kind":"provider","provider":...,"model":...}. Sampling parameters are a JSON object too
// ({"temperature":0.7,"top_p":0.9,"seed":42,...}); the store keeps both as given.
struct NewConversation
{
    QString title;
    QString system_prompt;
    QJsonObject default_target;
    QJsonObject default_sampling;
};

struct Conversation
{
    qint64 id = 0;
    QString title;
    qint64 created_at_ms = 0;
    qint64 updated_at_ms = 0;
    bool pinned = false;
    bool archived = false;
    QString system_prompt;
    QJsonObject default_target;
    QJsonObject default_sampling;
};

enum class ArchiveFilter
{
    NotArchived,
    ArchivedOnly,
    All
};

// One page of the conversation list: pinned first, then most recently updated.
struct ConversationListQuery
{
    ArchiveFilter filter = ArchiveFilter::NotArchived;
    int offset = 0;
    int limit = 50;
};

// How an answer went; a value that was not measured stays empty (stored as NULL).
struct MessageMetrics
{
    std::optional<qint64> tokens_in;
    std::optional<qint64> tokens_out;
    std::optional<double> ttft_ms; // time to first token
    std::optional<double> tokens_per_s;
    std::optional<double> cost_usd;
    QString finish_reason; // "stop", "length", "cancelled", ...; empty while streaming
    QString error;         // what went wrong, for the user; empty when nothing did
};

struct NewMessage
{
    MessageRole role = MessageRole::User;
    QString content;
    QJsonObject target;
    QJsonObject sampling;
};

struct Message
{
    qint64 id = 0;
    qint64 conversation_id = 0;
    std::optional<qint64> parent_id; // empty for a root
    MessageRole role = MessageRole::User;
    QString content;
    QJsonObject target;
    QJsonObject sampling;
    qint64 created_at_ms = 0;
    qint64 updated_at_ms = 0;
    MessageMetrics metrics;
};

// The alternatives at one place in the tree (a message and the other children of its parent,
// or the roots of the conversation), oldest first, and which of them is on the active branch.
struct MessageSiblings
{
    std::vector<qint64> ids;
    int active_index = 0;
};

} // namespace kurabe::storage
