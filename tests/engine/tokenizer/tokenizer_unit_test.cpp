// Unit tests of the tokenizers on small in-memory vocabularies: SentencePiece merge order and
// byte fallback, BPE merge ranks, WordPiece, special tokens, BOS/EOS rules, end-of-generation
// tokens, vocabulary validation and the streaming detokenizer.
#include "tiny_vocab.h"
#include "tokenizer/streaming_detokenizer.h"
#include "tokenizer/tokenizer.h"
#include "unicode/utf8.h"

#include <QTest>

#include <string>
#include <vector>

using namespace kurabe;
using namespace kurabe::test;

namespace {

using Ids = std::vector<int32_t>;

constexpr int32_t k_first_piece = 259; // after <unk> <s> </s> and 256 byte tokens

int32_t byte_id(uint8_t byte)
{
    return 3 + byte;
}

std::unique_ptr<Tokenizer> make(const TinyVocab& vocab)
{
    auto tokenizer = tiny_tokenizer(vocab);
    if (!tokenizer) {
        qWarning("%s", tokenizer.message().c_str());
        return nullptr;
    }
    return std::move(tokenizer.value());
}

// "▁" (259) "a" (260) "b" (261) "ab" (262) "▁a" (263) with the given scores of the two merges.
TinyVocab merge_order_vocab(float ab_score, float space_a_score)
{
    return spm_vocab({{"\xE2\x96\x81", -10},
                      {"a", -10},
                      {"b", -10},
                      {"ab", ab_score},
                      {"\xE2\x96\x81"
                       "a",
                       space_a_score}});
}

// Byte-level BPE: a b c ab abc Ġ Ġa <|endoftext|> <|im_end|>(normal, must become control).
TinyVocab bpe_vocab()
{
    TinyVocab vocab;
    vocab.model = "gpt2";
    vocab.pre = "gpt-2";
    vocab.tokens = {{"a"},
                    {"b"},
                    {"c"},
                    {"ab"},
                    {"abc"},
                    {"\xC4\xA0"},
                    {"\xC4\xA0"
                     "a"},
                    {"<|endoftext|>", 0, 3},
                    {"<|im_end|>"}};
    vocab.merges = {"a b", "ab c", "\xC4\xA0 a"};
    vocab.ids = {{"tokenizer.ggml.bos_token_id", 7}, {"tokenizer.ggml.eos_token_id", 7}};
    return vocab;
}

TinyVocab wordpiece_vocab()
{
    TinyVocab vocab;
    vocab.model = "bert";
    vocab.tokens = {{"[PAD]", 0, 3},
                    {"[UNK]", 0, 3},
                    {"[CLS]", 0, 3},
                    {"[SEP]", 0, 3},
                    {"\xE2\x96\x81hello"},
                    {"\xE2\x96\x81un"},
                    {"aff"},
                    {"able"},
                    {"\xE2\x96\x81,"},
                    {"\xE2\x96\x81!"},
                    {"\xE2\x96\x81"
                     "cafe"},
                    {"\xE2\x96\x81\xE6\x97\xA5"}};
    vocab.ids = {{"tokenizer.ggml.unknown_token_id", 1},
                 {"tokenizer.ggml.cls_token_id", 2},
                 {"tokenizer.ggml.seperator_token_id", 3},
                 {"tokenizer.ggml.padding_token_id", 0}};
    return vocab;
}

bool is_valid_utf8(const std::string& text)
{
    return unicode::to_valid_utf8(text) == text;
}

} // namespace

class TokenizerUnitTest : public QObject
{
    Q_OBJECT

private slots:
    void sentencepiece_merge_order_data();
    void sentencepiece_merge_order();
    void sentencepiece_byte_fallback();
    void sentencepiece_unknown_without_byte_tokens();
    void sentencepiece_bos_eos_rules();
    void bpe_merges_by_rank();
    void bpe_decode_reverses_byte_alphabet();
    void wordpiece_basic_and_greedy();
    void special_tokens_parsed_only_when_asked();
    void special_tokens_longest_first();
    void user_defined_tokens_always_match();
    void end_of_generation_tokens();
    void invalid_vocabularies_data();
    void invalid_vocabularies();
    void out_of_range_ids_decode_to_nothing();
    void streaming_never_splits_characters_data();
    void streaming_never_splits_characters();
    void streaming_flush_replaces_incomplete();
};

void TokenizerUnitTest::sentencepiece_merge_order_data()
{
    QTest::addColumn<float>("ab_score");
    QTest::addColumn<float>("space_a_score");
    QTest::addColumn<Ids>("expected");
    // "ab" becomes "▁ab": the higher-scoring pair merges first and blocks the other.
    QTest::addRow("space-a wins") << -2.0f << -1.0f << Ids{263, 261};
    QTest::addRow("ab wins") << -1.0f << -2.0f << Ids{259, 262};
    // Equal scores: the leftmost pair merges first.
    QTest::addRow("tie goes left") << -1.0f << -1.0f << Ids{263, 261};
}

void TokenizerUnitTest::sentencepiece_merge_order()
{
    QFETCH(float, ab_score);
    QFETCH(float, space_a_score);
    QFETCH(Ids, expected);
    const auto tokenizer = make(merge_order_vocab(ab_score, space_a_score));
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode("ab", false, false), expected);
    QCOMPARE(tokenizer->decode(expected), std::string(" ab"));
}

void TokenizerUnitTest::sentencepiece_byte_fallback()
{
    const auto tokenizer = make(merge_order_vocab(-1, -2));
    QVERIFY(tokenizer);
    // "ü" (C3 BC) is not a piece: its bytes are spelled with <0xC3> <0xBC>.
    QCOMPARE(tokenizer->encode("a\xC3\xBC", false, false),
             (Ids{k_first_piece + 4, byte_id(0xC3), byte_id(0xBC)}));
    QCOMPARE(tokenizer->decode(Ids{k_first_piece + 4, byte_id(0xC3), byte_id(0xBC)}),
             std::string(" a\xC3\xBC"));
}

void TokenizerUnitTest::sentencepiece_unknown_without_byte_tokens()
{
    TinyVocab vocab = spm_vocab({{"\xE2\x96\x81", -1}, {"a", -1}}, /*byte_tokens=*/false);
    const auto tokenizer = make(vocab);
    QVERIFY(tokenizer);
    // One unknown token per missing character, not per byte.
    QCOMPARE(tokenizer->encode("a\xC3\xBC\xF0\x9F\x98\x80", false, false), (Ids{3, 4, 0, 0}));
}

void TokenizerUnitTest::sentencepiece_bos_eos_rules()
{
    TinyVocab vocab = merge_order_vocab(-1, -2);
    auto tokenizer = make(vocab);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode("", true, false), Ids{1}); // SentencePiece adds BOS by default
    QCOMPARE(tokenizer->encode("", false, false), Ids{});
    vocab.flags = {{"tokenizer.ggml.add_bos_token", false}, {"tokenizer.ggml.add_eos_token", true}};
    tokenizer = make(vocab);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode("a", true, false), (Ids{263, 2}));
}

void TokenizerUnitTest::bpe_merges_by_rank()
{
    const auto tokenizer = make(bpe_vocab());
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode("abc", false, false), Ids{4});
    // "Ġab": "a b" (rank 0) merges before "Ġ a" (rank 2), leaving Ġ alone.
    QCOMPARE(tokenizer->encode(" ab", false, false), (Ids{5, 3}));
    QCOMPARE(tokenizer->encode(" a", false, false), Ids{6});
    // gpt-2 style vocabularies add no BOS unless the metadata says so.
    QCOMPARE(tokenizer->encode("a", true, false), Ids{0});
}

void TokenizerUnitTest::bpe_decode_reverses_byte_alphabet()
{
    const auto tokenizer = make(bpe_vocab());
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->decode(Ids{6, 5, 3}), std::string(" a ab"));
    QCOMPARE(tokenizer->piece(7), std::string());
    QCOMPARE(tokenizer->piece(7, true), std::string("<|endoftext|>"));
}

void TokenizerUnitTest::wordpiece_basic_and_greedy()
{
    const auto tokenizer = make(wordpiece_vocab());
    QVERIFY(tokenizer);
    // Lower-cased, accents stripped (é -> e), punctuation split, "##" pieces continue a word.
    QCOMPARE(tokenizer->encode("Hello, unaffable  CAF\xC3\x89!", false, false),
             (Ids{4, 8, 5, 6, 7, 10, 9}));
    QCOMPARE(tokenizer->encode("hello xyz", true, false), (Ids{2, 4, 1, 3}));
    QCOMPARE(tokenizer->encode("\xE6\x97\xA5\xE6\x97\xA5", false, false), (Ids{11, 11}));
}

void TokenizerUnitTest::special_tokens_parsed_only_when_asked()
{
    const auto tokenizer = make(bpe_vocab());
    QVERIFY(tokenizer);
    const std::string text = "a<|endoftext|>b";
    QCOMPARE(tokenizer->encode(text, false, true), (Ids{0, 7, 1}));
    const Ids plain = tokenizer->encode(text, false, false);
    QVERIFY(std::find(plain.begin(), plain.end(), 7) == plain.end());
}

void TokenizerUnitTest::special_tokens_longest_first()
{
    TinyVocab vocab = merge_order_vocab(-1, -2);
    vocab.tokens.push_back({"<x>", 0, 3});  // 264
    vocab.tokens.push_back({"<x>>", 0, 3}); // 265
    const auto tokenizer = make(vocab);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode("<x>><x>", false, true), (Ids{265, 264}));
}

void TokenizerUnitTest::user_defined_tokens_always_match()
{
    TinyVocab vocab = bpe_vocab();
    vocab.tokens.push_back({"  ", 0, 4}); // 9: a user-defined run of spaces, as MPT has
    const auto tokenizer = make(vocab);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode("a  b", false, false), (Ids{0, 9, 1}));
    QCOMPARE(tokenizer->decode(Ids{0, 9, 1}), std::string("a  b"));
}

void TokenizerUnitTest::end_of_generation_tokens()
{
    const auto tokenizer = make(bpe_vocab());
    QVERIFY(tokenizer);
    QVERIFY(tokenizer->is_end_of_generation(7)); // EOS
    QVERIFY(tokenizer->is_end_of_generation(8)); // <|im_end|> by its text
    QVERIFY(!tokenizer->is_end_of_generation(0));
    QVERIFY(tokenizer->vocab().token(8).type == TokenType::Control);
    QCOMPARE(tokenizer->piece(8), std::string()); // a control token now: hidden by default
}

void TokenizerUnitTest::invalid_vocabularies_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown model") << 0 << "\"t5x\"";
    QTest::addRow("scores length") << 1 << "tokenizer.ggml.scores";
    QTest::addRow("bos out of range") << 2 << "bos_token_id";
    QTest::addRow("bpe without merges") << 3 << "merges";
    QTest::addRow("unknown pre") << 4 << "\"unknown-pre\"";
    QTest::addRow("malformed merge") << 5 << "merges[0]";
    QTest::addRow("no tokens") << 6 << "tokenizer.ggml.tokens";
}

void TokenizerUnitTest::invalid_vocabularies()
{
    QFETCH(int, which);
    QFETCH(QString, message);
    TinyVocab vocab = which >= 3 ? bpe_vocab() : merge_order_vocab(-1, -2);
    switch (which) {
    case 0:
        vocab.model = "t5x";
        break;
    case 1:
        vocab.short_scores = true;
        break;
    case 2:
        vocab.ids = {{"tokenizer.ggml.bos_token_id", 100000}};
        break;
    case 3:
        vocab.merges.clear();
        break;
    case 4:
        vocab.pre = "unknown-pre";
        break;
    case 5:
        vocab.merges = {"ab"};
        break;
    case 6:
        vocab.tokens.clear();
        break;
    }
    const std::vector<uint8_t> image = tiny_vocab_image(vocab);
    auto file = GgufFile::from_memory(image, "bad.gguf");
    QVERIFY(file.ok());
    auto tokenizer = Tokenizer::from_gguf(**file);
    QVERIFY(!tokenizer.ok());
    QVERIFY2(tokenizer.message().find(message.toStdString()) != std::string::npos,
             tokenizer.message().c_str());
    QVERIFY2(tokenizer.message().find("bad.gguf") != std::string::npos,
             tokenizer.message().c_str());
}

void TokenizerUnitTest::out_of_range_ids_decode_to_nothing()
{
    const auto tokenizer = make(bpe_vocab());
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->decode(Ids{-5, 0, 1000000}), std::string("a"));
}

void TokenizerUnitTest::streaming_never_splits_characters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("japanese and emoji")
        << QString::fromUtf8("日本語のテキスト🙂👍🏽 ok");
    QTest::addRow("cyrillic") << QString::fromUtf8("Привет, мир");
    QTest::addRow("ascii") << QStringLiteral("ab ab");
}

void TokenizerUnitTest::streaming_never_splits_characters()
{
    QFETCH(QString, text);
    const auto tokenizer = make(merge_order_vocab(-1, -2));
    QVERIFY(tokenizer);
    const std::string utf8 = text.toStdString();
    const Ids ids = tokenizer->encode(utf8, false, false);
    StreamingDetokenizer stream(*tokenizer);
    std::string joined;
    for (const int32_t id : ids) {
        const std::string chunk = stream.push(id);
        QVERIFY2(is_valid_utf8(chunk), "a chunk is not valid UTF-8");
        joined += chunk;
    }
    joined += stream.flush();
    QCOMPARE(joined, " " + utf8); // SentencePiece's leading space
    QCOMPARE(joined, tokenizer->decode(ids));
}

void TokenizerUnitTest::streaming_flush_replaces_incomplete()
{
    const auto tokenizer = make(merge_order_vocab(-1, -2));
    QVERIFY(tokenizer);
    StreamingDetokenizer stream(*tokenizer);
    QCOMPARE(stream.push(byte_id(0xE6)), std::string());
    QCOMPARE(stream.push(byte_id(0x97)), std::string());
    QCOMPARE(stream.push(260), std::string("\xEF\xBF\xBD"
                                           "a")); // cut short by "a"
    QCOMPARE(stream.push(byte_id(0xF0)), std::string());
    QCOMPARE(stream.flush(), std::string("\xEF\xBF\xBD"));
    QCOMPARE(stream.push(byte_id(0xFF)), std::string("\xEF\xBF\xBD")); // never valid
}

QTEST_GUILESS_MAIN(TokenizerUnitTest)
#include "tokenizer_unit_test.moc"
