#include "tokenizer/encoders.h"
#include "tokenizer/vocab.h"
#include "unicode/unicode.h"
#include "unicode/utf8.h"

#include <algorithm>
#include <string>

namespace kurabe {

namespace {

// CJK ideograph blocks that BERT splits into one word per character (the ranges of the
// reference BERT tokenizer, including its 0x2B920 start for extension E).
bool is_cjk_ideograph(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
           (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

// BERT's basic tokenization: the words of text, lower-cased, without accents, with each
// punctuation character, ASCII symbol and CJK ideograph a word of its own.
std::vector<std::string> basic_words(std::string_view text)
{
    std::vector<uint32_t> nfd;
    for (size_t pos = 0; pos < text.size();)
        unicode::append_nfd(unicode::decode_utf8(text, pos), nfd);

    std::vector<std::string> words(1);
    const auto finish_word = [&] {
        if (!words.back().empty())
            words.emplace_back();
    };
    for (const uint32_t cp : nfd) {
        const uint16_t flags = unicode::flags(cp);
        if (flags & unicode::k_whitespace) {
            finish_word();
            continue;
        }
        if (cp == 0 || cp == unicode::k_replacement_character || (flags & unicode::k_control) ||
            (flags & unicode::k_nonspacing_mark))
            continue; // dropped: NUL, U+FFFD, control and format characters, accents
        std::string utf8;
        unicode::append_utf8(utf8, unicode::to_lower(cp));
        if ((flags & unicode::k_punctuation) || (cp < 0x7F && (flags & unicode::k_symbol)) ||
            is_cjk_ideograph(cp)) {
            finish_word();
            words.back() = utf8;
            words.emplace_back();
        } else {
            words.back() += utf8;
        }
    }
    if (words.back().empty())
        words.pop_back();
    return words;
}

} // namespace

void encode_wordpiece(const Vocab& vocab, std::string_view text, std::vector<int32_t>& out)
{
    for (const std::string& word : basic_words(text)) {
        const std::string spelled = "\xE2\x96\x81" + word; // "▁": the word-start marker
        const size_t before = out.size();
        for (size_t i = 0; i < spelled.size();) {
            int32_t id = k_no_token;
            size_t j = std::min(spelled.size(), i + vocab.max_token_bytes());
            for (; j > i; --j) {
                id = vocab.find(std::string_view(spelled).substr(i, j - i));
                if (id != k_no_token)
                    break;
            }
            if (id == k_no_token) {
                out.resize(before); // no full match: the whole word is unknown
                break;
            }
            out.push_back(id);
            i = j;
        }
        if (out.size() == before && vocab.unk() != k_no_token)
            out.push_back(vocab.unk());
    }
}

} // namespace kurabe
