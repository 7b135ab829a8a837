// A word-level diff between two answers, for the compare workspace's diff view.
//
// The texts are split into tokens: runs of word characters, runs of whitespace, and single
// punctuation or symbol characters; a CJK ideograph, hiragana or katakana character is a token
// of its own, because Chinese and Japanese put no spaces between words. The token sequences
// are diffed with Myers' O((N+M)·D) algorithm, D being the number of tokens removed plus added.
//
// Memory is bounded: Myers keeps one frontier per edit step, about D²/2 integers in all, so D
// is capped (`max_edits`, 2,000 by default: about 8 MB). Answers that differ by more are
// diffed line by line instead (lines as tokens, under the same cap), and answers that differ
// in more lines than that are shown as one removed block and one added block. The result says
// which of the three it is, so the view can tell the user.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace kurabe::app {

enum class DiffOp
{
    Equal,   // in both texts
    Removed, // only in the first
    Added,   // only in the second
};

struct DiffSegment
{
    DiffOp op = DiffOp::Equal;
    QString text;

    bool operator==(const DiffSegment&) const = default;
};

enum class DiffGranularity
{
    Words, // token by token
    Lines, // too many word edits: line by line
    Whole, // too many line edits: all of the first removed, all of the second added
};

struct WordDiff
{
    // In text order, neighbours never of the same op. The Equal and Removed texts concatenate
    // to the first text; the Equal and Added texts to the second.
    std::vector<DiffSegment> segments;
    DiffGranularity granularity = DiffGranularity::Words;
    // Words (tokens that are not whitespace: words, CJK characters, punctuation) in each op.
    int equal_words = 0;
    int removed_words = 0;
    int added_words = 0;
};

constexpr int kDefaultMaxDiffEdits = 2000;

// The tokens of `text`, in order; they concatenate to `text`.
QStringList diff_tokens(const QString& text);

// How `b` differs from `a`. `max_edits` (> 0) caps the edit count of the word diff (and of the
// line diff that replaces it); see the top of this file.
WordDiff word_diff(const QString& a, const QString& b, int max_edits = kDefaultMaxDiffEdits);

} // namespace kurabe::app
