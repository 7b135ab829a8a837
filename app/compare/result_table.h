// A finished comparison as plain text for the terminal: per prompt, one row per target with
// its metrics, the best value of each metric marked with "*", check results and the start of
// the answer; and the leaderboard as a table.
#pragma once

#include "compare/bradley_terry.h"
#include "storage/stores/comparison_types.h"

#include <QString>

#include <vector>

namespace kurabe::app {

QString comparison_text_table(const storage::Comparison& comparison, int answer_chars = 60);

QString leaderboard_text_table(const std::vector<PlayerRating>& ratings);

} // namespace kurabe::app
