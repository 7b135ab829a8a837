#include "ui/chat/search_results_model.h"

#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace kurabe::ui {

namespace {

constexpr int kMaxHits = 200;

} // namespace

SearchResultsModel::SearchResultsModel(storage::SearchIndex& index, QObject* parent)
    : QAbstractListModel(parent), index_(index)
{}

storage::StorageResult<void> SearchResultsModel::search(const QString& text)
{
    std::vector<storage::SearchHit> hits;
    storage::StorageResult<void> outcome;
    if (!text.trimmed().isEmpty()) {
        storage::StorageResult<std::vector<storage::SearchHit>> found =
            index_.search(text.trimmed(), kMaxHits);
        if (found) {
            for (storage::SearchHit& hit : *found) {
                if (hit.kind == storage::SearchHitKind::Message)
                    hits.push_back(std::move(hit));
            }
        } else {
            outcome = found.error();
        }
    }
    beginResetModel();
    hits_ = std::move(hits);
    endResetModel();
    return outcome;
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(hits_.size());
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::SearchHit& hit = hits_[static_cast<size_t>(index.row())];
    const QString title = hit.owner_title.isEmpty() ? tr("New conversation") : hit.owner_title;
    switch (role) {
    case Qt::DisplayRole: {
        QString plain = hit.snippet;
        plain.remove(storage::kSearchMatchStart).remove(storage::kSearchMatchEnd);
        return title + QStringLiteral(": ") + plain;
    }
    case HtmlRole:
        return QStringLiteral("<b>%1</b><br>%2")
            .arg(title.toHtmlEscaped(), snippet_html(hit.snippet));
    case ConversationIdRole:
        return hit.owner_id;
    case MessageIdRole:
        return hit.item_id;
    default:
        return {};
    }
}

QString snippet_html(const QString& snippet)
{
    QString html;
    QString run;
    auto flush = [&] {
        html += run.toHtmlEscaped();
        run.clear();
    };
    for (const QChar c : snippet) {
        if (c == storage::kSearchMatchStart) {
            flush();
            html += QStringLiteral("<span style=\"background-color:#ffe48a; color:#000\">");
        } else if (c == storage::kSearchMatchEnd) {
            flush();
            html += QStringLiteral("</span>");
        } else {
            run += c;
        }
    }
    flush();
    return html;
}

void SnippetDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, option.widget);
    QTextDocument doc;
    doc.setDefaultFont(option.font);
    doc.setHtml(index.data(SearchResultsModel::HtmlRole).toString());
    doc.setTextWidth(option.rect.width() - 8);
    painter->save();
    painter->translate(option.rect.topLeft() + QPoint(4, 2));
    doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 8, option.rect.height() - 4));
    painter->restore();
}

QSize SnippetDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QTextDocument doc;
    doc.setDefaultFont(option.font);
    doc.setHtml(index.data(SearchResultsModel::HtmlRole).toString());
    doc.setTextWidth(std::max(120, option.rect.width() - 8));
    return {static_cast<int>(doc.idealWidth()) + 8, static_cast<int>(doc.size().height()) + 4};
}

} // namespace kurabe::ui
