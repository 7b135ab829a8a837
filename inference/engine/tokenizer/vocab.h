// A model's vocabulary as GGUF metadata describes it (keys tokenizer.ggml.*): the token strings,
// scores and types, the BPE merges, the special token ids and the rules for adding BOS/EOS.
// Loading validates everything (array lengths, ids in range, element types) and reports a
// problem as an Error naming the file and the key; nothing later needs to re-check.
#pragma once

#include "core/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kurabe {

class GgufFile;

// The tokenization algorithm, from tokenizer.ggml.model.
enum class VocabModel
{
    SentencePiece, // "llama": scored pieces, "▁" for spaces, <0xNN> byte fallback
    BytePairBpe,   // "gpt2": byte-level BPE with merges and a pre-tokenizer
    WordPiece,     // "bert": greedy longest match after BERT's basic tokenization
};

// tokenizer.ggml.token_type values, as numbered in GGUF files.
enum class TokenType : int32_t
{
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
};

struct TokenData
{
    std::string text;
    float score = 0.0f;
    TokenType type = TokenType::Normal;
};

constexpr int32_t k_no_token = -1;

class Vocab
{
public:
    static Result<Vocab> from_gguf(const GgufFile& file);

    VocabModel model() const { return model_; }
    const std::string& pre() const { return pre_; } // tokenizer.ggml.pre, "default" when absent
    size_t size() const { return tokens_.size(); }
    bool contains(int32_t id) const { return id >= 0 && static_cast<size_t>(id) < tokens_.size(); }
    const TokenData& token(int32_t id) const { return tokens_[static_cast<size_t>(id)]; }
    int32_t find(std::string_view text) const; // k_no_token when text is not a token
    size_t max_token_bytes() const { return max_token_bytes_; }

    // The rank of merging `left` and `right` (lower merges first), or -1 when not a merge.
    int32_t merge_rank(std::string_view left, std::string_view right) const;
    // The <0xNN> token of a byte, or k_no_token when the vocabulary has none.
    int32_t byte_token(uint8_t byte) const { return byte_tokens_[byte]; }

    int32_t bos() const { return bos_; }
    int32_t eos() const { return eos_; }
    int32_t eot() const { return eot_; }
    int32_t eom() const { return eom_; }
    int32_t unk() const { return unk_; }
    int32_t sep() const { return sep_; }
    int32_t pad() const { return pad_; }
    bool add_bos() const { return add_bos_; }
    bool add_eos() const { return add_eos_; }
    bool add_space_prefix() const { return add_space_prefix_; } // SentencePiece's leading "▁"
    // BPE vocabularies whose pre-tokenizer keeps a word whole when it is itself a token (llama3).
    bool ignore_merges() const { return ignore_merges_; }
    bool is_end_of_generation(int32_t id) const { return end_of_generation_.count(id) > 0; }
    const std::unordered_set<int32_t>& end_of_generation() const { return end_of_generation_; }

    // Control, unknown and user-defined tokens, longest text first: the strings the encoder
    // matches in raw text before tokenizing the rest.
    const std::vector<int32_t>& special_tokens() const { return special_tokens_; }

private:
    Result<void> load_tokens(const GgufFile& file);
    Result<void> load_merges(const GgufFile& file);
    Result<void> load_special_ids(const GgufFile& file);
    void find_end_of_generation_tokens();
    void index_tokens();

    VocabModel model_ = VocabModel::SentencePiece;
    std::string pre_ = "default";
    std::vector<TokenData> tokens_;
    std::unordered_map<std::string, int32_t> token_ids_;
    std::unordered_map<std::string, int32_t> merge_ranks_; // key: "left right"
    std::array<int32_t, 256> byte_tokens_{};
    size_t max_token_bytes_ = 0;

    int32_t bos_ = k_no_token;
    int32_t eos_ = k_no_token;
    int32_t eot_ = k_no_token;
    int32_t eom_ = k_no_token;
    int32_t unk_ = k_no_token;
    int32_t sep_ = k_no_token;
    int32_t pad_ = k_no_token;
    bool add_bos_ = false;
    bool add_eos_ = false;
    bool add_space_prefix_ = false;
    bool ignore_merges_ = false;
    std::unordered_set<int32_t> end_of_generation_;
    std::vector<int32_t> special_tokens_;
};

} // namespace kurabe
