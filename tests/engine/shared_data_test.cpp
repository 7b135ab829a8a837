// The shared test data is found (or its absence reported loudly) and holds what the engine
// tests rely on.
#include "common/test_data.h"

#include <QFile>
#include <QTest>

class SharedDataTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void real_model_is_a_gguf_file()
    {
        KURABE_REQUIRE_DATA(models);
        QFile file(models + QStringLiteral("/real/stories260K.gguf"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray head = file.read(8);
        QCOMPARE(head.left(4), QByteArray("GGUF"));
        const uint32_t version = static_cast<uint8_t>(head[4]) |
                                 (static_cast<uint8_t>(head[5]) << 8) |
                                 (static_cast<uint8_t>(head[6]) << 16) |
                                 (static_cast<uint32_t>(static_cast<uint8_t>(head[7])) << 24);
        QVERIFY(version == 2 || version == 3);
    }

    void reference_outputs_are_present()
    {
        KURABE_REQUIRE_DATA(models);
        const QString reference = kurabe::test::reference_dir();
        QVERIFY2(!reference.isEmpty(), "../shared/reference is missing beside the models");
        QVERIFY(QFile::exists(reference + QStringLiteral("/templates.json")));
        QVERIFY(QFile::exists(reference + QStringLiteral("/oracle/stories260K.json")));
    }
};

QTEST_GUILESS_MAIN(SharedDataTest)
#include "shared_data_test.moc"
