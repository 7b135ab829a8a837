// Small in-memory vocabularies for the tokenizer unit tests, built as GGUF images with
// GgufWriter so they go through the same loading and validation as real files.
#pragma once

#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <memory>
#include <string>
#include <vector>

namespace kurabe::test {

struct TinyToken
{
    std::string text;
    float score = 0.0f;
    int32_t type = 1; // TokenType
};

struct TinyVocab
{
    std::string model = "llama";
    std::string pre; // empty: no tokenizer.ggml.pre key
    std::vector<TinyToken> tokens;
    std::vector<std::string> merges;                  // gpt2 only
    std::vector<std::pair<std::string, int64_t>> ids; // e.g. {"tokenizer.ggml.bos_token_id", 1}
    std::vector<std::pair<std::string, bool>> flags;  // e.g. {"tokenizer.ggml.add_bos_token", 0}
    bool short_scores = false; // write one score fewer than tokens (a malformed file)
};

// The GGUF image bytes (keep them alive as long as the GgufFile).
std::vector<uint8_t> tiny_vocab_image(const TinyVocab& vocab);
Result<std::unique_ptr<Tokenizer>> tiny_tokenizer(const TinyVocab& vocab);

// SentencePiece vocabulary with <unk> <s> </s>, all 256 <0xNN> byte tokens (ids 3..258), then
// `pieces` in order (ids from 259).
TinyVocab spm_vocab(const std::vector<TinyToken>& pieces, bool byte_tokens = true);

} // namespace kurabe::test
