// Paints one chat message: who wrote it, its Markdown rendered with QTextDocument (code in
// monospace; images and other resources are never fetched), the "< 2/3 >" position among its
// siblings and the metrics footer. A link opens in the browser only when clicked.
#pragma once

#include <QStyledItemDelegate>
#include <QTextDocument>

#include <memory>
#include <unordered_map>

namespace kurabe::ui {

class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The text of the code block at `pos` (view coordinates) in the message at `index` drawn in
    // `row`; empty when `pos` is not on a code block.
    QString codeBlockAt(const QModelIndex& index, const QRect& row, const QPoint& pos) const;

    // The link target at `pos` (view coordinates), or empty.
    QString anchorAt(const QModelIndex& index, const QRect& row, const QPoint& pos) const;

signals:
    void linkActivated(const QUrl& url);

protected:
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

private:
    struct Layout
    {
        std::unique_ptr<QTextDocument> document;
        QString text; // what the document holds
        int width = 0;
    };
    // The laid-out document of the message at `index` for a row `width` pixels wide; cached
    // per message id, so scrolling does not parse Markdown again.
    QTextDocument& document(const QModelIndex& index, int width) const;
    // The rendered height of the message's text (pixels); remembered per message, width and
    // text, so laying out a long conversation does not render every message again.
    int textHeight(const QModelIndex& index, int width) const;

    struct Height
    {
        int width = 0;
        size_t text_hash = 0;
        int height = 0;
    };
    mutable std::unordered_map<qint64, Layout> documents_;
    mutable std::unordered_map<qint64, Height> heights_;
};

// A QTextDocument that never loads a resource (remote images in Markdown stay unloaded).
class OfflineTextDocument : public QTextDocument
{
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl& name) override;
};

} // namespace kurabe::ui
