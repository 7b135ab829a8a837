#include "ui/compare/saved_comparisons_model.h"

#include <QDateTime>

namespace kurabe::ui {

namespace {
// The list shows the most recent comparisons; older ones stay in the database.
constexpr int kListLimit = 1000;
} // namespace

SavedComparisonsModel::SavedComparisonsModel(storage::ComparisonStore& store, QObject* parent)
    : QAbstractListModel(parent), store_(store)
{
    connect(&store_, &storage::ComparisonStore::comparisonChanged, this, [this] { reload(); });
    reload();
}

int SavedComparisonsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant SavedComparisonsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::ComparisonInfo& info = rows_[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return info.title.isEmpty() ? tr("Comparison %1").arg(info.id) : info.title;
    case Qt::ToolTipRole:
        return tr("Changed %1")
            .arg(QDateTime::fromMSecsSinceEpoch(info.updated_at_ms)
                     .toString(QStringLiteral("yyyy-MM-dd hh:mm")));
    case IdRole:
        return info.id;
    default:
        return {};
    }
}

bool SavedComparisonsModel::reload()
{
    storage::StorageResult<std::vector<storage::ComparisonInfo>> listed =
        store_.list(0, kListLimit);
    if (!listed) {
        emit storageError(listed.message());
        return false;
    }
    beginResetModel();
    rows_ = std::move(*listed);
    endResetModel();
    return true;
}

qint64 SavedComparisonsModel::idAt(int row) const
{
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)].id : 0;
}

int SavedComparisonsModel::rowOf(qint64 id) const
{
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace kurabe::ui
