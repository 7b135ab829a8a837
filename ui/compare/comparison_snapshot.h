// What the result view shows, shared by its item models: the comparison as last read from the
// store (metrics, ratings, votes), the run streaming into it (live text and cell states), and
// the order and names of the columns (shuffled letters in blind mode).
#pragma once

#include "compare/comparison_run.h"
#include "storage/stores/comparison_types.h"

#include <QStringList>

#include <vector>

namespace kurabe::ui {

struct ComparisonSnapshot
{
    storage::Comparison comparison;
    const app::ComparisonRun* run = nullptr; // null before a comparison is opened
    std::vector<int> order;                  // display column -> target position
    QStringList headers;                     // by display column

    int promptCount() const { return static_cast<int>(comparison.prompts.size()); }
    int columnCount() const { return static_cast<int>(order.size()); }
    int targetAt(int column) const { return order.at(static_cast<size_t>(column)); }
    // The stored result of prompt row `prompt` x target position `target`, or null.
    const storage::ComparisonResult* result(int prompt, int target) const;
    // Live text when the run has it, else the stored answer.
    QString text(int prompt, int target) const;
    app::CellState state(int prompt, int target) const;
};

} // namespace kurabe::ui
