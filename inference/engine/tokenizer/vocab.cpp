#include "tokenizer/vocab.h"

#include "gguf/gguf_file.h"

#include <algorithm>
#include <cstdio>

namespace kurabe {

namespace {

std::string error_prefix(const GgufFile& file)
{
    return file.path() + ": ";
}

bool is_integer_type(GgufType type)
{
    switch (type) {
    case GgufType::UInt8:
    case GgufType::Int8:
    case GgufType::UInt16:
    case GgufType::Int16:
    case GgufType::UInt32:
    case GgufType::Int32:
    case GgufType::UInt64:
    case GgufType::Int64:
        return true;
    default:
        return false;
    }
}

TokenType token_type_from(int64_t value)
{
    if (value < 0 || value > static_cast<int64_t>(TokenType::Byte))
        return TokenType::Undefined;
    return static_cast<TokenType>(value);
}

// Pre-tokenizers whose words that are whole tokens skip the merges (llama.cpp's ignore_merges).
bool pre_ignores_merges(std::string_view pre)
{
    return pre == "llama3" || pre == "llama-v3" || pre == "llama-bpe" || pre == "falcon3" ||
           pre == "tekken";
}

// BPE vocabularies add BOS by default only for these pre-tokenizers (as llama.cpp does).
bool pre_adds_bos(std::string_view pre)
{
    return pre_ignores_merges(pre) || pre == "chameleon";
}

} // namespace

Result<Vocab> Vocab::from_gguf(const GgufFile& file)
{
    Vocab vocab;
    const auto model = file.get_string("tokenizer.ggml.model");
    if (!model)
        return Error{error_prefix(file) +
                     "no tokenizer.ggml.model key: the file has no vocabulary"};
    if (*model == "llama") {
        vocab.model_ = VocabModel::SentencePiece;
        vocab.add_space_prefix_ = true;
        vocab.add_bos_ = true;
    } else if (*model == "gpt2") {
        vocab.model_ = VocabModel::BytePairBpe;
    } else if (*model == "bert") {
        vocab.model_ = VocabModel::WordPiece;
        vocab.add_bos_ = true;
    } else {
        return Error{error_prefix(file) + "tokenizer.ggml.model is \"" + std::string(*model) +
                     "\"; supported tokenizers are \"llama\" (SentencePiece), \"gpt2\" "
                     "(byte-level BPE) and \"bert\" (WordPiece)"};
    }
    if (const auto pre = file.get_string("tokenizer.ggml.pre"))
        vocab.pre_ = std::string(*pre);
    if (vocab.model_ == VocabModel::BytePairBpe) {
        vocab.ignore_merges_ = pre_ignores_merges(vocab.pre_);
        vocab.add_bos_ = pre_adds_bos(vocab.pre_);
    }
    if (const auto prefix = file.get_bool("tokenizer.ggml.add_space_prefix"))
        vocab.add_space_prefix_ = *prefix;

    if (auto loaded = vocab.load_tokens(file); !loaded)
        return loaded.error();
    if (vocab.model_ == VocabModel::BytePairBpe) {
        if (auto merges = vocab.load_merges(file); !merges)
            return merges.error();
    }
    if (auto ids = vocab.load_special_ids(file); !ids)
        return ids.error();
    if (const auto add_bos = file.get_bool("tokenizer.ggml.add_bos_token"))
        vocab.add_bos_ = *add_bos;
    if (const auto add_eos = file.get_bool("tokenizer.ggml.add_eos_token"))
        vocab.add_eos_ = *add_eos;
    if (vocab.add_bos_ && vocab.bos_ == k_no_token && vocab.model_ != VocabModel::WordPiece)
        vocab.add_bos_ = false; // nothing to add; encoding must not emit an invalid id
    if (vocab.add_eos_ && vocab.eos_ == k_no_token)
        vocab.add_eos_ = false;
    vocab.find_end_of_generation_tokens();
    vocab.index_tokens();
    return vocab;
}

Result<void> Vocab::load_tokens(const GgufFile& file)
{
    const GgufArray* tokens = file.get_array("tokenizer.ggml.tokens");
    if (!tokens || tokens->element_type() != GgufType::String)
        return Error{error_prefix(file) + "tokenizer.ggml.tokens is missing or not a string array"};
    if (tokens->size() == 0 || tokens->size() > static_cast<uint64_t>(INT32_MAX))
        return Error{error_prefix(file) + "tokenizer.ggml.tokens has " +
                     std::to_string(tokens->size()) + " entries"};
    const uint64_t n = tokens->size();

    const GgufArray* scores = file.get_array("tokenizer.ggml.scores");
    if (scores && (scores->size() != n || scores->element_type() == GgufType::String ||
                   scores->element_type() == GgufType::Array))
        return Error{error_prefix(file) + "tokenizer.ggml.scores has " +
                     std::to_string(scores->size()) + " numbers for " + std::to_string(n) +
                     " tokens"};
    const GgufArray* types = file.get_array("tokenizer.ggml.token_type");
    if (types && (types->size() != n || !is_integer_type(types->element_type())))
        return Error{error_prefix(file) + "tokenizer.ggml.token_type has " +
                     std::to_string(types->size()) + " integers for " + std::to_string(n) +
                     " tokens"};

    tokens_.resize(n);
    for (uint64_t i = 0; i < n; ++i) {
        TokenData& token = tokens_[i];
        token.text = std::string(tokens->string_at(i));
        if (token.text.empty())
            token.text = "[EMPTY_" + std::to_string(i) + "]"; // keeps every id reachable by text
        token.score = scores ? static_cast<float>(scores->float_at(i)) : 0.0f;
        token.type = types ? token_type_from(types->int_at(i)) : TokenType::Normal;
    }
    return {};
}

Result<void> Vocab::load_merges(const GgufFile& file)
{
    const GgufArray* merges = file.get_array("tokenizer.ggml.merges");
    if (!merges || merges->element_type() != GgufType::String)
        return Error{error_prefix(file) +
                     "a gpt2 (BPE) vocabulary needs tokenizer.ggml.merges, a string array"};
    if (merges->size() > static_cast<uint64_t>(INT32_MAX))
        return Error{error_prefix(file) + "tokenizer.ggml.merges is too long"};
    merge_ranks_.reserve(merges->size());
    for (uint64_t i = 0; i < merges->size(); ++i) {
        const std::string_view merge = merges->string_at(i);
        // "left right"; the separator is searched from index 1 so a left part may be " ".
        const size_t space = merge.size() > 1 ? merge.find(' ', 1) : std::string_view::npos;
        if (space == std::string_view::npos)
            return Error{error_prefix(file) + "tokenizer.ggml.merges[" + std::to_string(i) +
                         "] is \"" + std::string(merge) +
                         "\", not two tokens separated by a space"};
        merge_ranks_.emplace(std::string(merge), static_cast<int32_t>(i));
    }
    return {};
}

Result<void> Vocab::load_special_ids(const GgufFile& file)
{
    switch (model_) {
    case VocabModel::SentencePiece:
        bos_ = 1;
        eos_ = 2;
        unk_ = 0;
        break;
    case VocabModel::WordPiece:
        bos_ = 101; // [CLS]
        unk_ = 100;
        sep_ = 102;
        pad_ = 0;
        break;
    case VocabModel::BytePairBpe:
        bos_ = 11;
        eos_ = 11;
        break;
    }
    // Defaults that do not exist in a small vocabulary are dropped, not errors.
    for (int32_t* id : {&bos_, &eos_, &unk_, &sep_, &pad_})
        if (!contains(*id))
            *id = k_no_token;

    struct Key
    {
        const char* name;
        int32_t* id;
    };
    const Key keys[] = {
        {"tokenizer.ggml.bos_token_id", &bos_},
        {"tokenizer.ggml.cls_token_id", &bos_}, // BERT's [CLS] plays the part of BOS
        {"tokenizer.ggml.eos_token_id", &eos_},
        {"tokenizer.ggml.eot_token_id", &eot_},
        {"tokenizer.ggml.eom_token_id", &eom_},
        {"tokenizer.ggml.unknown_token_id", &unk_},
        {"tokenizer.ggml.seperator_token_id", &sep_}, // sic: the spelling GGUF files use
        {"tokenizer.ggml.separator_token_id", &sep_},
        {"tokenizer.ggml.padding_token_id", &pad_},
    };
    for (const Key& key : keys) {
        const GgufValue* value = file.find(key.name);
        if (!value)
            continue;
        std::optional<int64_t> id = file.get_int(key.name);
        if (!id)
            return Error{error_prefix(file) + key.name + " is not an integer"};
        // -1 (or its u32 form) means "no such token" in converted files.
        if (*id == -1 || *id == 0xFFFFFFFF) {
            *key.id = k_no_token;
            continue;
        }
        if (*id < 0 || *id >= static_cast<int64_t>(tokens_.size()))
            return Error{error_prefix(file) + key.name + " is " + std::to_string(*id) +
                         ", outside the vocabulary of " + std::to_string(tokens_.size()) +
                         " tokens"};
        *key.id = static_cast<int32_t>(*id);
    }
    return {};
}

void Vocab::find_end_of_generation_tokens()
{
    // Chat models end a turn with a token that the metadata often does not name; these texts are
    // the known ones. Such tokens are control tokens even where the converter said otherwise.
    static constexpr std::string_view k_turn_enders[] = {
        "<|eot_id|>",
        "<|im_end|>",
        "<|end|>",
        "<end_of_turn>",
        "<|endoftext|>",
        "<|eom_id|>",
        "<EOT>",
        "<\xEF\xBD\x9C"
        "end\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>",
    };
    for (size_t id = 0; id < tokens_.size(); ++id) {
        TokenData& token = tokens_[id];
        for (const std::string_view ender : k_turn_enders) {
            if (token.text != ender)
                continue;
            end_of_generation_.insert(static_cast<int32_t>(id));
            token.type = TokenType::Control;
            if (eot_ == k_no_token && ender != "<|eom_id|>")
                eot_ = static_cast<int32_t>(id);
            if (eom_ == k_no_token && ender == "<|eom_id|>")
                eom_ = static_cast<int32_t>(id);
        }
    }
    for (const int32_t id : {eos_, eot_, eom_})
        if (id != k_no_token)
            end_of_generation_.insert(id);
}

void Vocab::index_tokens()
{
    byte_tokens_.fill(k_no_token);
    token_ids_.reserve(tokens_.size());
    for (size_t i = 0; i < tokens_.size(); ++i) {
        const TokenData& token = tokens_[i];
        const auto id = static_cast<int32_t>(i);
        token_ids_[token.text] = id; // a duplicated text resolves to its last id, as in llama.cpp
        max_token_bytes_ = std::max(max_token_bytes_, token.text.size());
        if (token.type == TokenType::Byte && token.text.size() == 6 &&
            token.text.starts_with("<0x") && token.text.back() == '>') {
            unsigned value = 0;
            if (std::sscanf(token.text.c_str() + 3, "%2x", &value) == 1)
                byte_tokens_[value & 0xFF] = id;
        }
        if (token.type == TokenType::Control || token.type == TokenType::Unknown ||
            token.type == TokenType::UserDefined)
            special_tokens_.push_back(id);
    }
    std::stable_sort(special_tokens_.begin(), special_tokens_.end(), [&](int32_t a, int32_t b) {
        return token(a).text.size() > token(b).text.size();
    });
}

int32_t Vocab::find(std::string_view text) const
{
    const auto it = token_ids_.find(std::string(text));
    return it == token_ids_.end() ? k_no_token : it->second;
}

int32_t Vocab::merge_rank(std::string_view left, std::string_view right) const
{
    std::string key;
    key.reserve(left.size() + 1 + right.size());
    key.append(left).append(1, ' ').append(right);
    const auto it = merge_ranks_.find(key);
    return it == merge_ranks_.end() ? -1 : it->second;
}

} // namespace kurabe
