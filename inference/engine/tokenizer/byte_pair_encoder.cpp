#include "tokenizer/byte_encoding.h"
#include "tokenizer/encoders.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/vocab.h"
#include "unicode/utf8.h"

#include <queue>

#include <algorithm>
#include <string>

namespace kurabe {

namespace {

// A piece of the word being merged (linked list over `symbols`; length 0 once merged away).
struct Symbol
{
    int prev;
    int next;
    size_t begin; // byte offset in the byte-encoded word
    size_t length;
};

struct Candidate
{
    int32_t rank;
    int left;
    int right;
    size_t length; // bytes of left + right when the candidate was made
};

// Lowest rank first; on equal ranks the leftmost pair first.
struct CandidateOrder
{
    bool operator()(const Candidate& a, const Candidate& b) const
    {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

class BytePairSession
{
public:
    BytePairSession(const Vocab& vocab, std::string_view word) : vocab_(vocab), word_(word) {}

    void run(std::vector<int32_t>& out)
    {
        if (vocab_.ignore_merges()) {
            if (const int32_t id = vocab_.find(word_); id != k_no_token) {
                out.push_back(id);
                return;
            }
        }
        for (size_t pos = 0; pos < word_.size();) {
            const size_t length =
                std::min(unicode::utf8_sequence_length(word_[pos]), word_.size() - pos);
            const int index = static_cast<int>(symbols_.size());
            symbols_.push_back(
                {index - 1, pos + length == word_.size() ? -1 : index + 1, pos, length});
            pos += length;
        }
        for (int i = 1; i < static_cast<int>(symbols_.size()); ++i)
            consider_pair(i - 1, i);

        while (!queue_.empty()) {
            const Candidate best = queue_.top();
            queue_.pop();
            Symbol& left = symbols_[static_cast<size_t>(best.left)];
            Symbol& right = symbols_[static_cast<size_t>(best.right)];
            // Stale when either side was merged away or grew since the candidate was made.
            if (left.length == 0 || right.length == 0 || left.next != best.right ||
                left.length + right.length != best.length)
                continue;
            left.length += right.length;
            right.length = 0;
            left.next = right.next;
            if (right.next >= 0)
                symbols_[static_cast<size_t>(right.next)].prev = best.left;
            consider_pair(left.prev, best.left);
            consider_pair(best.left, left.next);
        }

        for (int i = symbols_.empty() ? -1 : 0; i != -1;
             i = symbols_[static_cast<size_t>(i)].next) {
            const Symbol& symbol = symbols_[static_cast<size_t>(i)];
            emit(word_.substr(symbol.begin, symbol.length), out);
        }
    }

private:
    void consider_pair(int left, int right)
    {
        if (left < 0 || right < 0)
            return;
        const Symbol& l = symbols_[static_cast<size_t>(left)];
        const Symbol& r = symbols_[static_cast<size_t>(right)];
        const int32_t rank =
            vocab_.merge_rank(word_.substr(l.begin, l.length), word_.substr(r.begin, r.length));
        if (rank >= 0)
            queue_.push({rank, left, right, l.length + r.length});
    }

    // A finished piece is normally a token; if the merges built something the vocabulary lacks,
    // its single bytes that are tokens stand in (as llama.cpp does), else the unknown token.
    void emit(std::string_view piece, std::vector<int32_t>& out) const
    {
        if (const int32_t id = vocab_.find(piece); id != k_no_token) {
            out.push_back(id);
            return;
        }
        const size_t before = out.size();
        for (size_t i = 0; i < piece.size(); ++i)
            if (const int32_t id = vocab_.find(piece.substr(i, 1)); id != k_no_token)
                out.push_back(id);
        if (out.size() == before && vocab_.unk() != k_no_token)
            out.push_back(vocab_.unk());
    }

    const Vocab& vocab_;
    std::string_view word_;
    std::vector<Symbol> symbols_;
    std::priority_queue<Candidate, std::vector<Candidate>, CandidateOrder> queue_;
};

} // namespace

void encode_byte_pair(const Vocab& vocab, const PreTokenizer& pre, std::string_view text,
                      std::vector<int32_t>& out)
{
    std::string encoded;
    for (const std::string_view word : pre.split(text)) {
        encoded.clear();
        append_byte_encoded(encoded, word);
        BytePairSession(vocab, encoded).run(out);
    }
}

} // namespace kurabe
