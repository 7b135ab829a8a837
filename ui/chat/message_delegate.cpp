#include "ui/chat/message_delegate.h"

#include "ui/chat/message_list_model.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QTextBlock>
#include <QTextFrame>

#include <cmath>

namespace kurabe::ui {

namespace {

constexpr int kMargin = 10;       // pixels around a message
constexpr int kHeaderHeight = 20; // the role line
constexpr int kFooterHeight = 18;
constexpr size_t kMaxCachedDocuments = 256;

QString role_title(const QString& role)
{
    if (role == QLatin1String("user"))
        return MessageDelegate::tr("You");
    if (role == QLatin1String("assistant"))
        return MessageDelegate::tr("Model");
    return role;
}

// Answers have a footer line (metrics); the user's messages do not.
int footer_height(const QModelIndex& index)
{
    return index.data(MessageListModel::RoleNameRole).toString() == QLatin1String("assistant")
               ? kFooterHeight
               : 0;
}

QRect document_rect(const QRect& row, const QModelIndex& index)
{
    return row.adjusted(kMargin, kMargin + kHeaderHeight, -kMargin,
                        -kMargin - footer_height(index));
}

// Code blocks come from the Markdown importer with a fence property (fenced blocks) or as
// non-breaking lines (indented blocks).
bool is_code(const QTextBlock& block)
{
    const QTextBlockFormat format = block.blockFormat();
    return format.hasProperty(QTextFormat::BlockCodeFence) || format.nonBreakableLines();
}

} // namespace

QVariant OfflineTextDocument::loadResource(int, const QUrl&)
{
    return {};
}

QTextDocument& MessageDelegate::document(const QModelIndex& index, int width) const
{
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
    const QString text = index.data(MessageListModel::ContentRole).toString();
    // Only the rows on screen are painted, so a small cache holds them all.
    if (documents_.size() > kMaxCachedDocuments && documents_.count(id) == 0)
        documents_.clear();
    Layout& layout = documents_[id];
    if (!layout.document) {
        // The Markdown importer sets code spans and blocks in the fixed-pitch font itself.
        layout.document = std::make_unique<OfflineTextDocument>();
        layout.document->setDocumentMargin(0);
    }
    if (layout.text != text || layout.width < 0) {
        layout.document->setMarkdown(text, QTextDocument::MarkdownDialectGitHub);
        layout.text = text;
        layout.width = -1;
    }
    if (layout.width != width) {
        layout.document->setTextWidth(width);
        layout.width = width;
    }
    return *layout.document;
}

int MessageDelegate::textHeight(const QModelIndex& index, int width) const
{
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
    const QString text = index.data(MessageListModel::ContentRole).toString();
    const size_t hash = qHash(text);
    auto it = heights_.find(id);
    if (it != heights_.end() && it->second.width == width && it->second.text_hash == hash)
        return it->second.height;
    const int height = static_cast<int>(std::ceil(document(index, width).size().height()));
    heights_[id] = {width, hash, height};
    return height;
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    painter->save();
    const bool user =
        index.data(MessageListModel::RoleNameRole).toString() == QLatin1String("user");
    if (user && !(option.state & QStyle::State_Selected))
        painter->fillRect(option.rect.adjusted(2, 2, -2, -2), option.palette.alternateBase());

    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    const QRect header(option.rect.left() + kMargin, option.rect.top() + kMargin / 2,
                       option.rect.width() - 2 * kMargin, kHeaderHeight);
    QString title = role_title(index.data(MessageListModel::RoleNameRole).toString());
    const QString siblings = index.data(MessageListModel::SiblingTextRole).toString();
    if (!siblings.isEmpty())
        title += QStringLiteral("   ‹ %1 ›").arg(siblings);
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);

    const QRect body = document_rect(option.rect, index);
    QTextDocument& doc = document(index, body.width());
    painter->translate(body.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = option.palette;
    if (selected)
        context.palette.setColor(QPalette::Text, option.palette.color(QPalette::HighlightedText));
    context.clip = QRectF(0, 0, body.width(), body.height());
    painter->setClipRect(context.clip);
    doc.documentLayout()->draw(painter, context);
    painter->restore();

    const QString footer = index.data(MessageListModel::FooterRole).toString();
    if (!footer.isEmpty()) {
        painter->save();
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->setFont(small);
        painter->setPen(option.palette.color((option.state & QStyle::State_Selected)
                                                 ? QPalette::HighlightedText
                                                 : QPalette::PlaceholderText));
        const QRect area(body.left(), body.bottom() + 2, body.width(), kFooterHeight);
        painter->drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                          painter->fontMetrics().elidedText(footer, Qt::ElideRight, area.width()));
        painter->restore();
    }
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = std::max(100, option.rect.width() - 2 * kMargin);
    const int height = textHeight(index, width);
    return {width + 2 * kMargin, height + 2 * kMargin + kHeaderHeight + footer_height(index)};
}

QString MessageDelegate::codeBlockAt(const QModelIndex& index, const QRect& row,
                                     const QPoint& pos) const
{
    const QRect body = document_rect(row, index);
    QTextDocument& doc = document(index, body.width());
    const int position = doc.documentLayout()->hitTest(pos - body.topLeft(), Qt::ExactHit);
    if (position < 0)
        return {};
    QTextBlock block = doc.findBlock(position);
    if (!is_code(block))
        return {};
    while (block.previous().isValid() && is_code(block.previous()))
        block = block.previous();
    QStringList lines;
    for (; block.isValid() && is_code(block); block = block.next())
        lines << block.text();
    return lines.join(QLatin1Char('\n'));
}

QString MessageDelegate::anchorAt(const QModelIndex& index, const QRect& row,
                                  const QPoint& pos) const
{
    const QRect body = document_rect(row, index);
    QTextDocument& doc = document(index, body.width());
    return doc.documentLayout()->anchorAt(pos - body.topLeft());
}

bool MessageDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                  const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const QString anchor = anchorAt(index, option.rect, mouse->position().toPoint());
        if (mouse->button() == Qt::LeftButton && !anchor.isEmpty()) {
            emit linkActivated(QUrl(anchor));
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace kurabe::ui
