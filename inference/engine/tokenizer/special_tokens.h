// Cutting special-token text out of raw text before tokenization. User-defined tokens are always
// matched (their text always stands for the token, as in Hugging Face tokenizers); control and
// unknown tokens only when the caller asks to parse special tokens, so that user text such as
// "<|im_end|>" cannot forge a turn boundary. Longer token texts are matched first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kurabe {

class Vocab;

struct TextFragment
{
    int32_t token = -1;    // a special token, or -1 for raw text
    std::string_view text; // the raw text (empty for a token)
};

std::vector<TextFragment> split_special_tokens(const Vocab& vocab, std::string_view text,
                                               bool parse_special);

} // namespace kurabe
