// The catalog as a table: one row per entry, one column per fact. Display text is formatted
// ("1.2B", "128K"); kSortRole gives the raw value to sort by (numbers as numbers, an invalid
// QVariant for unknown, which the filter model sorts last).
#pragma once

#include "catalog/catalog_entry.h"
#include "catalog/machine_memory.h"

#include <QAbstractTableModel>

#include <vector>

namespace kurabe::ui {

class CatalogTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Developer,
        Family,
        Kind,
        Released,
        Parameters,
        Context,
        License,
        CommercialUse,
        OpenWeights,
        Download, // size of the smallest GGUF download
        Fit,      // does the smallest download fit this machine
        ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole + 1;
    static constexpr int kKeyRole = Qt::UserRole + 2; // the entry's key

    explicit CatalogTableModel(QObject* parent = nullptr);

    void set_entries(std::vector<catalog::CatalogEntry> entries);
    void set_machine(const catalog::MachineMemory& machine);
    const std::vector<catalog::CatalogEntry>& entries() const { return entries_; }
    const catalog::MachineMemory& machine() const { return machine_; }
    const catalog::CatalogEntry* entry(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const catalog::CatalogEntry& entry, int column) const;
    QVariant sort_value(const catalog::CatalogEntry& entry, int column) const;

    std::vector<catalog::CatalogEntry> entries_;
    catalog::MachineMemory machine_;
};

// "1.23B", "560M"; "" for unknown.
QString format_count(std::optional<qint64> count);
// "128K" tokens (1024 = 1K, as context lengths are written); "" for unknown.
QString format_tokens(std::optional<qint64> tokens);
// "807.7 MB" (decimal units, as download sites show them).
QString format_bytes(qint64 bytes);
// The entry's one-line description in the window's language (current_ui_language()), or in
// the other language when that one is empty.
QString ui_description(const catalog::CatalogEntry& entry);

} // namespace kurabe::ui
