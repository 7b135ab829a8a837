#include "ui/compare/blind_order.h"

#include <numeric>
#include <random>
#include <utility>

namespace kurabe::ui {

std::vector<int> blind_order(quint64 seed, int count)
{
    std::vector<int> order(static_cast<size_t>(std::max(count, 0)));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 random(seed);
    // Fisher–Yates; the modulo bias over at most 8 columns is far below anything visible.
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<size_t>(random() % i)]);
    return order;
}

} // namespace kurabe::ui
