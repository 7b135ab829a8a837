// The pre-tokenizers' splitting of tricky strings, and the split-pattern matcher itself.
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/split_pattern.h"

#include <QTest>

#include <string>
#include <vector>

using namespace kurabe;

namespace {

QStringList words_of(const PreTokenizer& pre, const std::string& text)
{
    QStringList words;
    for (const std::string_view word : pre.split(text))
        words << QString::fromUtf8(word.data(), static_cast<qsizetype>(word.size()));
    return words;
}

} // namespace

class PreTokenizerTest : public QObject
{
    Q_OBJECT

private slots:
    void splits_data();
    void splits();
    void unknown_pre_is_an_error();
    void bad_patterns_are_errors_data();
    void bad_patterns_are_errors();
    void long_runs_do_not_recurse();
    void invalid_utf8_is_kept();
};

void PreTokenizerTest::splits_data()
{
    QTest::addColumn<QString>("pre");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    const auto row = [](const char* name, const char* pre, const QString& text,
                        const QStringList& words) {
        QTest::addRow("%s", name) << QString::fromLatin1(pre) << text << words;
    };
    row("gpt2 contractions", "gpt-2", "I've 'told he's", {"I", "'ve", " '", "told", " he", "'s"});
    row("gpt2 spaces before word", "gpt-2", "a   b", {"a", "  ", " b"});
    row("gpt2 trailing spaces", "gpt-2", "a  ", {"a", "  "});
    row("gpt2 numbers", "gpt-2", "x 3333 y", {"x", " 3333", " y"});
    row("gpt2 punctuation run", "gpt-2", "Hi!!! ok", {"Hi", "!!!", " ok"});
    row("gpt2 newline", "gpt-2", "a\n\nb", {"a", "\n", "\n", "b"});
    row("gpt2 cyrillic", "gpt-2", QString::fromUtf8("при вет"),
        {QString::fromUtf8("при"), QString::fromUtf8(" вет")});
    row("llama3 digits in threes", "llama-bpe", "1234567", {"123", "456", "7"});
    row("llama3 uppercase contraction", "llama-bpe", "WE'VE", {"WE", "'VE"});
    row("llama3 newlines kept with spaces", "llama-bpe", "a \n\n b", {"a", " \n\n", " b"});
    row("llama3 punctuation then newline", "llama-bpe", "x.\n", {"x", ".\n"});
    row("llama3 letter prefix", "llama-bpe", "(hello", {"(hello"});
    row("qwen2 single digits", "qwen2", "123", {"1", "2", "3"});
    row("starcoder digits", "starcoder", "a 12", {"a", " ", "1", "2"});
    row("falcon three digits", "falcon", "12345", {"123", "45"});
    row("falcon punctuation first", "falcon", "a.b", {"a", ".", "b"});
    row("deepseek-coder", "deepseek-coder", "ab12 c", {"ab", "1", "2", " c"});
    row("deepseek-llm cjk", "deepseek-llm", QString::fromUtf8("我想 apple3"),
        {QString::fromUtf8("我想"), " apple", "3"});
    row("deepseek-llm trailing space", "deepseek-llm", "a  ", {"a", "  "});
    row("default gpt-neox", "default", "a+b 1234", {"a", "+", "b", " ", "123", "4"});
}

void PreTokenizerTest::splits()
{
    QFETCH(QString, pre);
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    auto tokenizer = PreTokenizer::create(pre.toStdString());
    QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.message().c_str());
    QCOMPARE(words_of(*tokenizer, text.toStdString()), words);
}

void PreTokenizerTest::unknown_pre_is_an_error()
{
    auto tokenizer = PreTokenizer::create("no-such-pre");
    QVERIFY(!tokenizer.ok());
    QVERIFY(tokenizer.message().find("no-such-pre") != std::string::npos);
}

void PreTokenizerTest::bad_patterns_are_errors_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addRow("unclosed group") << "(ab";
    QTest::addRow("unclosed class") << "[ab";
    QTest::addRow("stray paren") << "ab)";
    QTest::addRow("nothing to repeat") << "+a";
    QTest::addRow("unknown category") << "\\p{Z}";
    QTest::addRow("reversed range") << "[z-a]";
    QTest::addRow("bad count") << "a{3,1}";
}

void PreTokenizerTest::bad_patterns_are_errors()
{
    QFETCH(QString, pattern);
    QVERIFY(!SplitPattern::compile(pattern.toStdString()).ok());
}

void PreTokenizerTest::long_runs_do_not_recurse()
{
    auto pre = PreTokenizer::create("llama-bpe");
    QVERIFY(pre.ok());
    const std::string letters(200000, 'a');
    const std::string spaces(20000, ' ');
    QCOMPARE(pre->split(letters).size(), size_t(1));
    QCOMPARE(pre->split(spaces + "b").size(), size_t(2));
}

void PreTokenizerTest::invalid_utf8_is_kept()
{
    auto pre = PreTokenizer::create("gpt-2");
    QVERIFY(pre.ok());
    const std::string text = "ab\xFF\xC3 c";
    std::string joined;
    for (const std::string_view word : pre->split(text))
        joined += word;
    QCOMPARE(joined, text);
}

QTEST_GUILESS_MAIN(PreTokenizerTest)
#include "pre_tokenizer_test.moc"
