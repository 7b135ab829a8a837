// Conformance of the tokenizers with the published vectors: for every NAME.gguf.inp/.out pair in
// the shared vocab/ folder whose NAME.gguf is present, every string must encode (no BOS/EOS, no
// special-token parsing) to exactly the expected ids. Plus the real story models' vocabularies.
#include "common/test_data.h"
#include "gguf/gguf_file.h"
#include "tokenizer/streaming_detokenizer.h"
#include "tokenizer/tokenizer.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <string>
#include <vector>

using namespace kurabe;

namespace {

std::unique_ptr<Tokenizer> load_tokenizer(const QString& path, std::unique_ptr<GgufFile>& file)
{
    auto opened = GgufFile::open(path.toStdString());
    if (!opened) {
        qWarning("%s", opened.message().c_str());
        return nullptr;
    }
    file = std::move(opened.value());
    auto tokenizer = Tokenizer::from_gguf(*file);
    if (!tokenizer) {
        qWarning("%s", tokenizer.message().c_str());
        return nullptr;
    }
    return std::move(tokenizer.value());
}

QByteArray read_all(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString ids_text(const std::vector<int32_t>& ids)
{
    QStringList parts;
    for (const int32_t id : ids)
        parts << QString::number(id);
    return parts.join(u' ');
}

} // namespace

class TokenizerVectorsTest : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void tiny_stories_unknown_characters();
    void stories260k_once_upon_a_time();
};

void TokenizerVectorsTest::vectors_data()
{
    QTest::addColumn<QString>("vocab");
    KURABE_REQUIRE_DATA(models);
    const QDir dir(models + QStringLiteral("/vocab"));
    const QStringList inputs = dir.entryList({QStringLiteral("*.gguf.inp")}, QDir::Files);
    int rows = 0;
    for (const QString& input : inputs) {
        const QString gguf = input.chopped(4);
        if (!dir.exists(gguf))
            continue; // the .inp/.out of a vocabulary that is not shipped (see README.md)
        QTest::addRow("%s", qPrintable(gguf)) << dir.absoluteFilePath(gguf);
        ++rows;
    }
    QVERIFY2(rows >= 10, "expected the vocab/ test vectors of at least 10 tokenizer families");
}

void TokenizerVectorsTest::vectors()
{
    QFETCH(QString, vocab);
    std::unique_ptr<GgufFile> file;
    const auto tokenizer = load_tokenizer(vocab, file);
    QVERIFY(tokenizer);

    const QByteArray inp = read_all(vocab + QStringLiteral(".inp"));
    const QByteArray out = read_all(vocab + QStringLiteral(".out"));
    QVERIFY(!inp.isEmpty() && !out.isEmpty());
    const QByteArray separator("\n__ggml_vocab_test__\n");
    QList<QByteArray> strings;
    for (qsizetype start = 0; start < inp.size();) {
        const qsizetype end = inp.indexOf(separator, start);
        if (end < 0)
            break;
        strings << inp.mid(start, end - start);
        start = end + separator.size();
    }
    QList<QByteArray> expected_lines = out.split('\n');
    if (!expected_lines.isEmpty() && expected_lines.back().isEmpty())
        expected_lines.removeLast();
    QCOMPARE(strings.size(), expected_lines.size());

    int failures = 0;
    for (qsizetype i = 0; i < strings.size(); ++i) {
        const std::string text = strings[i].toStdString();
        const std::vector<int32_t> ids = tokenizer->encode(text, false, false);
        const QString got = ids_text(ids);
        const QString want = QString::fromUtf8(expected_lines[i]).simplified();
        if (got != want) {
            ++failures;
            qWarning("string %lld %s\n  expected: %s\n  got:      %s", static_cast<long long>(i),
                     QByteArray(strings[i]).toPercentEncoding(" ").constData(), qPrintable(want),
                     qPrintable(got));
        }
    }
    QCOMPARE(failures, 0);
}

void TokenizerVectorsTest::tiny_stories_unknown_characters()
{
    KURABE_REQUIRE_DATA(models);
    std::unique_ptr<GgufFile> file;
    const auto tokenizer =
        load_tokenizer(models + QStringLiteral("/real/TinyStories-656K-Q8_0.gguf"), file);
    QVERIFY(tokenizer);
    const int32_t unk = tokenizer->vocab().unk();
    QCOMPARE(unk, 0);
    // No byte tokens in this vocabulary: characters it lacks must become the unknown token.
    const std::string text = "The dog \xF0\x9F\x98\x80 ran \xD0\x9F\xD1\x80\xD0\xB8 "
                             "\xC3\xBC\tover";
    const std::vector<int32_t> ids = tokenizer->encode(text, true, false);
    QVERIFY(ids.size() > 4);
    QCOMPARE(ids.front(), tokenizer->bos());
    int unknowns = 0;
    for (const int32_t id : ids) {
        QVERIFY(id >= 0 && static_cast<size_t>(id) < tokenizer->size());
        unknowns += id == unk ? 1 : 0;
    }
    // The emoji, the three Cyrillic letters, "ü" and the tab are each unknown.
    QCOMPARE(unknowns, 6);
    const std::string back = tokenizer->decode(ids);
    QVERIFY2(back.find("The dog") != std::string::npos, back.c_str());
    QVERIFY2(back.find("over") != std::string::npos, back.c_str());
}

void TokenizerVectorsTest::stories260k_once_upon_a_time()
{
    KURABE_REQUIRE_DATA(models);
    std::unique_ptr<GgufFile> file;
    const auto tokenizer = load_tokenizer(models + QStringLiteral("/real/stories260K.gguf"), file);
    QVERIFY(tokenizer);
    const std::vector<int32_t> ids = tokenizer->encode("Once upon a time", true, false);
    QCOMPARE(ids, (std::vector<int32_t>{1, 403, 407, 261, 378}));
    QCOMPARE(tokenizer->decode(ids), std::string(" Once upon a time"));
    QVERIFY(tokenizer->is_end_of_generation(tokenizer->eos()));
    QCOMPARE(tokenizer->vocab().sep(), k_no_token); // stored as 0xFFFFFFFF: "none"
}

QTEST_GUILESS_MAIN(TokenizerVectorsTest)
#include "tokenizer_vectors_test.moc"
