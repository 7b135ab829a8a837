#include "tokenizer/encoders.h"
#include "tokenizer/vocab.h"
#include "unicode/utf8.h"

#include <queue>

#include <algorithm>
#include <string>

namespace kurabe {

namespace {

// A piece of the text being merged: a doubly linked list over `symbols`, length 0 once merged
// into its left neighbour.
struct Symbol
{
    int prev;
    int next;
    size_t begin; // byte offset in the text
    size_t length;
};

struct Candidate
{
    float score;
    int left;
    int right;
    size_t length; // bytes of left + right when the candidate was made
};

// Highest score first; on equal scores the leftmost pair first.
struct CandidateOrder
{
    bool operator()(const Candidate& a, const Candidate& b) const
    {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

class SentencePieceSession
{
public:
    SentencePieceSession(const Vocab& vocab, std::string_view text) : vocab_(vocab), text_(text) {}

    void run(std::vector<int32_t>& out)
    {
        for (size_t pos = 0; pos < text_.size();) {
            const size_t length =
                std::min(unicode::utf8_sequence_length(text_[pos]), text_.size() - pos);
            const int index = static_cast<int>(symbols_.size());
            symbols_.push_back(
                {index - 1, pos + length == text_.size() ? -1 : index + 1, pos, length});
            pos += length;
        }
        for (int i = 1; i < static_cast<int>(symbols_.size()); ++i)
            consider_pair(i - 1, i);

        while (!queue_.empty()) {
            const Candidate best = queue_.top();
            queue_.pop();
            Symbol& left = symbols_[static_cast<size_t>(best.left)];
            Symbol& right = symbols_[static_cast<size_t>(best.right)];
            if (left.length == 0 || right.length == 0 || left.length + right.length != best.length)
                continue; // stale: one side changed since the candidate was made
            left.length += right.length;
            right.length = 0;
            left.next = right.next;
            if (right.next >= 0)
                symbols_[static_cast<size_t>(right.next)].prev = best.left;
            consider_pair(left.prev, best.left);
            consider_pair(best.left, left.next);
        }

        for (int i = symbols_.empty() ? -1 : 0; i != -1; i = symbols_[static_cast<size_t>(i)].next)
            spell(symbols_[static_cast<size_t>(i)].begin, symbols_[static_cast<size_t>(i)].length,
                  out);
    }

private:
    void consider_pair(int left, int right)
    {
        if (left < 0 || right < 0)
            return;
        const Symbol& l = symbols_[static_cast<size_t>(left)];
        const Symbol& r = symbols_[static_cast<size_t>(right)];
        const std::string_view joined = text_.substr(l.begin, l.length + r.length);
        const int32_t id = vocab_.find(joined);
        if (id == k_no_token)
            return;
        queue_.push({vocab_.token(id).score, left, right, joined.size()});
    }

    // Emits the piece text_[begin, begin + length). Only pairs whose joined text is a token are
    // ever merged, so a piece that is not a token is a single UTF-8 character (or stray byte)
    // missing from the vocabulary: it is spelled with <0xNN> byte tokens, or as the unknown
    // token when the vocabulary lacks one of those bytes.
    void spell(size_t begin, size_t length, std::vector<int32_t>& out) const
    {
        const std::string_view piece = text_.substr(begin, length);
        const int32_t id = vocab_.find(piece);
        if (id != k_no_token) {
            out.push_back(id);
            return;
        }
        bool all_bytes = true;
        for (const char c : piece)
            all_bytes = all_bytes && vocab_.byte_token(static_cast<uint8_t>(c)) != k_no_token;
        if (all_bytes) {
            for (const char c : piece)
                out.push_back(vocab_.byte_token(static_cast<uint8_t>(c)));
        } else if (vocab_.unk() != k_no_token) {
            out.push_back(vocab_.unk());
        }
    }

    const Vocab& vocab_;
    std::string_view text_;
    std::vector<Symbol> symbols_;
    std::priority_queue<Candidate, std::vector<Candidate>, CandidateOrder> queue_;
};

} // namespace

void encode_sentencepiece(const Vocab& vocab, std::string_view text, std::vector<int32_t>& out)
{
    SentencePieceSession(vocab, text).run(out);
}

} // namespace kurabe
