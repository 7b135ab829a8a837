// The messages on a conversation's active branch, root first, for the chat view: one row per
// message (a model, not one widget per message, so long conversations scroll smoothly). An
// answer that is streaming grows in place through appendText(); everything else is read from
// the ConversationStore on reload().
#pragma once

#include "storage/stores/conversation_store.h"

#include <QAbstractListModel>

#include <vector>

namespace kurabe::ui {

class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        RoleNameRole, // "user", "assistant", "system"
        ContentRole,  // the Markdown text
        FooterRole,   // "stories260K · CPU · 5 in / 40 out · TTFT 3 ms · 900 tok/s · length"
        SiblingTextRole, // "2/3", or empty when the message has no siblings
        SiblingCountRole,
        StreamingRole, // bool: the answer is being written
    };

    explicit MessageListModel(storage::ConversationStore& store, QObject* parent = nullptr);

    // Shows conversation `id` (0: none). Errors leave the model empty and are returned.
    storage::StorageResult<void> setConversation(qint64 id);
    qint64 conversation() const { return conversation_; }
    storage::StorageResult<void> reload();

    // Text that arrived for a streaming answer (ignored when it is not shown).
    void appendText(qint64 message_id, const QString& text);
    void setStreaming(qint64 message_id); // 0: none

    int rowOf(qint64 message_id) const; // -1 when absent
    const storage::Message& message(int row) const { return messages_[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Siblings
    {
        int index = 0; // 1-based position
        int count = 1;
    };

    storage::ConversationStore& store_;
    qint64 conversation_ = 0;
    qint64 streaming_ = 0;
    std::vector<storage::Message> messages_;
    std::vector<Siblings> siblings_; // per row
};

// The per-message footer text: model, device, tokens, time to first token, tokens/s, finish
// reason, cost. Empty for the user's messages.
QString message_footer(const storage::Message& message);

} // namespace kurabe::ui
