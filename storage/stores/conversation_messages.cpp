// ConversationStore: the message tree of a conversation, and which branch of it is active.
#include "storage/sqlite/transaction.h"
#include "storage/stores/conversation_store.h"
#include "storage/stores/json_column.h"

namespace kurabe::storage {
namespace {

StorageError message_not_found(qint64 id, const QString& what)
{
    return StorageError{StorageErrorKind::NotFound, 0,
                        QStringLiteral("%1: message %2 does not exist").arg(what).arg(id)};
}

// Columns: id, conversation_id, parent_id, role, content, target, sampling, created_at,
// updated_at, tokens_in, tokens_out, ttft_ms, tokens_per_s, cost_usd, finish_reason, error.
Message read_message(const Query& query)
{
    Message message;
    message.id = query.int64(0);
    message.conversation_id = query.int64(1);
    message.parent_id = query.optional_int64(2);
    message.role = message_role_from_name(query.text(3)).value_or(MessageRole::User);
    message.content = query.text(4);
    message.target = json_column_object(query.text(5));
    message.sampling = json_column_object(query.text(6));
    message.created_at_ms = query.int64(7);
    message.updated_at_ms = query.int64(8);
    message.metrics.tokens_in = query.optional_int64(9);
    message.metrics.tokens_out = query.optional_int64(10);
    message.metrics.ttft_ms = query.optional_real(11);
    message.metrics.tokens_per_s = query.optional_real(12);
    message.metrics.cost_usd = query.optional_real(13);
    message.metrics.finish_reason = query.text(14);
    message.metrics.error = query.text(15);
    return message;
}

// Runs a statement that must change exactly the message `id`.
template <typename... Values>
StorageResult<void> change_message(Database& database, const char* sql, qint64 id,
                                   const QString& what, const Values&... values)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(values...);
    if (StorageResult<void> done = query->run(); !done) {
        return done;
    }
    if (database.changes() == 0) {
        return message_not_found(id, what);
    }
    return {};
}

// Makes `message_id` the active one below `parent_id` (or among the roots of the
// conversation), inside the caller's transaction.
StorageResult<void> mark_active(Database& database, qint64 conversation_id,
                                std::optional<qint64> parent_id, qint64 message_id,
                                const QString& what)
{
    if (parent_id) {
        return change_message(database, "UPDATE messages SET active_child_id = ? WHERE id = ?",
                              *parent_id, what, message_id, *parent_id);
    }
    StorageResult<Query> query =
        database.query("UPDATE conversations SET active_root_id = ? WHERE id = ?", what);
    if (!query) {
        return query.error();
    }
    query->bind(message_id, conversation_id);
    return query->run();
}

} // namespace

StorageResult<qint64> ConversationStore::add_message(qint64 conversation_id,
                                                     std::optional<qint64> parent_id,
                                                     const NewMessage& message)
{
    const QString what = QStringLiteral("saving a message in conversation %1").arg(conversation_id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    if (parent_id) {
        StorageResult<Message> parent = this->message(*parent_id);
        if (!parent) {
            return parent.error();
        }
        if (parent->conversation_id != conversation_id) {
            return StorageError{StorageErrorKind::InvalidArgument, 0,
                                QStringLiteral("%1: message %2 belongs to conversation %3")
                                    .arg(what)
                                    .arg(*parent_id)
                                    .arg(parent->conversation_id)};
        }
    }
    const qint64 now_ms = now();
    // touch() first: it reports a missing conversation more clearly than the foreign key would.
    if (StorageResult<void> touched = touch(conversation_id, now_ms, what); !touched) {
        return touched.error();
    }
    StorageResult<Query> insert = database_.query(
        "INSERT INTO messages (conversation_id, parent_id, role, content, target, sampling, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        what);
    if (!insert) {
        return insert.error();
    }
    insert->bind(conversation_id, parent_id, message_role_name(message.role), message.content,
                 json_column_text(message.target), json_column_text(message.sampling), now_ms,
                 now_ms);
    if (StorageResult<void> done = insert->run(); !done) {
        return done.error();
    }
    const qint64 id = database_.last_insert_id();
    if (StorageResult<void> marked = mark_active(database_, conversation_id, parent_id, id, what);
        !marked) {
        return marked.error();
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed.error();
    }
    Q_EMIT conversationChanged(conversation_id);
    Q_EMIT messagesChanged(conversation_id);
    return id;
}

StorageResult<Message> ConversationStore::message(qint64 id)
{
    const QString what = QStringLiteral("reading message %1").arg(id);
    StorageResult<Query> query = database_.query(
        "SELECT id, conversation_id, parent_id, role, content, target, sampling, created_at, "
        "updated_at, tokens_in, tokens_out, ttft_ms, tokens_per_s, cost_usd, finish_reason, error "
        "FROM messages WHERE id = ?",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(id);
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return message_not_found(id, what);
    }
    return read_message(*query);
}

StorageResult<void> ConversationStore::update_message_content(qint64 id, const QString& content)
{
    // No transaction and no conversation update: this runs several times a second while an
    // answer streams, and one UPDATE is atomic on its own.
    StorageResult<Message> current = message(id);
    if (!current) {
        return current.error();
    }
    StorageResult<void> done = change_message(
        database_, "UPDATE messages SET content = ?, updated_at = ? WHERE id = ?", id,
        QStringLiteral("saving the answer so far (message %1)").arg(id), content, now(), id);
    if (done) {
        Q_EMIT messagesChanged(current->conversation_id);
    }
    return done;
}

StorageResult<void> ConversationStore::finish_message(qint64 id, const QString& content,
                                                      const MessageMetrics& metrics)
{
    const QString what = QStringLiteral("saving the answer (message %1)").arg(id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    StorageResult<Message> current = message(id);
    if (!current) {
        return current.error();
    }
    const qint64 now_ms = now();
    StorageResult<void> done = change_message(
        database_,
        "UPDATE messages SET content = ?, updated_at = ?, tokens_in = ?, tokens_out = ?, "
        "ttft_ms = ?, tokens_per_s = ?, cost_usd = ?, finish_reason = ?, error = ? WHERE id = ?",
        id, what, content, now_ms, metrics.tokens_in, metrics.tokens_out, metrics.ttft_ms,
        metrics.tokens_per_s, metrics.cost_usd, metrics.finish_reason, metrics.error, id);
    if (!done) {
        return done;
    }
    if (StorageResult<void> touched = touch(current->conversation_id, now_ms, what); !touched) {
        return touched;
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed;
    }
    Q_EMIT conversationChanged(current->conversation_id);
    Q_EMIT messagesChanged(current->conversation_id);
    return {};
}

StorageResult<void> ConversationStore::remove_message(qint64 id)
{
    const QString what = QStringLiteral("deleting message %1").arg(id);
    StorageResult<Message> current = message(id);
    if (!current) {
        return current.error();
    }
    // The foreign keys delete the subtree and clear active_child_id / active_root_id that
    // pointed at it; the newest remaining sibling then counts as active.
    StorageResult<void> done =
        change_message(database_, "DELETE FROM messages WHERE id = ?", id, what, id);
    if (done) {
        Q_EMIT messagesChanged(current->conversation_id);
    }
    return done;
}

StorageResult<std::vector<Message>> ConversationStore::active_path(qint64 conversation_id)
{
    const QString what = QStringLiteral("reading conversation %1").arg(conversation_id);
    // From the active root, follow each message's active child; where none is remembered, the
    // newest child. Ids grow from parent to child, so the walk ends; depth guards anyway.
    StorageResult<Query> query = database_.query(
        "WITH RECURSIVE path (id, depth) AS ("
        " SELECT coalesce(c.active_root_id, (SELECT max(r.id) FROM messages r"
        "  WHERE r.conversation_id = c.id AND r.parent_id IS NULL)), 0"
        " FROM conversations c WHERE c.id = ?"
        " UNION ALL"
        " SELECT coalesce(m.active_child_id, (SELECT max(k.id) FROM messages k"
        "  WHERE k.parent_id = m.id)), path.depth + 1"
        " FROM path JOIN messages m ON m.id = path.id WHERE path.depth < 1000000)"
        "SELECT m.id, m.conversation_id, m.parent_id, m.role, m.content, m.target, m.sampling, "
        "m.created_at, m.updated_at, m.tokens_in, m.tokens_out, m.ttft_ms, m.tokens_per_s, "
        "m.cost_usd, m.finish_reason, m.error "
        "FROM path JOIN messages m ON m.id = path.id ORDER BY path.depth",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(conversation_id);
    std::vector<Message> path;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return path;
        }
        path.push_back(read_message(*query));
    }
}

StorageResult<MessageSiblings> ConversationStore::siblings(qint64 message_id)
{
    const QString what = QStringLiteral("reading the alternatives to message %1").arg(message_id);
    StorageResult<Message> current = message(message_id);
    if (!current) {
        return current.error();
    }
    // The ids at this place in the tree, and the remembered active one (NULL: the newest).
    StorageResult<Query> query =
        current->parent_id
            ? database_.query("SELECT k.id, p.active_child_id FROM messages k JOIN messages p "
                              "ON p.id = k.parent_id WHERE k.parent_id = ? ORDER BY k.id",
                              what)
            : database_.query("SELECT r.id, c.active_root_id FROM messages r JOIN conversations "
                              "c ON c.id = r.conversation_id WHERE r.conversation_id = ? AND "
                              "r.parent_id IS NULL ORDER BY r.id",
                              what);
    if (!query) {
        return query.error();
    }
    query->bind(current->parent_id ? *current->parent_id : current->conversation_id);
    MessageSiblings siblings;
    qint64 active_id = 0; // ids start at 1; 0: none remembered
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        siblings.ids.push_back(query->int64(0));
        active_id = query->optional_int64(1).value_or(0);
    }
    siblings.active_index = static_cast<int>(siblings.ids.size()) - 1;
    for (size_t i = 0; i < siblings.ids.size(); ++i) {
        if (siblings.ids[i] == active_id) {
            siblings.active_index = static_cast<int>(i);
        }
    }
    return siblings;
}

StorageResult<void> ConversationStore::set_active(qint64 message_id)
{
    const QString what = QStringLiteral("switching to message %1").arg(message_id);
    StorageResult<Message> current = message(message_id);
    if (!current) {
        return current.error();
    }
    StorageResult<void> done =
        mark_active(database_, current->conversation_id, current->parent_id, message_id, what);
    if (done) {
        Q_EMIT messagesChanged(current->conversation_id);
    }
    return done;
}

} // namespace kurabe::storage
