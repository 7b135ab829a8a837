#include "tokenizer/pre_tokenizer.h"

#include "unicode/utf8.h"

#include <span>

namespace kurabe {

namespace {

// The split patterns of each pre-tokenizer, as published in the models' tokenizer.json files
// (and collected per tokenizer.ggml.pre value by llama.cpp's llama-vocab.cpp).
constexpr std::string_view k_gpt2 =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
constexpr std::string_view k_llama3 =
    "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
    "\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
constexpr std::string_view k_qwen2 =
    "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
    "\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
constexpr std::string_view k_deepseek_letters =
    "\\s?[A-Za-z\xC2\xB5\xC3\x80-\xC3\x96\xC3\x98-\xC3\xB6\xC3\xB8-\xC6\xBA\xC6\xBC-\xC6\xBF"
    "\xC7\x84-\xCA\x93\xCA\x95-\xCA\xAF\xCD\xB0-\xCD\xB3\xCD\xB6\xCD\xB7\xCD\xBB-\xCD\xBD\xCD\xBF"
    "\xCE\x86\xCE\x88-\xCE\x8A\xCE\x8C\xCE\x8E-\xCE\xA1\xCE\xA3-\xCF\xB5\xCF\xB7-\xD2\x81"
    "\xD2\x8A-\xD4\xAF\xD4\xB1-\xD5\x96\xE1\x82\xA0-\xE1\x83\x85\xE1\x8E\xA0-\xE1\x8F\xB5"
    "\xE1\x8F\xB8-\xE1\x8F\xBD\xE1\xB2\x90-\xE1\xB2\xBA\xE1\xB2\xBD-\xE1\xB2\xBF"
    "\xE1\xB4\x80-\xE1\xB4\xAB\xE1\xB5\xAB-\xE1\xB5\xB7\xE1\xB5\xB9-\xE1\xB6\x9A"
    "\xE1\xB8\x80-\xE1\xBC\x95\xE1\xBC\x98-\xE1\xBC\x9D\xE1\xBC\xA0-\xE1\xBD\x85"
    "\xE1\xBD\x88-\xE1\xBD\x8D\xE1\xBD\x90-\xE1\xBD\x97\xE1\xBD\x99\xE1\xBD\x9B\xE1\xBD\x9D"
    "\xE1\xBD\x9F-\xE1\xBD\xBD\xE1\xBE\x80-\xE1\xBE\xB4\xE1\xBE\xB6-\xE1\xBE\xBC\xE1\xBE\xBE"
    "\xE1\xBF\x82-\xE1\xBF\x84\xE1\xBF\x86-\xE1\xBF\x8C\xE1\xBF\x90-\xE1\xBF\x93"
    "\xE1\xBF\x96-\xE1\xBF\x9B\xE1\xBF\xA0-\xE1\xBF\xAC\xE1\xBF\xB2-\xE1\xBF\xB4"
    "\xE1\xBF\xB6-\xE1\xBF\xBC\xE2\x84\x82\xE2\x84\x87\xE2\x84\x8A-\xE2\x84\x93\xE2\x84\x95"
    "\xE2\x84\x99-\xE2\x84\x9D\xE2\x84\xA4\xE2\x84\xA6\xE2\x84\xA8\xE2\x84\xAA-\xE2\x84\xAD"
    "\xE2\x84\xAF-\xE2\x84\xB4\xE2\x84\xB9\xE2\x84\xBC-\xE2\x84\xBF\xE2\x85\x85-\xE2\x85\x89"
    "\xE2\x85\x8E\xE2\x86\x83\xE2\x86\x84\xE2\xB0\x80-\xE2\xB1\xBB\xE2\xB1\xBE-\xE2\xB3\xA4"
    "\xE2\xB3\xAB-\xE2\xB3\xAE\xE2\xB3\xB2\xE2\xB3\xB3\xEA\x99\x80-\xEA\x99\xAD"
    "\xEA\x9A\x80-\xEA\x9A\x9B\xEA\x9C\xA2-\xEA\x9D\xAF\xEA\x9D\xB1-\xEA\x9E\x87"
    "\xEA\x9E\x8B-\xEA\x9E\x8E\xEA\xAD\xB0-\xEA\xAE\xBF\xEF\xAC\x80-\xEF\xAC\x86"
    "\xEF\xAC\x93-\xEF\xAC\x97\xEF\xBC\xA1-\xEF\xBC\xBA\xEF\xBD\x81-\xEF\xBD\x9A"
    "\xF0\x90\x90\x80-\xF0\x90\x91\x8F\xF0\x90\x92\xB0-\xF0\x90\x93\x93"
    "\xF0\x90\x93\x98-\xF0\x90\x93\xBB\xF0\x90\xB2\x80-\xF0\x90\xB2\xB2"
    "\xF0\x90\xB3\x80-\xF0\x90\xB3\xB2\xF0\x91\xA2\xA0-\xF0\x91\xA3\x9F"
    "\xF0\x9E\xA4\x80-\xF0\x9E\xA5\x83]+";
// [!-/:-~！-／：-～‘-‟　-。]: ASCII and full-width punctuation, quotes, CJK punctuation.
constexpr std::string_view k_deepseek_punctuation =
    "\\s?[!-/:-~\xEF\xBC\x81-\xEF\xBC\x8F\xEF\xBC\x9A-\xEF\xBD\x9E\xE2\x80\x98-\xE2\x80\x9F"
    "\xE3\x80\x80-\xE3\x80\x82]+";
// [一-龥ࠀ-一가-퟿]+: CJK ideographs, U+0800..U+4E00 and Hangul.
constexpr std::string_view k_deepseek_cjk =
    "[\xE4\xB8\x80-\xE9\xBE\xA5\xE0\xA0\x80-\xE4\xB8\x80\xEA\xB0\x80-\xED\x9F\xBF]+";

std::vector<std::string_view> patterns_for(std::string_view pre, bool& known)
{
    known = true;
    if (pre == "llama3" || pre == "llama-v3" || pre == "llama-bpe" || pre == "falcon3" ||
        pre == "dbrx" || pre == "smaug-bpe" || pre == "chatglm-bpe")
        return {k_llama3};
    if (pre == "qwen2" || pre == "stablelm2" || pre == "megrez" || pre == "deepseek-r1-qwen")
        return {k_qwen2};
    if (pre == "deepseek-llm")
        return {"[\\r\\n]", k_deepseek_letters, k_deepseek_punctuation,
                "\\s+$",    k_deepseek_cjk,     "\\p{N}+"};
    if (pre == "deepseek-coder")
        return {"[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", k_deepseek_cjk, "\\p{N}"};
    if (pre == "falcon")
        return {"[\\p{P}\\$\\+<=>\\^~\\|`]+", k_gpt2, "[0-9][0-9][0-9]"};
    if (pre == "starcoder" || pre == "refact" || pre == "command-r" || pre == "smollm" ||
        pre == "codeshell" || pre == "exaone" || pre == "minerva-7b")
        return {"\\p{N}", k_gpt2};
    if (pre == "gpt-2" || pre == "mpt" || pre == "olmo" || pre == "jais" || pre == "phi-2" ||
        pre == "roberta-bpe" || pre == "gigachat" || pre == "jina-es" || pre == "jina-de" ||
        pre == "jina-v1-en" || pre == "jina-v2-es" || pre == "jina-v2-de" || pre == "jina-v2-code")
        return {k_gpt2};
    if (pre == "poro-chat" || pre == "bloom" || pre == "gpt3-finnish")
        return {" ?[^(\\s|.,!?\xE2\x80\xA6\xE3\x80\x82\xEF\xBC\x8C\xE3\x80\x81\xE0\xA5\xA4\xDB\x94"
                "\xD8\x8C)]+"};
    if (pre == "viking")
        return {" ?[^(\\s|.,!?\xE2\x80\xA6\xE3\x80\x82\xEF\xBC\x8C\xE3\x80\x81\xE0\xA5\xA4\xDB\x94"
                "\xD8\x8C)]+",
                "\\p{N}"};
    if (pre == "default")
        return {"[\\p{P}\\$\\+<=>\\^~\\|]+", k_gpt2, "\\p{N}+", "[0-9][0-9][0-9]"};
    known = false;
    return {};
}

} // namespace

Result<PreTokenizer> PreTokenizer::create(std::string_view pre)
{
    bool known = false;
    const std::vector<std::string_view> sources = patterns_for(pre, known);
    if (!known)
        return Error{"tokenizer.ggml.pre is \"" + std::string(pre) +
                     "\", a pre-tokenizer Kurabe does not know; the vocabulary cannot be used "
                     "without it"};
    PreTokenizer tokenizer;
    for (const std::string_view source : sources) {
        auto pattern = SplitPattern::compile(source);
        if (!pattern)
            return pattern.error();
        tokenizer.patterns_.push_back(std::move(pattern.value()));
    }
    return tokenizer;
}

std::vector<std::string_view> PreTokenizer::split(std::string_view text) const
{
    // Code points of text and the byte offset where each starts (offsets.back() == text.size()).
    std::vector<uint32_t> cps;
    std::vector<size_t> offsets;
    cps.reserve(text.size());
    offsets.reserve(text.size() + 1);
    for (size_t pos = 0; pos < text.size();) {
        offsets.push_back(pos);
        cps.push_back(unicode::decode_utf8(text, pos));
    }
    offsets.push_back(text.size());

    // Pieces as code point lengths, refined by each pattern in turn.
    std::vector<size_t> pieces = {cps.size()};
    for (const SplitPattern& pattern : patterns_) {
        std::vector<size_t> refined;
        refined.reserve(pieces.size());
        size_t start = 0;
        for (const size_t length : pieces) {
            const size_t end = start + length;
            size_t pos = start;
            size_t match_begin = 0;
            size_t match_end = 0;
            while (pos < end && pattern.find(cps, pos, end, match_begin, match_end)) {
                if (match_begin > pos)
                    refined.push_back(match_begin - pos);
                refined.push_back(match_end - match_begin);
                pos = match_end;
            }
            if (pos < end)
                refined.push_back(end - pos);
            start = end;
        }
        pieces = std::move(refined);
    }

    std::vector<std::string_view> words;
    words.reserve(pieces.size());
    size_t start = 0;
    for (const size_t length : pieces) {
        if (length == 0)
            continue;
        words.push_back(text.substr(offsets[start], offsets[start + length] - offsets[start]));
        start += length;
    }
    return words;
}

} // namespace kurabe
