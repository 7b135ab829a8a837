// The shuffled column order of blind mode, from a seed, so that a reopened comparison shows
// the same letters for the same targets. Uses only std::mt19937_64's raw output (whose sequence
// the C++ standard fixes), not a distribution (whose results differ between standard
// libraries).
#pragma once

#include <QtGlobal>

#include <vector>

namespace kurabe::ui {

// A permutation of 0..count-1: element i is the target position shown in display column i.
std::vector<int> blind_order(quint64 seed, int count);

} // namespace kurabe::ui
