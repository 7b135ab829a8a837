// Runs the GGUF fuzz entry point over every seed in tests/fuzz/corpus/gguf/ (and over every
// prefix of each seed), so the fuzz target and its corpus stay exercised in normal builds.
#include <QDir>
#include <QFile>
#include <QTest>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

class CorpusReplayTest : public QObject
{
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
};

void CorpusReplayTest::replay_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(KURABE_SOURCE_DIR "/tests/fuzz/corpus/gguf"));
    const QStringList names = dir.entryList(QDir::Files, QDir::Name);
    QVERIFY2(!names.isEmpty(), "the GGUF fuzz corpus is empty");
    for (const QString& name : names)
        QTest::addRow("%s", qPrintable(name)) << dir.filePath(name);
}

void CorpusReplayTest::replay()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        // An exact-size copy, so a sanitizer build sees any read past the end.
        const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + cut);
        QCOMPARE(LLVMFuzzerTestOneInput(prefix.data(), prefix.size()), 0);
    }
}

QTEST_GUILESS_MAIN(CorpusReplayTest)
#include "corpus_replay_test.moc"
