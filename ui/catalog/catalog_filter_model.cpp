#include "ui/catalog/catalog_filter_model.h"

#include "ui/catalog/catalog_table_model.h"

namespace kurabe::ui {

CatalogFilterModel::CatalogFilterModel(CatalogTableModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), source_(source)
{
    setSourceModel(source);
    setSortRole(CatalogTableModel::kSortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

void CatalogFilterModel::set_filter(const catalog::CatalogFilter& filter)
{
    filter_ = filter;
    invalidateFilter();
}

bool CatalogFilterModel::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const
{
    if (source_parent.isValid())
        return false;
    const catalog::CatalogEntry* entry = source_->entry(source_row);
    return entry && catalog::catalog_entry_matches(*entry, filter_, source_->machine());
}

bool CatalogFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Unknown last: Qt reverses the comparison for descending order, so flip it here too.
    if (!a.isValid() || !b.isValid()) {
        if (a.isValid() == b.isValid())
            return false;
        const bool unknown_greater = sortOrder() == Qt::AscendingOrder;
        return a.isValid() == unknown_greater;
    }
    if (a.typeId() == QMetaType::LongLong || a.typeId() == QMetaType::Int)
        return a.toLongLong() < b.toLongLong();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace kurabe::ui
