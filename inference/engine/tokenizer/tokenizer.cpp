#include "tokenizer/tokenizer.h"

#include "gguf/gguf_file.h"
#include "tokenizer/byte_encoding.h"
#include "tokenizer/encoders.h"
#include "tokenizer/special_tokens.h"
#include "unicode/utf8.h"

namespace kurabe {

namespace {

constexpr std::string_view k_space_marker = "\xE2\x96\x81"; // "▁" U+2581

std::string with_space_markers(std::string_view text, bool leading_space)
{
    std::string out;
    out.reserve(text.size() + 8);
    if (leading_space)
        out += k_space_marker;
    for (const char c : text) {
        if (c == ' ')
            out += k_space_marker;
        else
            out += c;
    }
    return out;
}

std::string without_space_markers(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        if (text.substr(pos, k_space_marker.size()) == k_space_marker) {
            out += ' ';
            pos += k_space_marker.size();
        } else {
            out += text[pos++];
        }
    }
    return out;
}

} // namespace

Result<std::unique_ptr<Tokenizer>> Tokenizer::from_gguf(const GgufFile& file)
{
    auto vocab = Vocab::from_gguf(file);
    if (!vocab)
        return vocab.error();
    auto tokenizer = from_vocab(std::move(vocab.value()));
    if (!tokenizer)
        return Error{file.path() + ": " + tokenizer.message()};
    return tokenizer;
}

Result<std::unique_ptr<Tokenizer>> Tokenizer::from_vocab(Vocab vocab)
{
    std::unique_ptr<Tokenizer> tokenizer(new Tokenizer(std::move(vocab)));
    if (tokenizer->vocab_.model() == VocabModel::BytePairBpe) {
        auto pre = PreTokenizer::create(tokenizer->vocab_.pre());
        if (!pre)
            return pre.error();
        tokenizer->pre_.emplace(std::move(pre.value()));
    }
    return tokenizer;
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special,
                                       bool parse_special) const
{
    std::vector<int32_t> out;
    const bool word_piece = vocab_.model() == VocabModel::WordPiece;
    if (add_special && (vocab_.add_bos() || word_piece) && vocab_.bos() != k_no_token)
        out.push_back(vocab_.bos());
    bool after_special = true; // SentencePiece prefixes a space to text that starts a fragment
    for (const TextFragment& fragment : split_special_tokens(vocab_, text, parse_special)) {
        if (fragment.token != -1) {
            out.push_back(fragment.token);
            after_special = true;
        } else {
            encode_text(fragment.text, after_special, out);
            after_special = false;
        }
    }
    if (add_special && word_piece && vocab_.sep() != k_no_token)
        out.push_back(vocab_.sep());
    else if (add_special && vocab_.add_eos() && vocab_.eos() != k_no_token)
        out.push_back(vocab_.eos());
    return out;
}

void Tokenizer::encode_text(std::string_view text, bool after_special,
                            std::vector<int32_t>& out) const
{
    switch (vocab_.model()) {
    case VocabModel::SentencePiece:
        encode_sentencepiece(
            vocab_, with_space_markers(text, vocab_.add_space_prefix() && after_special), out);
        break;
    case VocabModel::BytePairBpe:
        encode_byte_pair(vocab_, *pre_, text, out);
        break;
    case VocabModel::WordPiece:
        encode_wordpiece(vocab_, text, out);
        break;
    }
}

std::string Tokenizer::piece(int32_t id, bool render_special) const
{
    if (!vocab_.contains(id))
        return {};
    const TokenData& token = vocab_.token(id);
    switch (token.type) {
    case TokenType::Control:
    case TokenType::Unknown:
        return render_special ? token.text : std::string();
    case TokenType::UserDefined:
        return token.text;
    case TokenType::Byte:
        if (vocab_.model() == VocabModel::SentencePiece) {
            for (int byte = 0; byte < 256; ++byte)
                if (vocab_.byte_token(static_cast<uint8_t>(byte)) == id)
                    return std::string(1, static_cast<char>(byte));
        }
        return {};
    case TokenType::Normal:
        if (vocab_.model() == VocabModel::BytePairBpe)
            return byte_decoded(token.text);
        return without_space_markers(token.text);
    case TokenType::Undefined:
    case TokenType::Unused:
        return {};
    }
    return {};
}

std::string Tokenizer::decode(std::span<const int32_t> tokens, bool render_special) const
{
    std::string bytes;
    for (const int32_t id : tokens)
        bytes += piece(id, render_special);
    return unicode::to_valid_utf8(bytes);
}

} // namespace kurabe
