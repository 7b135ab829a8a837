// Filters and sorts the catalog table (CatalogTableModel) with a catalog::CatalogFilter, the
// same filter `kurabe catalog` uses. Sorting compares numbers as numbers and puts unknown
// values last in either direction.
#pragma once

#include "catalog/catalog_filter.h"

#include <QSortFilterProxyModel>

namespace kurabe::ui {

class CatalogTableModel;

class CatalogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CatalogFilterModel(CatalogTableModel* source, QObject* parent = nullptr);

    void set_filter(const catalog::CatalogFilter& filter);
    const catalog::CatalogFilter& filter() const { return filter_; }

protected:
    bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    CatalogTableModel* source_;
    catalog::CatalogFilter filter_;
};

} // namespace kurabe::ui
