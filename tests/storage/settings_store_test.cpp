// SettingsStore: typed values keep their type, fallbacks for unset keys, type mismatches are
// errors, and each change is signalled.
#include "storage/schema/schema.h"
#include "storage/stores/settings_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

class SettingsStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(dir_.isValid());
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(database_path(dir_.path()), OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        database_ = std::move(opened).value();
        store_ = std::make_unique<SettingsStore>(*database_);
    }

    void cleanup()
    {
        store_.reset();
        database_.reset();
        QFile::remove(database_path(dir_.path()));
    }

    void values_keep_their_type()
    {
        QSignalSpy changed(store_.get(), &SettingsStore::settingChanged);
        QVERIFY(store_->set_boolean(QStringLiteral("ui.sidebar"), true).ok());
        QVERIFY(store_->set_integer(QStringLiteral("chat.max_tokens"), 2048).ok());
        QVERIFY(store_->set_real(QStringLiteral("chat.temperature"), 0.7).ok());
        QVERIFY(store_->set_text(QStringLiteral("ui.language"), QStringLiteral("ja")).ok());
        QVERIFY(store_->set_text(QStringLiteral("digits"), QStringLiteral("0042")).ok());
        QCOMPARE(changed.count(), 5);
        QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("chat.max_tokens"));
        QCOMPARE(store_->boolean(QStringLiteral("ui.sidebar"), false).value(), true);
        QCOMPARE(store_->integer(QStringLiteral("chat.max_tokens"), 0).value(), 2048);
        QCOMPARE(store_->real(QStringLiteral("chat.temperature"), 0).value(), 0.7);
        QCOMPARE(store_->real(QStringLiteral("chat.max_tokens"), 0).value(), 2048.0);
        QCOMPARE(store_->text(QStringLiteral("ui.language"), {}).value(), QStringLiteral("ja"));
        QCOMPARE(store_->text(QStringLiteral("digits"), {}).value(), QStringLiteral("0042"));
        QCOMPARE(store_->keys().value(), QStringList({"chat.max_tokens", "chat.temperature",
                                                      "digits", "ui.language", "ui.sidebar"}));
    }

    void overwrite_and_remove()
    {
        QVERIFY(store_->set_integer(QStringLiteral("n"), 1).ok());
        QVERIFY(store_->set_integer(QStringLiteral("n"), 2).ok());
        QCOMPARE(store_->integer(QStringLiteral("n"), 0).value(), 2);
        QVERIFY(store_->set_text(QStringLiteral("n"), QStringLiteral("two")).ok());
        QCOMPARE(store_->text(QStringLiteral("n"), {}).value(), QStringLiteral("two"));
        QSignalSpy changed(store_.get(), &SettingsStore::settingChanged);
        QVERIFY(store_->remove(QStringLiteral("n")).ok());
        QVERIFY(store_->remove(QStringLiteral("n")).ok());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store_->integer(QStringLiteral("n"), 7).value(), 7);
    }

    void unset_keys_read_as_the_fallback()
    {
        QCOMPARE(store_->boolean(QStringLiteral("missing"), true).value(), true);
        QCOMPARE(store_->integer(QStringLiteral("missing"), -3).value(), -3);
        QCOMPARE(store_->real(QStringLiteral("missing"), 1.5).value(), 1.5);
        QCOMPARE(store_->text(QStringLiteral("missing"), QStringLiteral("x")).value(),
                 QStringLiteral("x"));
    }

    void another_type_is_an_error()
    {
        QVERIFY(store_->set_text(QStringLiteral("ui.theme"), QStringLiteral("dark")).ok());
        StorageResult<qint64> read = store_->integer(QStringLiteral("ui.theme"), 0);
        QVERIFY(!read);
        QCOMPARE(read.error().kind, StorageErrorKind::InvalidArgument);
        QCOMPARE(read.message(),
                 QStringLiteral("reading the setting \"ui.theme\": it holds text, not an integer"));
        QVERIFY(store_->set_real(QStringLiteral("ratio"), 0.5).ok());
        QCOMPARE(store_->integer(QStringLiteral("ratio"), 0).error().kind,
                 StorageErrorKind::InvalidArgument);
        QCOMPARE(store_->boolean(QStringLiteral("ui.theme"), false).error().kind,
                 StorageErrorKind::InvalidArgument);
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<SettingsStore> store_;
};

QTEST_GUILESS_MAIN(SettingsStoreTest)
#include "settings_store_test.moc"
