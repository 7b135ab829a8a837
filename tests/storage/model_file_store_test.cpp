// ModelFileStore: local GGUF files with their size, digest, header summary and last use.
#include "storage/schema/schema.h"
#include "storage/stores/model_file_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

class ModelFileStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(database_path(dir_.path()), OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        database_ = std::move(opened).value();
        store_ = std::make_unique<ModelFileStore>(*database_, [this] { return clock_ms_ += 1000; });
    }

    void cleanup()
    {
        store_.reset();
        database_.reset();
        QFile::remove(database_path(dir_.path()));
    }

    void a_file_is_added_summarised_used_and_removed()
    {
        QSignalSpy changed(store_.get(), &ModelFileStore::modelFilesChanged);
        const qint64 id = store_->add(QStringLiteral("/models/b.gguf"), 1000).value();
        QVERIFY(store_->add(QStringLiteral("/models/a.gguf"), 5).ok());
        ModelFile file = store_->model_file(id).value();
        QCOMPARE(file.size_bytes, 1000);
        QVERIFY(file.sha256.isEmpty());
        QCOMPARE(file.last_used_at_ms, std::nullopt);
        QCOMPARE(file.added_at_ms, 1'700'000'001'000);

        const QString digest = QStringLiteral("AB").repeated(32);
        const QJsonObject summary{{QStringLiteral("architecture"), QStringLiteral("llama")},
                                  {QStringLiteral("context_length"), 8192}};
        QVERIFY(store_->update_summary(id, 1024, digest, summary).ok());
        QVERIFY(store_->touch_last_used(id).ok());
        file = store_->find_by_path(QStringLiteral("/models/b.gguf")).value().value();
        QCOMPARE(file.id, id);
        QCOMPARE(file.size_bytes, 1024);
        QCOMPARE(file.sha256, digest.toLower());
        QCOMPARE(file.gguf_summary, summary);
        QCOMPARE(file.last_used_at_ms, std::optional<qint64>(1'700'000'003'000));
        QCOMPARE(store_->find_by_path(QStringLiteral("/nope.gguf")).value(), std::nullopt);

        const std::vector<ModelFile> all = store_->list().value();
        QCOMPARE(all.size(), size_t{2});
        QCOMPARE(all[0].path, QStringLiteral("/models/a.gguf"));
        QVERIFY(store_->remove(id).ok());
        QCOMPARE(store_->model_file(id).error().kind, StorageErrorKind::NotFound);
        QCOMPARE(changed.count(), 5);
    }

    void bad_values_are_refused_data()
    {
        QTest::addColumn<QString>("sha256");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("empty: not hashed") << QString() << true;
        QTest::addRow("64 hex") << QStringLiteral("0f").repeated(32) << true;
        QTest::addRow("63 hex") << QStringLiteral("0").repeated(63) << false;
        QTest::addRow("not hex") << QStringLiteral("zz").repeated(32) << false;
    }

    void bad_values_are_refused()
    {
        QFETCH(QString, sha256);
        QFETCH(bool, accepted);
        const qint64 id = store_->add(QStringLiteral("/m.gguf"), 1).value();
        const StorageResult<void> updated = store_->update_summary(id, 1, sha256, {});
        QCOMPARE(updated.ok(), accepted);
        if (!accepted) {
            QCOMPARE(updated.error().kind, StorageErrorKind::InvalidArgument);
            QVERIFY2(updated.message().contains(QStringLiteral("SHA-256")),
                     qPrintable(updated.message()));
        }
    }

    void a_known_path_or_a_negative_size_is_refused()
    {
        QVERIFY(store_->add(QStringLiteral("/m.gguf"), 1).ok());
        const StorageResult<qint64> again = store_->add(QStringLiteral("/m.gguf"), 1);
        QCOMPARE(again.error().kind, StorageErrorKind::Constraint);
        QVERIFY2(again.message().contains(QStringLiteral("already in the library")),
                 qPrintable(again.message()));
        QCOMPARE(store_->add(QStringLiteral("/n.gguf"), -1).error().kind,
                 StorageErrorKind::InvalidArgument);
        QCOMPARE(store_->touch_last_used(77).error().kind, StorageErrorKind::NotFound);
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<ModelFileStore> store_;
    qint64 clock_ms_ = 1'700'000'000'000;
};

QTEST_GUILESS_MAIN(ModelFileStoreTest)
#include "model_file_store_test.moc"
