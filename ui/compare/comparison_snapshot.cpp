#include "ui/compare/comparison_snapshot.h"

#include "compare/comparison_export.h"

namespace kurabe::ui {

const storage::ComparisonResult* ComparisonSnapshot::result(int prompt, int target) const
{
    if (prompt < 0 || prompt >= promptCount() || target < 0 ||
        target >= static_cast<int>(comparison.targets.size()))
        return nullptr;
    return app::find_result(comparison, comparison.prompts[static_cast<size_t>(prompt)].id,
                            comparison.targets[static_cast<size_t>(target)].id);
}

QString ComparisonSnapshot::text(int prompt, int target) const
{
    if (run && prompt < run->promptCount() && target < run->targetCount())
        return run->cell(prompt, target).text;
    const storage::ComparisonResult* stored = result(prompt, target);
    return stored ? stored->content : QString();
}

app::CellState ComparisonSnapshot::state(int prompt, int target) const
{
    if (run && prompt < run->promptCount() && target < run->targetCount())
        return run->cell(prompt, target).state;
    return app::CellState::Queued;
}

} // namespace kurabe::ui
