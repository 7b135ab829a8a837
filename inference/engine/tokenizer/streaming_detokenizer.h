// Turns generated tokens into text as they arrive, never emitting part of a UTF-8 character:
// bytes of a character split across tokens (byte-fallback or byte-level BPE pieces) are held
// back until it is complete. Invalid sequences come out as U+FFFD, so every returned chunk is
// valid UTF-8 and the concatenation of all chunks equals Tokenizer::decode of all tokens.
#pragma once

#include <cstdint>
#include <string>

namespace kurabe {

class Tokenizer;

class StreamingDetokenizer
{
public:
    explicit StreamingDetokenizer(const Tokenizer& tokenizer, bool render_special = false)
        : tokenizer_(tokenizer), render_special_(render_special)
    {}

    // The text that token completes (often empty while a character is incomplete).
    std::string push(int32_t token);
    // The rest at the end of generation: held-back bytes become U+FFFD.
    std::string flush();

private:
    const Tokenizer& tokenizer_;
    bool render_special_;
    std::string pending_; // at most 3 bytes: the start of an incomplete character
};

} // namespace kurabe
