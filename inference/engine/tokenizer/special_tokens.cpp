#include "tokenizer/special_tokens.h"

#include "tokenizer/vocab.h"

namespace kurabe {

std::vector<TextFragment> split_special_tokens(const Vocab& vocab, std::string_view text,
                                               bool parse_special)
{
    std::vector<TextFragment> fragments;
    if (text.empty())
        return fragments;
    fragments.push_back({-1, text});
    std::vector<TextFragment> next;
    for (const int32_t id : vocab.special_tokens()) {
        const TokenData& token = vocab.token(id);
        if (!parse_special && token.type != TokenType::UserDefined)
            continue;
        const std::string_view needle = token.text;
        next.clear();
        bool changed = false;
        for (const TextFragment& fragment : fragments) {
            if (fragment.token != -1) {
                next.push_back(fragment);
                continue;
            }
            std::string_view rest = fragment.text;
            for (size_t found = rest.find(needle); found != std::string_view::npos;
                 found = rest.find(needle)) {
                if (found > 0)
                    next.push_back({-1, rest.substr(0, found)});
                next.push_back({id, {}});
                rest.remove_prefix(found + needle.size());
                changed = true;
            }
            if (!rest.empty())
                next.push_back({-1, rest});
        }
        if (changed)
            fragments.swap(next);
    }
    return fragments;
}

} // namespace kurabe
