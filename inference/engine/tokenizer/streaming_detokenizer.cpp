#include "tokenizer/streaming_detokenizer.h"

#include "tokenizer/tokenizer.h"
#include "unicode/utf8.h"

namespace kurabe {

std::string StreamingDetokenizer::push(int32_t token)
{
    pending_ += tokenizer_.piece(token, render_special_);
    const size_t complete = unicode::complete_utf8_prefix(pending_);
    std::string out = unicode::to_valid_utf8(std::string_view(pending_).substr(0, complete));
    pending_.erase(0, complete);
    return out;
}

std::string StreamingDetokenizer::flush()
{
    std::string out = unicode::to_valid_utf8(pending_);
    pending_.clear();
    return out;
}

} // namespace kurabe
