// The pre-tokenizer of a byte-level BPE vocabulary: splits text into words (which BPE merges
// never cross) with the sequence of split patterns named by tokenizer.ggml.pre. Each pattern
// splits every piece the previous one produced; text between matches stays a piece of its own.
#pragma once

#include "core/result.h"
#include "tokenizer/split_pattern.h"

#include <string>
#include <string_view>
#include <vector>

namespace kurabe {

class PreTokenizer
{
public:
    // Errors when `pre` names no known pre-tokenizer.
    static Result<PreTokenizer> create(std::string_view pre);

    // The words of text, as views into it, in order; together they cover text exactly.
    std::vector<std::string_view> split(std::string_view text) const;

private:
    std::vector<SplitPattern> patterns_;
};

} // namespace kurabe
