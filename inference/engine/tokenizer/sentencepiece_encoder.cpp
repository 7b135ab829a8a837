#include "tokenizer/encoders.h"
#include "tokenizer/symbol_merge.h"
#include "tokenizer/vocab.h"

#include <algorithm>
#include <string>

namespace kurabe {

namespace {

// Emits a finished piece. Only pairs whose joined text is a token are ever merged, so a piece
// that is not a token is a single UTF-8 character (or stray byte) missing from the
// vocabulary: it is spelled with <0xNN> byte tokens, or as the unknown token when the
// vocabulary lacks one of those bytes.
void spell(const Vocab& vocab, std::string_view piece, std::vector<int32_t>& out)
{
    if (const int32_t id = vocab.find(piece); id != k_no_token) {
        out.push_back(id);
        return;
    }
    bool all_bytes = true;
    for (const char c : piece)
        all_bytes = all_bytes && vocab.byte_token(static_cast<uint8_t>(c)) != k_no_token;
    if (all_bytes) {
        for (const char c : piece)
            out.push_back(vocab.byte_token(static_cast<uint8_t>(c)));
    } else if (vocab.unk() != k_no_token) {
        out.push_back(vocab.unk());
    }
}

} // namespace

void encode_sentencepiece(const Vocab& vocab, std::string_view text, std::vector<int32_t>& out)
{
    // The joined piece's score decides; pairs whose join is not a token never merge.
    const auto score = [&](std::string_view left, std::string_view right) -> std::optional<double> {
        const std::string_view joined(left.data(), left.size() + right.size()); // adjacent
        const int32_t id = vocab.find(joined);
        return id != k_no_token ? std::optional<double>(vocab.token(id).score) : std::nullopt;
    };
    for (const MergedSpan& span : merge_symbols(text, score))
        spell(vocab, text.substr(span.begin, span.length), out);
}

} // namespace kurabe
