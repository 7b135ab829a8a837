// Saved target sets: a named list of comparison targets (each with its sampling preset) and the
// fair-run options they were chosen with, so a comparison that is run often is set up in one
// step. All sets of a profile live as one JSON document under one settings key:
//     {"version": 1,
//      "sets": [{"name": "small models",
//                "targets": [TargetSpec::toJson(), ...],
//                "seed": 42,             // absent: each target its own seed
//                "temperature": 0.7,     // absent: each preset's own temperature
//                "max_tokens": 256}]}    // absent: no common limit
// Sets are kept sorted by name; names are unique (case-sensitive) and not empty.
#pragma once

#include "compare/compare_target.h"

#include <QString>

#include <optional>
#include <vector>

namespace kurabe::storage {
class SettingsStore;
}

namespace kurabe::app {

inline const QString kTargetSetsSetting = QStringLiteral("compare.target_sets");
inline constexpr int kTargetSetsVersion = 1; // raise when the document's shape changes

struct TargetSet
{
    QString name;
    std::vector<TargetSpec> targets; // in column order
    FairRunOptions fair;
    bool operator==(const TargetSet&) const = default;
};

// The document above, sets in the given order.
QString target_sets_to_json(const std::vector<TargetSet>& sets);
// Parses the document; nullopt with `error` saying what is wrong (not JSON, a newer version,
// a set without a name or with a target that does not parse).
std::optional<std::vector<TargetSet>> target_sets_from_json(const QString& text, QString* error);

// The profile's saved sets, sorted by name (none when the key was never set).
std::optional<std::vector<TargetSet>> load_target_sets(storage::SettingsStore& settings,
                                                       QString* error);
// Adds `set`, replacing a saved set of the same name. False with `error` (an empty name, no
// targets, or the settings could not be read or written).
bool save_target_set(storage::SettingsStore& settings, const TargetSet& set, QString* error);
// Removes the set named `name`; true also when there was none.
bool remove_target_set(storage::SettingsStore& settings, const QString& name, QString* error);

} // namespace kurabe::app
