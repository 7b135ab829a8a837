// CatalogStore: syncing the built-in catalog into a real database keeps the user's edits and
// additions, refreshes changed built-ins and drops the ones no longer shipped.
#include "storage/schema/schema.h"
#include "storage/stores/catalog_store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

BuiltinCatalogEntry builtin(const QString& key, const QString& name)
{
    return {key, QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("name"), name}}};
}

QString name_of(const CatalogRow& row)
{
    return row.payload.value(QStringLiteral("name")).toString();
}

} // namespace

class CatalogStoreTest : public QObject
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
        now_ms_ = 1000;
        store_ = std::make_unique<CatalogStore>(*database_, [this] { return now_ms_; });
    }

    void cleanup()
    {
        store_.reset();
        database_.reset();
        QFile::remove(database_path(dir_.path()));
    }

    void first_sync_inserts_every_entry()
    {
        StorageResult<CatalogSyncReport> report =
            store_->sync_builtin({builtin("b", "B"), builtin("a", "A")});
        QVERIFY2(report, qPrintable(report.message()));
        QCOMPARE(report->inserted, 2);
        const std::vector<CatalogRow> rows = store_->list().value();
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].key, QStringLiteral("a")); // sorted by key
        QVERIFY(rows[0].builtin);
        QVERIFY(!rows[0].user_edited);
        QCOMPARE(name_of(rows[1]), QStringLiteral("B"));
        QCOMPARE(rows[1].updated_at_ms, 1000);
    }

    void second_sync_refreshes_changed_and_drops_removed()
    {
        QVERIFY(store_->sync_builtin({builtin("a", "A"), builtin("b", "B"), builtin("c", "C")}));
        now_ms_ = 2000;
        StorageResult<CatalogSyncReport> report =
            store_->sync_builtin({builtin("a", "A"), builtin("b", "B v2"), builtin("d", "D")});
        QVERIFY2(report, qPrintable(report.message()));
        QCOMPARE(report->unchanged, 1);
        QCOMPARE(report->refreshed, 1);
        QCOMPARE(report->inserted, 1);
        QCOMPARE(report->removed, 1);
        QCOMPARE(report->kept, 0);
        const CatalogRow b = store_->find(QStringLiteral("b")).value().value();
        QCOMPARE(name_of(b), QStringLiteral("B v2"));
        QCOMPARE(b.updated_at_ms, 2000);
        QCOMPARE(store_->find(QStringLiteral("a")).value()->updated_at_ms, 1000);
        QVERIFY(!store_->find(QStringLiteral("c")).value().has_value());
    }

    void user_edits_survive_updates_and_removal()
    {
        QVERIFY(store_->sync_builtin({builtin("a", "A"), builtin("b", "B")}));
        QVERIFY(store_->save_user_entry(QStringLiteral("a"), builtin("a", "My A").payload));
        QVERIFY(store_->save_user_entry(QStringLiteral("b"), builtin("b", "My B").payload));
        // "a" changes upstream, "b" is dropped upstream: both stay as the user left them.
        StorageResult<CatalogSyncReport> report = store_->sync_builtin({builtin("a", "A v2")});
        QVERIFY2(report, qPrintable(report.message()));
        QCOMPARE(report->kept, 1);
        QCOMPARE(report->removed, 0);
        const CatalogRow a = store_->find(QStringLiteral("a")).value().value();
        QCOMPARE(name_of(a), QStringLiteral("My A"));
        QVERIFY(a.builtin);
        QVERIFY(a.user_edited);
        QCOMPARE(name_of(store_->find(QStringLiteral("b")).value().value()),
                 QStringLiteral("My B"));
    }

    void user_added_entries_are_kept()
    {
        QVERIFY(store_->save_user_entry(QStringLiteral("mine"), builtin("mine", "Mine").payload));
        // A later catalog ships the same key: the user's entry wins.
        StorageResult<CatalogSyncReport> report =
            store_->sync_builtin({builtin("mine", "Shipped"), builtin("x", "X")});
        QVERIFY2(report, qPrintable(report.message()));
        QCOMPARE(report->kept, 1);
        QCOMPARE(report->inserted, 1);
        const CatalogRow mine = store_->find(QStringLiteral("mine")).value().value();
        QVERIFY(!mine.builtin);
        QCOMPARE(name_of(mine), QStringLiteral("Mine"));
        // And a sync without it does not drop it.
        QVERIFY(store_->sync_builtin({}));
        QVERIFY(store_->find(QStringLiteral("mine")).value().has_value());
        QVERIFY(!store_->find(QStringLiteral("x")).value().has_value());
    }

    void remove_reports_missing_entries()
    {
        QVERIFY(store_->sync_builtin({builtin("a", "A")}));
        QVERIFY(store_->remove(QStringLiteral("a")));
        StorageResult<void> again = store_->remove(QStringLiteral("a"));
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StorageErrorKind::NotFound);
        QVERIFY(store_->list().value().empty());
    }

    void a_read_only_database_changes_nothing()
    {
        QVERIFY(store_->sync_builtin({builtin("a", "A")}));
        StorageResult<std::unique_ptr<Database>> reader =
            open_kurabe_database(database_path(dir_.path()), OpenMode::ReadOnly);
        QVERIFY2(reader, qPrintable(reader.message()));
        CatalogStore read_only(**reader);
        StorageResult<CatalogSyncReport> report = read_only.sync_builtin({builtin("b", "B")});
        QVERIFY(!report);
        QCOMPARE(report.error().kind, StorageErrorKind::ReadOnly);
        QCOMPARE(store_->list().value().size(), size_t(1));
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<CatalogStore> store_;
    qint64 now_ms_ = 0;
};

QTEST_GUILESS_MAIN(CatalogStoreTest)
#include "catalog_store_test.moc"
