// Which catalog entries to show: the filters of the Catalog page and of `kurabe catalog`. An
// unset filter lets everything through; a set one lets through only entries known to match
// (an entry with an unknown context length fails a minimum-context filter).
#pragma once

#include "catalog/catalog_entry.h"
#include "catalog/machine_memory.h"

#include <optional>

namespace kurabe::catalog {

struct CatalogFilter
{
    QString text;           // in name, key, developer, family, English or Japanese description
    QString developer;      // exact developer name
    QString license_kind;   // "permissive", "copyleft", "restricted", "proprietary"
    QString commercial_use; // "yes", "no", "restricted"
    std::optional<bool> open_weights;
    std::optional<qint64> min_context;    // tokens
    std::optional<qint64> min_parameters; // total parameters
    std::optional<qint64> max_parameters;
    QString modality; // input or output: "text", "image", "audio", "video"
    std::optional<bool> reasoning;
    bool runs_locally = false; // has GGUF downloads
    bool fits_machine = false; // the smallest download fits this machine (fit_estimate.h)

    bool is_empty() const;
};

// `machine` is only read for `fits_machine`.
bool catalog_entry_matches(const CatalogEntry& entry, const CatalogFilter& filter,
                           const MachineMemory& machine);

// True when the smallest download of `entry` fits `machine` (fits or tight).
bool catalog_entry_fits(const CatalogEntry& entry, const MachineMemory& machine);

} // namespace kurabe::catalog
