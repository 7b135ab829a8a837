// Search hits across all chat messages (SearchIndex, FTS5 trigram), for the conversation
// panel: the conversation's title and the snippet around the match, with the match
// highlighted (HtmlRole, drawn by SnippetDelegate).
#pragma once

#include "storage/search/search_index.h"

#include <QAbstractListModel>
#include <QStyledItemDelegate>

#include <vector>

namespace kurabe::ui {

class SearchResultsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        ConversationIdRole = Qt::UserRole + 1,
        MessageIdRole,
        HtmlRole, // "<b>title</b><br>…the <span style=...>match</span>…"
    };

    explicit SearchResultsModel(storage::SearchIndex& index, QObject* parent = nullptr);

    // Runs the search (an empty text clears the results).
    storage::StorageResult<void> search(const QString& text);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    storage::SearchIndex& index_;
    std::vector<storage::SearchHit> hits_; // chat messages only
};

// The snippet as HTML: escaped text, the match (between kSearchMatchStart and kSearchMatchEnd)
// highlighted.
QString snippet_html(const QString& snippet);

// Draws HtmlRole as rich text.
class SnippetDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace kurabe::ui
