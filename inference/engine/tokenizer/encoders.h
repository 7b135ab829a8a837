// The three tokenization algorithms, each turning one piece of raw text (special tokens already
// cut out) into token ids appended to `out`.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kurabe {

class PreTokenizer;
class Vocab;

// SentencePiece (BPE flavour, llama.cpp's SPM): `text` must already have spaces replaced by
// "▁" (and the leading "▁" added when the vocabulary wants one). Starts from UTF-8 characters,
// repeatedly merges the adjacent pair whose joined text is the highest-scoring token (leftmost
// on ties), then spells each remaining piece that is not a token through the merges that built
// it, down to <0xNN> byte tokens, or the unknown token when the vocabulary has no byte tokens.
void encode_sentencepiece(const Vocab& vocab, std::string_view text, std::vector<int32_t>& out);

// Byte-level BPE: splits with the pre-tokenizer, spells each word in GPT-2's byte alphabet and
// applies the merges in rank order (lowest rank first, leftmost on ties) within the word.
void encode_byte_pair(const Vocab& vocab, const PreTokenizer& pre, std::string_view text,
                      std::vector<int32_t>& out);

// WordPiece (BERT): NFD, lower-casing, accent stripping, splitting on whitespace, punctuation
// and CJK ideographs, then greedy longest-match per word. GGUF vocabularies spell a word start
// as "▁word" and a continuation without BERT's "##"; a word with no full match is [UNK].
void encode_wordpiece(const Vocab& vocab, std::string_view text, std::vector<int32_t>& out);

} // namespace kurabe
