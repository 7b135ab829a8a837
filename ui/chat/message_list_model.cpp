#include "ui/chat/message_list_model.h"

namespace kurabe::ui {

MessageListModel::MessageListModel(storage::ConversationStore& store, QObject* parent)
    : QAbstractListModel(parent), store_(store)
{}

storage::StorageResult<void> MessageListModel::setConversation(qint64 id)
{
    conversation_ = id;
    return reload();
}

storage::StorageResult<void> MessageListModel::reload()
{
    std::vector<storage::Message> messages;
    std::vector<Siblings> siblings;
    storage::StorageResult<void> outcome;
    if (conversation_ != 0) {
        storage::StorageResult<std::vector<storage::Message>> path =
            store_.active_path(conversation_);
        if (path) {
            messages = std::move(*path);
            for (const storage::Message& m : messages) {
                Siblings s;
                if (storage::StorageResult<storage::MessageSiblings> found = store_.siblings(m.id);
                    found) {
                    s.index = found->active_index + 1;
                    s.count = static_cast<int>(found->ids.size());
                }
                siblings.push_back(s);
            }
        } else {
            outcome = path.error();
        }
    }
    beginResetModel();
    messages_ = std::move(messages);
    siblings_ = std::move(siblings);
    endResetModel();
    return outcome;
}

void MessageListModel::appendText(qint64 message_id, const QString& text)
{
    const int row = rowOf(message_id);
    if (row < 0)
        return;
    messages_[static_cast<size_t>(row)].content += text;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {ContentRole, Qt::DisplayRole});
}

void MessageListModel::setStreaming(qint64 message_id)
{
    const qint64 before = streaming_;
    streaming_ = message_id;
    for (const qint64 id : {before, message_id}) {
        if (const int row = rowOf(id); row >= 0)
            emit dataChanged(index(row), index(row), {StreamingRole, FooterRole});
    }
}

int MessageListModel::rowOf(qint64 message_id) const
{
    if (message_id == 0)
        return -1;
    // The streaming answer is normally the last row: search from the end.
    for (int row = static_cast<int>(messages_.size()) - 1; row >= 0; --row) {
        if (messages_[static_cast<size_t>(row)].id == message_id)
            return row;
    }
    return -1;
}

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(messages_.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Message& m = messages_[static_cast<size_t>(index.row())];
    const Siblings& s = siblings_[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case IdRole:
        return m.id;
    case RoleNameRole:
        return storage::message_role_name(m.role);
    case FooterRole:
        return m.id == streaming_ ? tr("writing…") : message_footer(m);
    case SiblingTextRole:
        return s.count > 1 ? QStringLiteral("%1/%2").arg(s.index).arg(s.count) : QString();
    case SiblingCountRole:
        return s.count;
    case StreamingRole:
        return m.id == streaming_;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(RoleNameRole, "role");
    names.insert(ContentRole, "content");
    names.insert(FooterRole, "footer");
    names.insert(SiblingTextRole, "siblingText");
    names.insert(SiblingCountRole, "siblingCount");
    names.insert(StreamingRole, "streaming");
    return names;
}

QString message_footer(const storage::Message& message)
{
    if (message.role != storage::MessageRole::Assistant)
        return {};
    QStringList parts;
    const QString name = message.target.value(QStringLiteral("name")).toString();
    const QString model =
        !name.isEmpty() ? name : message.target.value(QStringLiteral("model")).toString();
    if (!model.isEmpty())
        parts << model;
    const QString device = message.target.value(QStringLiteral("device")).toString();
    if (!device.isEmpty())
        parts << device;
    const storage::MessageMetrics& m = message.metrics;
    if (m.tokens_in || m.tokens_out)
        parts << QObject::tr("%1 in / %2 out")
                     .arg(m.tokens_in.value_or(0))
                     .arg(m.tokens_out.value_or(0));
    if (m.ttft_ms)
        parts << QObject::tr("TTFT %1 ms").arg(*m.ttft_ms, 0, 'f', 0);
    if (m.tokens_per_s)
        parts << QObject::tr("%1 tok/s").arg(*m.tokens_per_s, 0, 'f', 1);
    if (!m.finish_reason.isEmpty())
        parts << m.finish_reason;
    if (m.cost_usd)
        parts << QStringLiteral("$%1").arg(*m.cost_usd, 0, 'f', 4);
    if (!m.error.isEmpty())
        parts << m.error;
    return parts.join(QStringLiteral(" · "));
}

} // namespace kurabe::ui
