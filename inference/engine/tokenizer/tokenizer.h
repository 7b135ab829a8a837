// Text <-> token ids for a model's vocabulary: SentencePiece, byte-level BPE (with the
// pre-tokenizer tokenizer.ggml.pre names) or WordPiece, chosen by tokenizer.ggml.model.
//
//     auto tokenizer = kurabe::Tokenizer::from_gguf(file);          // Result<unique_ptr<...>>
//     std::vector<int32_t> ids = (*tokenizer)->encode(text, /*add_special=*/true,
//                                                     /*parse_special=*/false);
//     std::string text = (*tokenizer)->decode(ids);
#pragma once

#include "core/result.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/streaming_detokenizer.h" // StreamingDetokenizer comes with the Tokenizer
#include "tokenizer/vocab.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kurabe {

class GgufFile;

class Tokenizer
{
public:
    static Result<std::unique_ptr<Tokenizer>> from_gguf(const GgufFile& file);
    static Result<std::unique_ptr<Tokenizer>> from_vocab(Vocab vocab);

    // add_special: add BOS/EOS as the vocabulary says (WordPiece: [CLS] ... [SEP]).
    // parse_special: text spelling a control token becomes that token (user-defined tokens
    // always do); otherwise it is tokenized as plain text.
    std::vector<int32_t> encode(std::string_view text, bool add_special, bool parse_special) const;

    // The text of tokens, with invalid UTF-8 (e.g. a cut-off multi-byte character) replaced by
    // U+FFFD. Control and unknown tokens are rendered only when render_special is true.
    std::string decode(std::span<const int32_t> tokens, bool render_special = false) const;

    // The raw bytes of one token (possibly part of a UTF-8 character); empty for an id outside
    // the vocabulary and for control/unknown tokens unless render_special.
    std::string piece(int32_t id, bool render_special = false) const;

    int32_t bos() const { return vocab_.bos(); } // k_no_token (-1) when the vocabulary has none
    int32_t eos() const { return vocab_.eos(); }
    bool is_end_of_generation(int32_t id) const { return vocab_.is_end_of_generation(id); }
    size_t size() const { return vocab_.size(); }
    const Vocab& vocab() const { return vocab_; }

private:
    explicit Tokenizer(Vocab vocab) : vocab_(std::move(vocab)) {}
    void encode_text(std::string_view text, bool after_special, std::vector<int32_t>& out) const;

    Vocab vocab_;
    std::optional<PreTokenizer> pre_; // byte-level BPE only
};

} // namespace kurabe
