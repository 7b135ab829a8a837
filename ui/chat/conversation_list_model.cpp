#include "ui/chat/conversation_list_model.h"

#include <QDateTime>

namespace kurabe::ui {

ConversationListModel::ConversationListModel(storage::ConversationStore& store, int limit,
                                             QObject* parent)
    : QAbstractListModel(parent), store_(store), limit_(limit)
{
    // Titles, pins and new messages change the list; reading it is one indexed query.
    connect(&store_, &storage::ConversationStore::conversationChanged, this, [this] {
        if (storage::StorageResult<void> r = reload(); !r)
            emit storageError(r.message());
    });
}

storage::StorageResult<void> ConversationListModel::reload()
{
    storage::ConversationListQuery query;
    query.limit = limit_;
    query.filter = filter_;
    storage::StorageResult<std::vector<storage::Conversation>> list = store_.list(query);
    if (!list)
        return list.error();
    std::vector<storage::Conversation> rows;
    for (storage::Conversation& c : *list) {
        if (!hidden_.contains(c.id))
            rows.push_back(std::move(c));
    }
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    return {};
}

void ConversationListModel::setFilter(storage::ArchiveFilter filter)
{
    filter_ = filter;
    if (storage::StorageResult<void> r = reload(); !r)
        emit storageError(r.message());
}

void ConversationListModel::setHidden(const QSet<qint64>& ids)
{
    hidden_ = ids;
    if (storage::StorageResult<void> r = reload(); !r)
        emit storageError(r.message());
}

int ConversationListModel::rowOf(qint64 id) const
{
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)].id : 0;
}

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Conversation& c = rows_[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: {
        const QString title = c.title.isEmpty() ? tr("New conversation") : c.title;
        return c.pinned ? QStringLiteral("📌 ") + title : title;
    }
    case Qt::EditRole:
        return c.title;
    case Qt::ToolTipRole:
        return QDateTime::fromMSecsSinceEpoch(c.updated_at_ms).toString(Qt::ISODate);
    case IdRole:
        return c.id;
    case PinnedRole:
        return c.pinned;
    case UpdatedRole:
        return c.updated_at_ms;
    case ArchivedRole:
        return c.archived;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::EditRole)
        return false;
    const QString title = value.toString().trimmed();
    if (title.isEmpty())
        return false;
    // The store's change signal reloads the list.
    if (storage::StorageResult<void> r = store_.rename(idAt(index.row()), title); !r) {
        emit storageError(r.message());
        return false;
    }
    return true;
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

} // namespace kurabe::ui
