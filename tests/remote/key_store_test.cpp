// The encrypted key file: round trip, a wrong passphrase, every kind of tampering, a fresh nonce
// and salt per save, owner-only permissions, no key text in the file; and ApiKeyStore on the
// file storage used headless.
#include "inference/remote/api_key_store.h"
#include "inference/remote/encrypted_key_file.h"
#include "inference/remote/provider_config.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::inference::remote;

namespace {

const QString kKey = QStringLiteral("sk-ant-PLANTED-0123456789abcdefghij");
// Cheap scrypt so the tests stay fast; the default cost is exercised once.
const ScryptCost kCheap{10, 8, 1};

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class KeyStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void defaultCostRoundTrip();
    void wrongPassphrase();
    void tampered_data();
    void tampered();
    void freshNoncePerSave();
    void missingFileIsEmpty();
    void noPassphrase();
    void apiKeyStoreOnFile();
    void configDebugHidesKey();
};

void KeyStoreTest::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.enc"));
    const EncryptedKeyFile file(path, QStringLiteral("correct horse"), kCheap);
    QCOMPARE(file.write(QStringLiteral("provider:openai"), kKey), QString());
    QCOMPARE(file.write(QStringLiteral("provider:gemini"), QStringLiteral("AIza-ümlaut-ключ")),
             QString());
    const KeyFileResult loaded = EncryptedKeyFile(path, QStringLiteral("correct horse")).load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.keys.value(QStringLiteral("provider:openai")), kKey);
    QCOMPARE(loaded.keys.value(QStringLiteral("provider:gemini")),
             QStringLiteral("AIza-ümlaut-ключ"));
    QCOMPARE(file.remove(QStringLiteral("provider:openai")), QString());
    QCOMPARE(file.load().keys.keys(), QStringList{QStringLiteral("provider:gemini")});

    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.startsWith("KURABEKF"));
    QVERIFY(!bytes.contains("PLANTED"));
    QVERIFY(!bytes.contains("provider:"));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                         QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
}

void KeyStoreTest::defaultCostRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.enc"));
    const EncryptedKeyFile file(path, QStringLiteral("pass"));
    QCOMPARE(file.write(QStringLiteral("k"), kKey), QString());
    QCOMPARE(file.read(QStringLiteral("k")).keys.value(QStringLiteral("k")), kKey);
    QCOMPARE(static_cast<int>(readAll(path)[9]), 15); // log2(N) recorded in the header
}

void KeyStoreTest::wrongPassphrase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.enc"));
    QCOMPARE(
        EncryptedKeyFile(path, QStringLiteral("right"), kCheap).write(QStringLiteral("k"), kKey),
        QString());
    const KeyFileResult result = EncryptedKeyFile(path, QStringLiteral("wrong"), kCheap).load();
    QVERIFY(!result.ok());
    QVERIFY(result.keys.isEmpty());
    QVERIFY2(result.error.contains(QLatin1String("wrong passphrase")), qPrintable(result.error));
    QVERIFY(!result.error.contains(QLatin1String("right")));
    // A failed open must not overwrite the file.
    QVERIFY(!EncryptedKeyFile(path, QStringLiteral("wrong"), kCheap)
                 .write(QStringLiteral("x"), QStringLiteral("y"))
                 .isEmpty());
    QVERIFY(EncryptedKeyFile(path, QStringLiteral("right")).load().ok());
}

void KeyStoreTest::tampered_data()
{
    QTest::addColumn<int>("offset"); // from the start; negative from the end
    QTest::addColumn<QString>("error_part");
    QTest::addRow("magic") << 0 << "not a Kurabe key file";
    QTest::addRow("version") << 8 << "version";
    QTest::addRow("salt") << 14 << "wrong passphrase";
    QTest::addRow("nonce") << 30 << "wrong passphrase";
    QTest::addRow("ciphertext") << 45 << "wrong passphrase";
    QTest::addRow("tag") << -1 << "wrong passphrase";
}

void KeyStoreTest::tampered()
{
    QFETCH(int, offset);
    QFETCH(QString, error_part);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.enc"));
    const EncryptedKeyFile file(path, QStringLiteral("pass"), kCheap);
    QCOMPARE(file.write(QStringLiteral("k"), kKey), QString());
    QByteArray bytes = readAll(path);
    const qsizetype at = offset >= 0 ? offset : bytes.size() + offset;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    writeAll(path, bytes);
    const KeyFileResult result = file.load();
    QVERIFY(!result.ok());
    QVERIFY(result.keys.isEmpty());
    QVERIFY2(result.error.contains(error_part), qPrintable(result.error));

    writeAll(path, bytes.left(20)); // truncated
    QVERIFY(!file.load().ok());
}

void KeyStoreTest::freshNoncePerSave()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.enc"));
    const EncryptedKeyFile file(path, QStringLiteral("pass"), kCheap);
    QMap<QString, QString> keys{{QStringLiteral("k"), kKey}};
    QCOMPARE(file.save(keys), QString());
    const QByteArray first = readAll(path);
    QCOMPARE(file.save(keys), QString());
    const QByteArray second = readAll(path);
    QCOMPARE(first.size(), second.size());
    QVERIFY(first.mid(12, 16) != second.mid(12, 16)); // salt
    QVERIFY(first.mid(28, 12) != second.mid(28, 12)); // nonce
    QVERIFY(first.mid(40) != second.mid(40));         // ciphertext and tag
}

void KeyStoreTest::missingFileIsEmpty()
{
    QTemporaryDir dir;
    const KeyFileResult result =
        EncryptedKeyFile(dir.filePath(QStringLiteral("none.enc")), QStringLiteral("p")).load();
    QVERIFY(result.ok());
    QVERIFY(result.keys.isEmpty());
}

void KeyStoreTest::noPassphrase()
{
    QTemporaryDir dir;
    const QString error =
        EncryptedKeyFile(dir.filePath(QStringLiteral("k.enc")), QString()).write("a", kKey);
    QVERIFY(error.contains(QLatin1String("KURABE_SECRETS_PASSPHRASE")));
}

void KeyStoreTest::apiKeyStoreOnFile()
{
    QTemporaryDir dir;
    ApiKeyStore::Options options;
    options.storage = ApiKeyStore::Storage::File;
    options.file_path = dir.filePath(QStringLiteral("api-keys.enc"));
    options.passphrase = QStringLiteral("pass");
    options.cost = kCheap;
    ApiKeyStore store(options);

    QString write_error = QStringLiteral("unset");
    store.writeKey(QStringLiteral("provider:x"), kKey, [&](const QString& e) { write_error = e; });
    QVERIFY(QTest::qWaitFor([&] { return write_error != QLatin1String("unset"); }, 5000));
    QCOMPARE(write_error, QString());
    QCOMPARE(store.lastStorageUsed(), QStringLiteral("file"));

    std::optional<QString> read;
    bool done = false;
    store.readKey(QStringLiteral("provider:x"), [&](std::optional<QString> key, const QString& e) {
        QVERIFY(e.isEmpty());
        read = key;
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 5000));
    QCOMPARE(read, std::optional<QString>(kKey));

    done = false;
    store.removeKey(QStringLiteral("provider:x"), [&](const QString& e) {
        QVERIFY(e.isEmpty());
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 5000));
    done = false;
    store.readKey(QStringLiteral("provider:x"), [&](std::optional<QString> key, const QString&) {
        read = key;
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 5000));
    QCOMPARE(read, std::nullopt);
}

void KeyStoreTest::configDebugHidesKey()
{
    ProviderConfig config;
    config.name = QStringLiteral("work");
    config.api_key = kKey;
    QString text;
    QDebug(&text) << config;
    QVERIFY(text.contains(QLatin1String("key: set")));
    QVERIFY(!text.contains(kKey));
    QCOMPARE(redactKey(QStringLiteral("bad key ") + kKey + QStringLiteral("!"), kKey),
             QStringLiteral("bad key [key]!"));
}

QTEST_GUILESS_MAIN(KeyStoreTest)
#include "key_store_test.moc"
