// The merge loop SentencePiece and byte-level BPE share. The text starts as one symbol per
// UTF-8 character (or stray byte); repeatedly the adjacent pair with the highest priority
// merges — the leftmost pair on ties — until no adjacent pair may merge. The tokenizers differ
// only in the priority: SentencePiece's is the score of the joined piece, BPE's the merge rank.
#pragma once

#include "unicode/utf8.h"

#include <queue>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace kurabe {

struct MergedSpan
{
    size_t begin;  // byte offset in the text
    size_t length; // bytes
};

// `priority(left, right)` gives the priority of merging two adjacent pieces of `text` (higher
// merges first), or nothing when they may not merge. Returns the final pieces in text order.
template <typename Priority>
std::vector<MergedSpan> merge_symbols(std::string_view text, Priority&& priority)
{
    // Symbols form a doubly linked list over `symbols`; a symbol merged into its left
    // neighbour keeps length 0.
    struct Symbol
    {
        int prev;
        int next;
        size_t begin;
        size_t length;
    };
    struct Candidate
    {
        double priority;
        int left;
        int right;
        size_t length; // bytes of left + right when the candidate was made
    };
    struct Order
    {
        bool operator()(const Candidate& a, const Candidate& b) const
        {
            return a.priority < b.priority || (a.priority == b.priority && a.left > b.left);
        }
    };

    std::vector<Symbol> symbols;
    for (size_t pos = 0; pos < text.size();) {
        const size_t length = std::min(unicode::utf8_sequence_length(text[pos]), text.size() - pos);
        const int index = static_cast<int>(symbols.size());
        symbols.push_back({index - 1, pos + length == text.size() ? -1 : index + 1, pos, length});
        pos += length;
    }

    std::priority_queue<Candidate, std::vector<Candidate>, Order> queue;
    const auto consider = [&](int left, int right) {
        if (left < 0 || right < 0)
            return;
        const Symbol& l = symbols[static_cast<size_t>(left)];
        const Symbol& r = symbols[static_cast<size_t>(right)];
        const std::optional<double> p =
            priority(text.substr(l.begin, l.length), text.substr(r.begin, r.length));
        if (p)
            queue.push({*p, left, right, l.length + r.length});
    };
    for (int i = 1; i < static_cast<int>(symbols.size()); ++i)
        consider(i - 1, i);

    while (!queue.empty()) {
        const Candidate best = queue.top();
        queue.pop();
        Symbol& left = symbols[static_cast<size_t>(best.left)];
        Symbol& right = symbols[static_cast<size_t>(best.right)];
        // Stale when either side was merged away or grew since the candidate was made.
        if (left.length == 0 || right.length == 0 || left.next != best.right ||
            left.length + right.length != best.length)
            continue;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (right.next >= 0)
            symbols[static_cast<size_t>(right.next)].prev = best.left;
        consider(left.prev, best.left);
        consider(best.left, left.next);
    }

    std::vector<MergedSpan> spans;
    for (int i = symbols.empty() ? -1 : 0; i != -1; i = symbols[static_cast<size_t>(i)].next)
        spans.push_back(
            {symbols[static_cast<size_t>(i)].begin, symbols[static_cast<size_t>(i)].length});
    return spans;
}

} // namespace kurabe
