#include "ui/compare/target_list_model.h"

namespace kurabe::ui {

int TargetListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(targets_.size());
}

QVariant TargetListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const app::TargetSpec& spec = targets_[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole)
        return spec.label();
    if (role == Qt::ToolTipRole)
        return spec.text();
    return {};
}

bool TargetListModel::append(const app::TargetSpec& spec)
{
    if (rowCount() >= kMaxTargets)
        return false;
    beginInsertRows({}, rowCount(), rowCount());
    targets_.push_back(spec);
    endInsertRows();
    return true;
}

void TargetListModel::removeAt(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    targets_.erase(targets_.begin() + row);
    endRemoveRows();
}

void TargetListModel::clear()
{
    beginResetModel();
    targets_.clear();
    endResetModel();
}

} // namespace kurabe::ui
