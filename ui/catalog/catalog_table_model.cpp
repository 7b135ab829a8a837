#include "ui/catalog/catalog_table_model.h"

#include "catalog/fit_estimate.h"
#include "ui/ui_language.h"

namespace kurabe::ui {

using catalog::CatalogEntry;

QString format_count(std::optional<qint64> count)
{
    if (!count)
        return {};
    const double n = static_cast<double>(*count);
    if (n >= 1e12)
        return QStringLiteral("%1T").arg(n / 1e12, 0, 'g', 3);
    if (n >= 1e9)
        return QStringLiteral("%1B").arg(n / 1e9, 0, 'g', 3);
    if (n >= 1e6)
        return QStringLiteral("%1M").arg(n / 1e6, 0, 'g', 3);
    return QString::number(*count);
}

QString format_tokens(std::optional<qint64> tokens)
{
    if (!tokens)
        return {};
    if (*tokens >= 1024 && *tokens % 1024 == 0)
        return QStringLiteral("%1K").arg(*tokens / 1024);
    return QString::number(*tokens);
}

QString format_bytes(qint64 bytes)
{
    const double n = static_cast<double>(bytes);
    if (n >= 1e9)
        return QStringLiteral("%1 GB").arg(n / 1e9, 0, 'f', 2);
    if (n >= 1e6)
        return QStringLiteral("%1 MB").arg(n / 1e6, 0, 'f', 1);
    return QStringLiteral("%1 kB").arg(n / 1e3, 0, 'f', 1);
}

QString ui_description(const CatalogEntry& entry)
{
    const bool japanese = current_ui_language() == QLatin1String("ja");
    const QString& preferred = japanese ? entry.description_ja : entry.description_en;
    return preferred.isEmpty() ? (japanese ? entry.description_en : entry.description_ja)
                               : preferred;
}

CatalogTableModel::CatalogTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void CatalogTableModel::set_entries(std::vector<CatalogEntry> entries)
{
    beginResetModel();
    entries_ = std::move(entries);
    endResetModel();
}

void CatalogTableModel::set_machine(const catalog::MachineMemory& machine)
{
    machine_ = machine;
    if (!entries_.empty())
        Q_EMIT dataChanged(index(0, Fit), index(rowCount() - 1, Fit));
}

const CatalogEntry* CatalogTableModel::entry(int row) const
{
    return row >= 0 && row < rowCount() ? &entries_[static_cast<size_t>(row)] : nullptr;
}

int CatalogTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int CatalogTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogTableModel::data(const QModelIndex& index, int role) const
{
    const CatalogEntry* item = index.isValid() ? entry(index.row()) : nullptr;
    if (!item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*item, index.column());
    case kSortRole:
        return sort_value(*item, index.column());
    case kKeyRole:
        return item->key;
    case Qt::ToolTipRole:
        return index.column() == Name ? ui_description(*item) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Parameters || index.column() == Context || index.column() == Download)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant CatalogTableModel::display(const CatalogEntry& entry, int column) const
{
    switch (column) {
    case Name:
        return entry.name;
    case Developer:
        return entry.developer;
    case Family:
        return entry.family;
    case Kind:
        return entry.kind;
    case Released:
        return entry.release_date;
    case Parameters:
        if (entry.parameters_active)
            return tr("%1 (%2 active)")
                .arg(format_count(entry.parameters_total), format_count(entry.parameters_active));
        return format_count(entry.parameters_total);
    case Context:
        return format_tokens(entry.context_length);
    case License:
        return entry.license.spdx.isEmpty() ? entry.license.name : entry.license.spdx;
    case CommercialUse:
        return entry.license.commercial_use;
    case OpenWeights:
        return entry.open_weights ? tr("yes") : tr("no");
    case Download:
        if (const catalog::LocalVariant* smallest = entry.smallest_variant())
            return format_bytes(*smallest->size_bytes);
        return {};
    case Fit:
        if (const catalog::LocalVariant* smallest = entry.smallest_variant())
            return catalog::fit_verdict_text(
                catalog::estimate_fit(entry, *smallest, machine_).verdict);
        return {};
    default:
        return {};
    }
}

QVariant CatalogTableModel::sort_value(const CatalogEntry& entry, int column) const
{
    const auto number = [](std::optional<qint64> value) {
        return value ? QVariant(*value) : QVariant();
    };
    switch (column) {
    case Parameters:
        return number(entry.parameters_total);
    case Context:
        return number(entry.context_length);
    case Download:
        if (const catalog::LocalVariant* smallest = entry.smallest_variant())
            return *smallest->size_bytes;
        return {};
    case Fit:
        if (const catalog::LocalVariant* smallest = entry.smallest_variant())
            return static_cast<int>(catalog::estimate_fit(entry, *smallest, machine_).verdict);
        return {};
    default: {
        const QString text = display(entry, column).toString();
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    }
}

QVariant CatalogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Developer:
        return tr("Developer");
    case Family:
        return tr("Family");
    case Kind:
        return tr("Kind");
    case Released:
        return tr("Released");
    case Parameters:
        return tr("Parameters");
    case Context:
        return tr("Context");
    case License:
        return tr("License");
    case CommercialUse:
        return tr("Commercial use");
    case OpenWeights:
        return tr("Open weights");
    case Download:
        return tr("Smallest download");
    case Fit:
        return tr("Fits here");
    default:
        return {};
    }
}

} // namespace kurabe::ui
