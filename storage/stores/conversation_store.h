// Conversations and their message trees. Editing or regenerating a message adds a sibling
// under the same parent, which becomes the active branch; the choice is remembered per parent,
// so the active path (root to leaf) is what the chat view shows. Every method is one
// transaction: on failure (disk full, read-only file) nothing changed and no signal is sent.
#pragma once

#include "storage/sqlite/database.h"
#include "storage/stores/conversation_types.h"

#include <QObject>

#include <functional>

namespace kurabe::storage {

class ConversationStore : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds since the Unix epoch

    // `database` must outlive the store and be used on the store's thread only. An empty
    // `clock` is the system clock.
    explicit ConversationStore(Database& database, Clock clock = {}, QObject* parent = nullptr);

    StorageResult<qint64> create(const NewConversation& conversation);
    StorageResult<Conversation> conversation(qint64 id);
    StorageResult<std::vector<Conversation>> list(const ConversationListQuery& query);
    StorageResult<qint64> count(ArchiveFilter filter);
    StorageResult<void> rename(qint64 id, const QString& title);
    StorageResult<void> set_pinned(qint64 id, bool pinned);
    StorageResult<void> set_archived(qint64 id, bool archived);
    StorageResult<void> set_system_prompt(qint64 id, const QString& system_prompt);
    StorageResult<void> set_defaults(qint64 id, const QJsonObject& target,
                                     const QJsonObject& sampling);
    // Deletes the conversation and all its messages.
    StorageResult<void> remove(qint64 id);

    // Adds a message under `parent_id` (empty: a new root) and makes it the active branch there.
    StorageResult<qint64> add_message(qint64 conversation_id, std::optional<qint64> parent_id,
                                      const NewMessage& message);
    StorageResult<Message> message(qint64 id);
    // While an answer streams: its text so far (cheap; called at least every 250 ms).
    StorageResult<void> update_message_content(qint64 id, const QString& content);
    // When it ends: the final text and its metrics.
    StorageResult<void> finish_message(qint64 id, const QString& content,
                                       const MessageMetrics& metrics);
    // Deletes the message and everything below it.
    StorageResult<void> remove_message(qint64 id);

    // The messages on the active branch, root first.
    StorageResult<std::vector<Message>> active_path(qint64 conversation_id);
    StorageResult<MessageSiblings> siblings(qint64 message_id);
    // Makes `message_id` the active one among its siblings (the "< 2/3 >" switch).
    StorageResult<void> set_active(qint64 message_id);

Q_SIGNALS:
    // A conversation was created, changed (title, flags, a new message), or deleted.
    void conversationChanged(qint64 conversation_id);
    // A message was added, changed, deleted, or the active branch moved.
    void messagesChanged(qint64 conversation_id);

private:
    // Sets updated_at of the conversation (inside the caller's transaction).
    StorageResult<void> touch(qint64 conversation_id, qint64 now_ms, const QString& what);
    qint64 now() const;

    Database& database_;
    Clock clock_;
};

} // namespace kurabe::storage
