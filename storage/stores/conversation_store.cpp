// ConversationStore: the conversations themselves (the message tree is in
// conversation_messages.cpp).
#include "storage/stores/conversation_store.h"

#include "storage/sqlite/transaction.h"
#include "storage/stores/json_column.h"

#include <QDateTime>

namespace kurabe::storage {
namespace {

StorageError conversation_not_found(qint64 id, const QString& what)
{
    return StorageError{StorageErrorKind::NotFound, 0,
                        QStringLiteral("%1: conversation %2 does not exist").arg(what).arg(id)};
}

// Runs an UPDATE of one conversation whose last parameter is its id.
template <typename... Values>
StorageResult<void> update_conversation(Database& database, const char* sql, qint64 id,
                                        const QString& what, const Values&... values)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(values..., id);
    if (StorageResult<void> done = query->run(); !done) {
        return done;
    }
    if (database.changes() == 0) {
        return conversation_not_found(id, what);
    }
    return {};
}

// Columns: id, title, created_at, updated_at, pinned, archived, system_prompt, default_target,
// default_sampling (the order of every SELECT below).
Conversation read_conversation(const Query& query)
{
    Conversation conversation;
    conversation.id = query.int64(0);
    conversation.title = query.text(1);
    conversation.created_at_ms = query.int64(2);
    conversation.updated_at_ms = query.int64(3);
    conversation.pinned = query.int64(4) != 0;
    conversation.archived = query.int64(5) != 0;
    conversation.system_prompt = query.text(6);
    conversation.default_target = json_column_object(query.text(7));
    conversation.default_sampling = json_column_object(query.text(8));
    return conversation;
}

} // namespace

ConversationStore::ConversationStore(Database& database, Clock clock, QObject* parent)
    : QObject(parent), database_(database), clock_(std::move(clock))
{}

qint64 ConversationStore::now() const
{
    return clock_ ? clock_() : QDateTime::currentMSecsSinceEpoch();
}

StorageResult<qint64> ConversationStore::create(const NewConversation& conversation)
{
    const QString what = QStringLiteral("creating a conversation");
    StorageResult<Query> query = database_.query(
        "INSERT INTO conversations (title, created_at, updated_at, system_prompt, default_target, "
        "default_sampling) VALUES (?, ?, ?, ?, ?, ?)",
        what);
    if (!query) {
        return query.error();
    }
    const qint64 now_ms = now();
    query->bind(conversation.title, now_ms, now_ms, conversation.system_prompt,
                json_column_text(conversation.default_target),
                json_column_text(conversation.default_sampling));
    if (StorageResult<void> done = query->run(); !done) {
        return done.error();
    }
    const qint64 id = database_.last_insert_id();
    Q_EMIT conversationChanged(id);
    return id;
}

StorageResult<Conversation> ConversationStore::conversation(qint64 id)
{
    const QString what = QStringLiteral("reading conversation %1").arg(id);
    StorageResult<Query> query = database_.query(
        "SELECT id, title, created_at, updated_at, pinned, archived, system_prompt, "
        "default_target, default_sampling FROM conversations WHERE id = ?",
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
        return conversation_not_found(id, what);
    }
    return read_conversation(*query);
}

StorageResult<std::vector<Conversation>> ConversationStore::list(const ConversationListQuery& list)
{
    const QString what = QStringLiteral("listing conversations");
    // One statement per filter, so each can walk conversations_by_list_order.
    const char* sql = nullptr;
    switch (list.filter) {
    case ArchiveFilter::NotArchived:
        sql = "SELECT id, title, created_at, updated_at, pinned, archived, system_prompt, "
              "default_target, default_sampling FROM conversations WHERE archived = 0 "
              "ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ? OFFSET ?";
        break;
    case ArchiveFilter::ArchivedOnly:
        sql = "SELECT id, title, created_at, updated_at, pinned, archived, system_prompt, "
              "default_target, default_sampling FROM conversations WHERE archived = 1 "
              "ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ? OFFSET ?";
        break;
    case ArchiveFilter::All:
        sql = "SELECT id, title, created_at, updated_at, pinned, archived, system_prompt, "
              "default_target, default_sampling FROM conversations "
              "ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ? OFFSET ?";
        break;
    }
    StorageResult<Query> query = database_.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(list.limit, list.offset);
    std::vector<Conversation> page;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return page;
        }
        page.push_back(read_conversation(*query));
    }
}

StorageResult<qint64> ConversationStore::count(ArchiveFilter filter)
{
    const QString what = QStringLiteral("counting conversations");
    const char* sql = filter == ArchiveFilter::All
                          ? "SELECT count(*) FROM conversations"
                          : "SELECT count(*) FROM conversations WHERE archived = ?";
    StorageResult<Query> query = database_.query(sql, what);
    if (!query) {
        return query.error();
    }
    if (filter != ArchiveFilter::All) {
        query->bind(filter == ArchiveFilter::ArchivedOnly);
    }
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    return static_cast<qint64>(query->int64(0));
}

StorageResult<void> ConversationStore::rename(qint64 id, const QString& title)
{
    StorageResult<void> done = update_conversation(
        database_, "UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?", id,
        QStringLiteral("renaming conversation %1").arg(id), title, now());
    if (done) {
        Q_EMIT conversationChanged(id);
    }
    return done;
}

// Pinning and archiving do not count as activity: updated_at stays, so the list order of the
// other conversations does not jump.
StorageResult<void> ConversationStore::set_pinned(qint64 id, bool pinned)
{
    StorageResult<void> done =
        update_conversation(database_, "UPDATE conversations SET pinned = ? WHERE id = ?", id,
                            QStringLiteral("pinning conversation %1").arg(id), pinned);
    if (done) {
        Q_EMIT conversationChanged(id);
    }
    return done;
}

StorageResult<void> ConversationStore::set_archived(qint64 id, bool archived)
{
    StorageResult<void> done =
        update_conversation(database_, "UPDATE conversations SET archived = ? WHERE id = ?", id,
                            QStringLiteral("archiving conversation %1").arg(id), archived);
    if (done) {
        Q_EMIT conversationChanged(id);
    }
    return done;
}

StorageResult<void> ConversationStore::set_system_prompt(qint64 id, const QString& system_prompt)
{
    StorageResult<void> done = update_conversation(
        database_, "UPDATE conversations SET system_prompt = ?, updated_at = ? WHERE id = ?", id,
        QStringLiteral("changing the system prompt of conversation %1").arg(id), system_prompt,
        now());
    if (done) {
        Q_EMIT conversationChanged(id);
    }
    return done;
}

StorageResult<void> ConversationStore::set_defaults(qint64 id, const QJsonObject& target,
                                                    const QJsonObject& sampling)
{
    StorageResult<void> done = update_conversation(
        database_,
        "UPDATE conversations SET default_target = ?, default_sampling = ?, updated_at = ? "
        "WHERE id = ?",
        id, QStringLiteral("changing the model of conversation %1").arg(id),
        json_column_text(target), json_column_text(sampling), now());
    if (done) {
        Q_EMIT conversationChanged(id);
    }
    return done;
}

StorageResult<void> ConversationStore::remove(qint64 id)
{
    const QString what = QStringLiteral("deleting conversation %1").arg(id);
    StorageResult<Query> query = database_.query("DELETE FROM conversations WHERE id = ?", what);
    if (!query) {
        return query.error();
    }
    query->bind(id);
    if (StorageResult<void> done = query->run(); !done) {
        return done;
    }
    if (database_.changes() == 0) {
        return conversation_not_found(id, what);
    }
    Q_EMIT conversationChanged(id);
    Q_EMIT messagesChanged(id);
    return {};
}

StorageResult<void> ConversationStore::touch(qint64 conversation_id, qint64 now_ms,
                                             const QString& what)
{
    return update_conversation(database_, "UPDATE conversations SET updated_at = ? WHERE id = ?",
                               conversation_id, what, now_ms);
}

} // namespace kurabe::storage
