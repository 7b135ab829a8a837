#include "tokenizer/byte_encoding.h"
#include "tokenizer/encoders.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/symbol_merge.h"
#include "tokenizer/vocab.h"

#include <algorithm>
#include <string>

namespace kurabe {

namespace {

// A finished piece is normally a token; if the merges built something the vocabulary lacks,
// its single bytes that are tokens stand in (as llama.cpp does), else the unknown token.
void emit(const Vocab& vocab, std::string_view piece, std::vector<int32_t>& out)
{
    if (const int32_t id = vocab.find(piece); id != k_no_token) {
        out.push_back(id);
        return;
    }
    const size_t before = out.size();
    for (size_t i = 0; i < piece.size(); ++i)
        if (const int32_t id = vocab.find(piece.substr(i, 1)); id != k_no_token)
            out.push_back(id);
    if (out.size() == before && vocab.unk() != k_no_token)
        out.push_back(vocab.unk());
}

void encode_word(const Vocab& vocab, std::string_view word, std::vector<int32_t>& out)
{
    if (vocab.ignore_merges()) {
        if (const int32_t id = vocab.find(word); id != k_no_token) {
            out.push_back(id);
            return;
        }
    }
    // The lowest merge rank merges first.
    const auto rank = [&](std::string_view left, std::string_view right) -> std::optional<double> {
        const int32_t r = vocab.merge_rank(left, right);
        return r >= 0 ? std::optional<double>(-static_cast<double>(r)) : std::nullopt;
    };
    for (const MergedSpan& span : merge_symbols(word, rank))
        emit(vocab, word.substr(span.begin, span.length), out);
}

} // namespace

void encode_byte_pair(const Vocab& vocab, const PreTokenizer& pre, std::string_view text,
                      std::vector<int32_t>& out)
{
    std::string encoded;
    for (const std::string_view word : pre.split(text)) {
        encoded.clear();
        append_byte_encoded(encoded, word);
        encode_word(vocab, encoded, out);
    }
}

} // namespace kurabe
