#include "ui/compare/prompt_matrix_model.h"

#include <QLocale>

namespace kurabe::ui {

namespace {
constexpr int kSummaryChars = 60; // of the answer, on one line
constexpr int kPromptChars = 40;  // of the prompt, in the row header

QString one_line(const QString& text, int chars)
{
    QString line = text.simplified();
    if (line.size() > chars)
        line = line.left(chars - 1) + QChar(0x2026); // "…"
    return line;
}
} // namespace

PromptMatrixModel::PromptMatrixModel(const ComparisonSnapshot& snapshot, QObject* parent)
    : QAbstractTableModel(parent), snapshot_(snapshot)
{}

int PromptMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : snapshot_.promptCount();
}

int PromptMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : snapshot_.columnCount();
}

QVariant PromptMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int target = snapshot_.targetAt(index.column());
    const QString text = snapshot_.text(index.row(), target);
    if (role == Qt::ToolTipRole)
        return text;
    if (role != Qt::DisplayRole)
        return {};
    const app::CellState state = snapshot_.state(index.row(), target);
    QString summary =
        QStringLiteral("[%1] %2").arg(app::cellStateName(state), one_line(text, kSummaryChars));
    const storage::ComparisonResult* r = snapshot_.result(index.row(), target);
    if (r && r->metrics.tokens_per_s)
        summary += tr(" · %1 tok/s").arg(QLocale().toString(*r->metrics.tokens_per_s, 'f', 1));
    return summary;
}

QVariant PromptMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < snapshot_.headers.size() ? snapshot_.headers[section]
                                                                  : QVariant();
    if (section < 0 || section >= rowCount())
        return {};
    const QString& prompt = snapshot_.comparison.prompts[static_cast<size_t>(section)].content;
    return role == Qt::ToolTipRole
               ? prompt
               : QStringLiteral("%1. %2").arg(section + 1).arg(one_line(prompt, kPromptChars));
}

void PromptMatrixModel::refresh()
{
    beginResetModel();
    endResetModel();
}

void PromptMatrixModel::cellChanged(int prompt, int target)
{
    for (int c = 0; c < columnCount(); ++c) {
        if (snapshot_.targetAt(c) == target && prompt >= 0 && prompt < rowCount()) {
            const QModelIndex changed = index(prompt, c);
            emit dataChanged(changed, changed);
        }
    }
}

} // namespace kurabe::ui
