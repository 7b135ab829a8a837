// The conversation list: pinned first, then most recently updated (the store's order).
// Titles are editable in place (rename). A conversation being deleted is hidden at once and
// removed from the database only when its undo time has passed (see ConversationPanel).
#pragma once

#include "storage/stores/conversation_store.h"

#include <QAbstractListModel>
#include <QSet>

#include <vector>

namespace kurabe::ui {

class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        PinnedRole,
        UpdatedRole, // milliseconds since the epoch
        ArchivedRole,
    };

    // `limit`: how many of the most recent conversations are listed.
    explicit ConversationListModel(storage::ConversationStore& store, int limit = 1000,
                                   QObject* parent = nullptr);

    storage::StorageResult<void> reload();
    // Which conversations are listed: the active ones (default) or the archived ones.
    void setFilter(storage::ArchiveFilter filter);
    // Hidden rows: conversations waiting for their deletion to be confirmed.
    void setHidden(const QSet<qint64>& ids);
    int rowOf(qint64 id) const; // -1 when absent
    qint64 idAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void storageError(const QString& message);

private:
    storage::ConversationStore& store_;
    int limit_;
    storage::ArchiveFilter filter_ = storage::ArchiveFilter::NotArchived;
    QSet<qint64> hidden_;
    std::vector<storage::Conversation> rows_;
};

} // namespace kurabe::ui
