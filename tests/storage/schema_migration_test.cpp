// Opening Kurabe's database: an empty file is brought to the current schema, a current file is
// left as it is, and files this build must not touch (newer, foreign, not a database) are
// refused without a byte changed.
#include "storage/schema/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

QByteArray file_bytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// The schema as SQLite stores it, object by object: equal dumps mean an unchanged schema.
QStringList schema_dump(Database& database)
{
    QStringList dump;
    StorageResult<Query> query = database.query(
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY "
        "type, name",
        QStringLiteral("test"));
    if (!query) {
        return {query.message()};
    }
    while (query->next().value()) {
        dump.append(query->text(0));
    }
    return dump;
}

std::int64_t single_integer(Database& database, const char* sql)
{
    StorageResult<Query> query = database.query(sql, QStringLiteral("test"));
    if (!query) {
        return -1;
    }
    StorageResult<bool> row = query->next();
    return row && *row ? query->int64(0) : -1;
}

// A plain SQLite file with `sql` run in it (rollback journal, as another program would make).
bool make_file(const QString& path, const char* sql)
{
    StorageResult<std::unique_ptr<Database>> opened = Database::open(path, OpenMode::ReadWrite);
    return opened && (*opened)->run_script(sql, QStringLiteral("making a fixture")).ok();
}

} // namespace

class SchemaMigrationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void an_empty_file_becomes_the_current_schema()
    {
        QTemporaryDir tmp;
        const QString path = database_path(tmp.path());
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(path, OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        Database& database = **opened;
        QCOMPARE(schema_version(database).value(), kSchemaVersion);
        QCOMPARE(single_integer(database, "SELECT value FROM schema_meta WHERE key = "
                                          "'compatible_version'"),
                 1);
        StorageResult<Query> mode = database.query("PRAGMA journal_mode", QStringLiteral("test"));
        QVERIFY(mode && mode->next().value());
        QCOMPARE(mode->text(0), QStringLiteral("wal"));
        QCOMPARE(single_integer(database, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        StorageResult<Query> integrity =
            database.query("PRAGMA integrity_check", QStringLiteral("test"));
        QVERIFY(integrity && integrity->next().value());
        QCOMPARE(integrity->text(0), QStringLiteral("ok"));
    }

    void a_current_file_opened_again_is_unchanged()
    {
        QTemporaryDir tmp;
        const QString path = database_path(tmp.path());
        QStringList first_schema;
        {
            StorageResult<std::unique_ptr<Database>> opened =
                open_kurabe_database(path, OpenMode::ReadWrite);
            QVERIFY2(opened, qPrintable(opened.message()));
            first_schema = schema_dump(**opened);
        }
        const QByteArray before = file_bytes(path);
        QVERIFY(!before.isEmpty());
        {
            StorageResult<std::unique_ptr<Database>> opened =
                open_kurabe_database(path, OpenMode::ReadWrite);
            QVERIFY2(opened, qPrintable(opened.message()));
            QCOMPARE(schema_dump(**opened), first_schema);
        }
        QCOMPARE(file_bytes(path), before);
    }

    void the_version_1_fixture_opens_with_its_data()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("kurabe.sqlite"));
        QVERIFY(QFile::copy(
            QStringLiteral(KURABE_SOURCE_DIR "/tests/storage/fixtures/kurabe_v1.sqlite"), path));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(path, OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        Database& database = **opened;
        QCOMPARE(schema_version(database).value(), kSchemaVersion);
        StorageResult<Query> query = database.query(
            "SELECT c.title, m.content, m.tokens_per_s FROM conversations c JOIN messages m ON "
            "m.conversation_id = c.id WHERE m.parent_id IS NOT NULL ORDER BY m.id",
            QStringLiteral("test"));
        QVERIFY(query && query->next().value());
        QCOMPARE(query->text(0), QStringLiteral("旅行の計画"));
        QCOMPARE(query->text(1), QStringLiteral("一日目は伏見稲荷大社へ。"));
        QCOMPARE(query->real(2), 41.25);
        // The fixture is a true version 1 file: its schema is the one the code makes.
        QTemporaryDir fresh_dir;
        StorageResult<std::unique_ptr<Database>> fresh =
            open_kurabe_database(database_path(fresh_dir.path()), OpenMode::ReadWrite);
        QVERIFY2(fresh, qPrintable(fresh.message()));
        QCOMPARE(schema_dump(database), schema_dump(**fresh));
    }

    // Version 2 added result measurements, pair votes and tags. A comparison written by
    // version 1 code keeps its rows; the new columns read as "not measured" and an empty object.
    void a_version_1_comparison_upgrades_to_version_2()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("kurabe.sqlite"));
        QVERIFY(QFile::copy(
            QStringLiteral(KURABE_SOURCE_DIR "/tests/storage/fixtures/kurabe_v1.sqlite"), path));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(make_file(
            path, "INSERT INTO comparisons (id, title, created_at, updated_at) VALUES (7, 'v1', 1, "
                  "1); INSERT INTO comparison_targets (id, comparison_id, position, label, target) "
                  "VALUES (70, 7, 0, 'A', '{}'), (71, 7, 1, 'B', '{}'); INSERT INTO "
                  "comparison_prompts (id, comparison_id, position, content) VALUES (700, 7, 0, "
                  "'hi'); INSERT INTO comparison_results (comparison_id, prompt_id, target_id, "
                  "content, created_at, updated_at, tokens_per_s) VALUES (7, 700, 70, 'hello', 1, "
                  "1, 12.5)"));
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(path, OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        Database& database = **opened;
        QCOMPARE(schema_version(database).value(), 2);
        StorageResult<Query> query = database.query(
            "SELECT content, tokens_per_s, prompt_tokens_per_s IS NULL, wall_ms IS NULL, details "
            "FROM comparison_results ORDER BY id",
            QStringLiteral("test"));
        QVERIFY(query && query->next().value());
        QCOMPARE(query->text(0), QStringLiteral("hello"));
        QCOMPARE(query->real(1), 12.5);
        QCOMPARE(query->int64(2), 1);
        QCOMPARE(query->int64(3), 1);
        QCOMPARE(query->text(4), QStringLiteral("{}"));
        // The new tables take rows and enforce their constraints.
        QVERIFY(database
                    .run_script("INSERT INTO comparison_pair_votes (comparison_id, prompt_id, "
                                "target_a_id, target_b_id, outcome, created_at) VALUES (7, 700, "
                                "70, 71, 'both_bad', 2); INSERT INTO comparison_tags VALUES (7, "
                                "'travel')",
                                QStringLiteral("test"))
                    .ok());
        QVERIFY(!database
                     .run_script("INSERT INTO comparison_pair_votes (comparison_id, prompt_id, "
                                 "target_a_id, target_b_id, outcome, created_at) VALUES (7, 700, "
                                 "70, 71, 'a_wins', 2)",
                                 QStringLiteral("test"))
                     .ok());
        // Only additions: version 1 code may still open the file.
        QCOMPARE(single_integer(database,
                                "SELECT value FROM schema_meta WHERE key = 'compatible_version'"),
                 1);
    }

    void refused_files_are_left_unchanged_data()
    {
        QTest::addColumn<QByteArray>("sql"); // empty: the file is not a database
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::addRow("newer schema")
            << QByteArray("CREATE TABLE future (x INTEGER NOT NULL); PRAGMA user_version = 999")
            << static_cast<int>(StorageErrorKind::TooNew)
            << QStringLiteral("written by a newer Kurabe (database schema version 999");
        QTest::addRow("newer schema, incompatible")
            << QByteArray("CREATE TABLE schema_meta (key TEXT PRIMARY KEY NOT NULL, value "
                          "INTEGER NOT NULL); INSERT INTO schema_meta VALUES "
                          "('compatible_version', 3); PRAGMA user_version = 4")
            << static_cast<int>(StorageErrorKind::TooNew) << QStringLiteral("update Kurabe");
        QTest::addRow("another program's database")
            << QByteArray("CREATE TABLE bookmarks (url TEXT NOT NULL)")
            << static_cast<int>(StorageErrorKind::NotADatabase)
            << QStringLiteral("another program");
        QTest::addRow("not a database")
            << QByteArray() << static_cast<int>(StorageErrorKind::NotADatabase)
            << QStringLiteral("is not a database");
    }

    void refused_files_are_left_unchanged()
    {
        QFETCH(QByteArray, sql);
        QFETCH(int, kind);
        QFETCH(QString, says);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("kurabe.sqlite"));
        if (sql.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Kurabe notes, not SQLite.\n" + QByteArray(4096, '.'));
        } else {
            QVERIFY(make_file(path, sql.constData()));
        }
        const QByteArray before = file_bytes(path);
        for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
            StorageResult<std::unique_ptr<Database>> opened = open_kurabe_database(path, mode);
            QVERIFY(!opened);
            QCOMPARE(static_cast<int>(opened.error().kind), kind);
            QVERIFY2(opened.message().contains(says), qPrintable(opened.message()));
            QVERIFY2(opened.message().contains(path), qPrintable(opened.message()));
        }
        QCOMPARE(file_bytes(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void a_newer_but_compatible_file_is_used_without_migrating()
    {
        QTemporaryDir tmp;
        const QString path = database_path(tmp.path());
        {
            StorageResult<std::unique_ptr<Database>> opened =
                open_kurabe_database(path, OpenMode::ReadWrite);
            QVERIFY2(opened, qPrintable(opened.message()));
            // What a later Kurabe that only added a table would leave behind.
            QVERIFY((*opened)
                        ->run_script("CREATE TABLE added_later (x INTEGER NOT NULL); PRAGMA "
                                     "user_version = 3",
                                     QStringLiteral("test"))
                        .ok());
        }
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(path, OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        QCOMPARE(schema_version(**opened).value(), 3);
    }

    void read_only_never_creates_or_upgrades()
    {
        QTemporaryDir tmp;
        const QString path = database_path(tmp.path());
        QVERIFY(make_file(path, "PRAGMA user_version = 0"));
        const QByteArray before = file_bytes(path);
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(path, OpenMode::ReadOnly);
        QVERIFY(!opened);
        QVERIFY2(opened.message().contains(QStringLiteral("must be upgraded")),
                 qPrintable(opened.message()));
        QCOMPARE(file_bytes(path), before);
    }
};

QTEST_GUILESS_MAIN(SchemaMigrationTest)
#include "schema_migration_test.moc"
