#include "tiny_vocab.h"

#include "gguf/gguf_writer.h"

#include <cstdio>

namespace kurabe::test {

std::vector<uint8_t> tiny_vocab_image(const TinyVocab& vocab)
{
    GgufWriter w;
    w.add_string("general.architecture", "llama");
    w.add_string("tokenizer.ggml.model", vocab.model);
    if (!vocab.pre.empty())
        w.add_string("tokenizer.ggml.pre", vocab.pre);
    std::vector<std::string> texts;
    std::vector<float> scores;
    std::vector<int32_t> types;
    for (const TinyToken& token : vocab.tokens) {
        texts.push_back(token.text);
        scores.push_back(token.score);
        types.push_back(token.type);
    }
    w.add_string_array("tokenizer.ggml.tokens", texts);
    if (vocab.short_scores && !scores.empty())
        scores.pop_back();
    w.add_array<float>("tokenizer.ggml.scores", scores);
    w.add_array<int32_t>("tokenizer.ggml.token_type", types);
    if (!vocab.merges.empty())
        w.add_string_array("tokenizer.ggml.merges", vocab.merges);
    for (const auto& [key, id] : vocab.ids)
        w.add_int64(key, id);
    for (const auto& [key, flag] : vocab.flags)
        w.add_bool(key, flag);
    return w.bytes();
}

Result<std::unique_ptr<Tokenizer>> tiny_tokenizer(const TinyVocab& vocab)
{
    const std::vector<uint8_t> image = tiny_vocab_image(vocab);
    auto file = GgufFile::from_memory(image, "tiny.gguf");
    if (!file)
        return file.error();
    return Tokenizer::from_gguf(**file); // the tokenizer copies what it needs from the file
}

TinyVocab spm_vocab(const std::vector<TinyToken>& pieces, bool byte_tokens)
{
    TinyVocab vocab;
    vocab.tokens = {{"<unk>", 0, 2}, {"<s>", 0, 3}, {"</s>", 0, 3}};
    if (byte_tokens) {
        for (int byte = 0; byte < 256; ++byte) {
            char text[8];
            std::snprintf(text, sizeof text, "<0x%02X>", byte);
            vocab.tokens.push_back({text, 0, 6});
        }
    }
    vocab.tokens.insert(vocab.tokens.end(), pieces.begin(), pieces.end());
    return vocab;
}

} // namespace kurabe::test
