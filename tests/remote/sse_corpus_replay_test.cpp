// Runs the stream-parser fuzz entry point (tests/fuzz/sse_parser_fuzz.cpp) over every seed in
// tests/fuzz/corpus/sse/ and every prefix of each, in normal builds: the entry point aborts when
// cutting a stream into chunks changes its events, so this keeps that property checked.
#include <QDir>
#include <QFile>
#include <QTest>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

class SseCorpusReplayTest : public QObject
{
    Q_OBJECT
private slots:
    void replay_data();
    void replay();
};

void SseCorpusReplayTest::replay_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(KURABE_SOURCE_DIR "/tests/fuzz/corpus/sse"));
    const QStringList names = dir.entryList(QDir::Files, QDir::Name);
    QVERIFY2(!names.isEmpty(), "the SSE fuzz corpus is empty");
    for (const QString& name : names)
        QTest::addRow("%s", qPrintable(name)) << dir.filePath(name);
}

void SseCorpusReplayTest::replay()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        // Every first byte too: it chooses how the rest is cut into chunks.
        for (int chooser = 0; chooser < 256; chooser += 37) {
            std::vector<uint8_t> input(bytes.begin(), bytes.begin() + cut);
            if (!input.empty())
                input[0] = static_cast<uint8_t>(chooser);
            QCOMPARE(LLVMFuzzerTestOneInput(input.data(), input.size()), 0);
        }
    }
}

QTEST_GUILESS_MAIN(SseCorpusReplayTest)
#include "sse_corpus_replay_test.moc"
