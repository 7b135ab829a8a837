#include "compare/word_diff.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace kurabe::app {

namespace {

enum class TokenClass
{
    Space,  // joins a run of whitespace
    Word,   // joins a run of letters, digits and marks
    Single, // a token by itself: punctuation, symbols, CJK characters
};

struct CodePoint
{
    char32_t value = 0;
    qsizetype size = 1; // UTF-16 code units: 2 for a surrogate pair
};

CodePoint code_point_at(const QString& text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
        return {QChar::surrogateToUcs4(c, text.at(i + 1)), 2};
    return {c.unicode(), 1};
}

bool is_cjk(char32_t c)
{
    switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
        return true;
    default:
        // The iteration mark 々 and the prolonged sound mark ー belong to no one script.
        return c == U'\u3005' || c == U'\u30FC';
    }
}

TokenClass classify(char32_t c)
{
    if (QChar::isSpace(c))
        return TokenClass::Space;
    if (is_cjk(c))
        return TokenClass::Single;
    if (QChar::isLetterOrNumber(c) || QChar::isMark(c) || c == U'_')
        return TokenClass::Word;
    return TokenClass::Single;
}

// Lines of `text`, each with its '\n'; they concatenate to `text`.
QStringList split_lines(const QString& text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            lines << text.mid(start, i + 1 - start);
            start = i + 1;
        }
    }
    if (start < text.size())
        lines << text.mid(start);
    return lines;
}

int count_words(const QString& text)
{
    int words = 0;
    for (const QString& token : diff_tokens(text))
        words += QChar::isSpace(code_point_at(token, 0).value) ? 0 : 1;
    return words;
}

struct Edit
{
    DiffOp op = DiffOp::Equal;
    int index = 0; // into the first sequence for Equal and Removed, the second for Added
};

// Walks the frontiers of myers() back from the end: the edit script in text order.
// trace[d][(k + d) / 2]: the furthest x reached on diagonal k (= x - y) after d edits.
std::vector<Edit> backtrack(const std::vector<std::vector<int>>& trace, int n, int m)
{
    std::vector<Edit> edits;
    int x = n;
    int y = m;
    for (int d = static_cast<int>(trace.size()) - 1; d > 0; --d) {
        const std::vector<int>& before = trace[static_cast<size_t>(d - 1)];
        const auto furthest = [&](int k) { return before[static_cast<size_t>((k + d - 1) / 2)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && furthest(k - 1) < furthest(k + 1));
        const int prev_k = down ? k + 1 : k - 1;
        const int prev_x = furthest(prev_k);
        const int prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) {
            edits.push_back({DiffOp::Equal, x - 1});
            --x;
            --y;
        }
        if (down)
            edits.push_back({DiffOp::Added, --y});
        else
            edits.push_back({DiffOp::Removed, --x});
    }
    while (x > 0 && y > 0) {
        edits.push_back({DiffOp::Equal, x - 1});
        --x;
        --y;
    }
    std::reverse(edits.begin(), edits.end());
    return edits;
}

// Myers' greedy shortest edit script from `a` to `b`, or nothing when it needs more than
// `max_edits` insertions and deletions. Memory: about max_edits² / 2 ints for the frontiers.
std::optional<std::vector<Edit>> myers(const std::vector<int>& a, const std::vector<int>& b,
                                       int max_edits)
{
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    const int max_d = std::min(n + m, max_edits);
    const int offset = max_d + 1;
    std::vector<int> v(static_cast<size_t>(2 * max_d + 3), 0); // by diagonal k + offset
    std::vector<std::vector<int>> trace;
    for (int d = 0; d <= max_d; ++d) {
        std::vector<int>& frontier = trace.emplace_back(static_cast<size_t>(d + 1), 0);
        for (int k = -d; k <= d; k += 2) {
            const int left = v[static_cast<size_t>(offset + k - 1)];
            const int above = v[static_cast<size_t>(offset + k + 1)];
            int x = (k == -d || (k != d && left < above)) ? above : left + 1;
            int y = x - k;
            while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
                ++x;
                ++y;
            }
            v[static_cast<size_t>(offset + k)] = x;
            frontier[static_cast<size_t>((k + d) / 2)] = x;
            if (x >= n && y >= m)
                return backtrack(trace, n, m);
        }
    }
    return std::nullopt;
}

// Each distinct string as a small integer, so that the diff compares ints.
std::optional<std::vector<Edit>> diff_sequences(const QStringList& a, const QStringList& b,
                                                int max_edits)
{
    QHash<QString, int> ids;
    // insert() would give a repeated string a new id: look it up first.
    const auto intern = [&ids](const QStringList& items) {
        std::vector<int> out;
        out.reserve(static_cast<size_t>(items.size()));
        for (const QString& item : items) {
            auto found = ids.constFind(item);
            if (found == ids.constEnd())
                found = ids.insert(item, static_cast<int>(ids.size()));
            out.push_back(*found);
        }
        return out;
    };
    const std::vector<int> ia = intern(a);
    const std::vector<int> ib = intern(b);
    return myers(ia, ib, max_edits);
}

void append(WordDiff& diff, DiffOp op, const QString& text)
{
    if (text.isEmpty())
        return;
    const int words = count_words(text);
    switch (op) {
    case DiffOp::Equal:
        diff.equal_words += words;
        break;
    case DiffOp::Removed:
        diff.removed_words += words;
        break;
    case DiffOp::Added:
        diff.added_words += words;
        break;
    }
    if (!diff.segments.empty() && diff.segments.back().op == op)
        diff.segments.back().text += text;
    else
        diff.segments.push_back({op, text});
}

void append_edits(WordDiff& diff, const std::vector<Edit>& edits, const QStringList& a,
                  const QStringList& b)
{
    for (const Edit& edit : edits)
        append(diff, edit.op, edit.op == DiffOp::Added ? b.at(edit.index) : a.at(edit.index));
}

} // namespace

QStringList diff_tokens(const QString& text)
{
    QStringList tokens;
    qsizetype start = 0;
    std::optional<TokenClass> run; // the class of the token being built
    for (qsizetype i = 0; i < text.size();) {
        const CodePoint point = code_point_at(text, i);
        const TokenClass cls = classify(point.value);
        const bool joins = run && *run == cls && cls != TokenClass::Single;
        if (!joins && i > start) {
            tokens << text.mid(start, i - start);
            start = i;
        }
        run = cls;
        i += point.size;
    }
    if (start < text.size())
        tokens << text.mid(start);
    return tokens;
}

WordDiff word_diff(const QString& a, const QString& b, int max_edits)
{
    max_edits = std::max(1, max_edits);
    WordDiff diff;
    const QStringList words_a = diff_tokens(a);
    const QStringList words_b = diff_tokens(b);
    if (const auto edits = diff_sequences(words_a, words_b, max_edits)) {
        diff.granularity = DiffGranularity::Words;
        append_edits(diff, *edits, words_a, words_b);
        return diff;
    }
    const QStringList lines_a = split_lines(a);
    const QStringList lines_b = split_lines(b);
    if (const auto edits = diff_sequences(lines_a, lines_b, max_edits)) {
        diff.granularity = DiffGranularity::Lines;
        append_edits(diff, *edits, lines_a, lines_b);
        return diff;
    }
    diff.granularity = DiffGranularity::Whole;
    append(diff, DiffOp::Removed, a);
    append(diff, DiffOp::Added, b);
    return diff;
}

} // namespace kurabe::app
