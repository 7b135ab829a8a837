// The RAII layer over the SQLite C API: connection settings, typed binding, statement reuse,
// transactions, and the typed errors a user sees.
#include "storage/sqlite/database.h"
#include "storage/sqlite/transaction.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <unistd.h>

using namespace kurabe::storage;

namespace {

std::unique_ptr<Database> open_or_fail(const QString& path, OpenMode mode = OpenMode::ReadWrite)
{
    StorageResult<std::unique_ptr<Database>> opened = Database::open(path, mode);
    if (!opened) {
        qWarning("%s", qPrintable(opened.message()));
        return nullptr;
    }
    return std::move(opened).value();
}

QString pragma_text(Database& database, const char* sql)
{
    StorageResult<Query> query = database.query(sql, QStringLiteral("test"));
    if (!query || !query->next().ok()) {
        return QStringLiteral("<error>");
    }
    return query->text(0);
}

std::int64_t count_rows(Database& database, const char* sql)
{
    StorageResult<Query> query = database.query(sql, QStringLiteral("test"));
    if (!query) {
        return -1;
    }
    StorageResult<bool> row = query->next();
    return row && *row ? query->int64(0) : -1;
}

} // namespace

class SqliteWrapperTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connection_settings_are_set_by_the_wrapper()
    {
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        QCOMPARE(pragma_text(*database, "PRAGMA foreign_keys"), QStringLiteral("1"));
        QCOMPARE(pragma_text(*database, "PRAGMA synchronous"), QStringLiteral("1")); // NORMAL
        QCOMPARE(pragma_text(*database, "PRAGMA busy_timeout"),
                 QString::number(Database::kBusyTimeoutMs));
        QCOMPARE(pragma_text(*database, "PRAGMA journal_mode"), QStringLiteral("delete"));
        QVERIFY(database->enable_write_ahead_log().ok());
        QCOMPARE(pragma_text(*database, "PRAGMA journal_mode"), QStringLiteral("wal"));
    }

    void values_round_trip_data()
    {
        QTest::addColumn<int>("kind"); // 0 int64, 1 real, 2 text, 3 blob, 4 null
        QTest::addColumn<qint64>("integer");
        QTest::addColumn<double>("real");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("blob");
        QTest::addRow("int64 max")
            << 0 << std::numeric_limits<qint64>::max() << 0.0 << QString() << QByteArray();
        QTest::addRow("int64 min")
            << 0 << std::numeric_limits<qint64>::min() << 0.0 << QString() << QByteArray();
        QTest::addRow("real") << 1 << qint64{0} << 12.625 << QString() << QByteArray();
        QTest::addRow("japanese text")
            << 2 << qint64{0} << 0.0 << QStringLiteral("大規模言語モデル 🦙")
            << QByteArray();
        QTest::addRow("empty text") << 2 << qint64{0} << 0.0 << QStringLiteral("") << QByteArray();
        QTest::addRow("blob with zeros")
            << 3 << qint64{0} << 0.0 << QString() << QByteArray("\0\1\2\0", 4);
        QTest::addRow("null") << 4 << qint64{0} << 0.0 << QString() << QByteArray();
    }

    void values_round_trip()
    {
        QFETCH(int, kind);
        QFETCH(qint64, integer);
        QFETCH(double, real);
        QFETCH(QString, text);
        QFETCH(QByteArray, blob);
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        QVERIFY(database->run_script("CREATE TABLE t (v)", QStringLiteral("test")).ok());
        {
            StorageResult<Query> insert =
                database->query("INSERT INTO t (v) VALUES (?)", QStringLiteral("test"));
            QVERIFY(insert);
            switch (kind) {
            case 0:
                insert->bind(static_cast<std::int64_t>(integer));
                break;
            case 1:
                insert->bind(real);
                break;
            case 2:
                insert->bind(text);
                break;
            case 3:
                insert->bind(blob);
                break;
            default:
                insert->bind(std::optional<double>());
                break;
            }
            QVERIFY(insert->run().ok());
        }
        StorageResult<Query> select =
            database->query("SELECT v, typeof(v) FROM t ORDER BY rowid", QStringLiteral("test"));
        QVERIFY(select);
        StorageResult<bool> row = select->next();
        QVERIFY(row && *row);
        switch (kind) {
        case 0:
            QCOMPARE(select->text(1), QStringLiteral("integer"));
            QCOMPARE(select->int64(0), integer);
            QCOMPARE(select->optional_int64(0), std::optional<std::int64_t>(integer));
            break;
        case 1:
            QCOMPARE(select->text(1), QStringLiteral("real"));
            QCOMPARE(select->real(0), real);
            break;
        case 2:
            QCOMPARE(select->text(1), QStringLiteral("text"));
            QCOMPARE(select->text(0), text);
            break;
        case 3:
            QCOMPARE(select->text(1), QStringLiteral("blob"));
            QCOMPARE(select->blob(0), blob);
            break;
        default:
            QVERIFY(select->is_null(0));
            QCOMPARE(select->optional_real(0), std::optional<double>());
            break;
        }
        QCOMPARE(select->next().value(), false);
    }

    void a_statement_in_use_can_be_used_again_inside()
    {
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        QVERIFY(database
                    ->run_script("CREATE TABLE t (v INTEGER NOT NULL); INSERT INTO t VALUES (1), "
                                 "(2), (3)",
                                 QStringLiteral("test"))
                    .ok());
        const char* sql = "SELECT v FROM t WHERE v >= ? ORDER BY v";
        StorageResult<Query> outer = database->query(sql, QStringLiteral("test"));
        QVERIFY(outer);
        outer->bind(1);
        qint64 pairs = 0;
        while (outer->next().value()) {
            StorageResult<Query> inner = database->query(sql, QStringLiteral("test"));
            QVERIFY(inner);
            inner->bind(outer->int64(0));
            while (inner->next().value()) {
                ++pairs;
            }
        }
        QCOMPARE(pairs, qint64{3 + 2 + 1});
        // Reused from the cache after the outer query ended, with its bindings cleared.
        StorageResult<Query> again = database->query(sql, QStringLiteral("test"));
        QVERIFY(again);
        QCOMPARE(again->next().value(), false); // v >= NULL matches nothing
    }

    void transaction_rolls_back_unless_committed()
    {
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        QVERIFY(database->run_script("CREATE TABLE t (v INTEGER NOT NULL)", QStringLiteral("test"))
                    .ok());
        {
            StorageResult<Transaction> transaction =
                Transaction::begin(*database, QStringLiteral("test"));
            QVERIFY(transaction);
            QVERIFY(database->run_script("INSERT INTO t VALUES (1)", QStringLiteral("test")).ok());
        }
        QCOMPARE(count_rows(*database, "SELECT count(*) FROM t"), 0);
        {
            StorageResult<Transaction> transaction =
                Transaction::begin(*database, QStringLiteral("test"));
            QVERIFY(transaction);
            QVERIFY(database->run_script("INSERT INTO t VALUES (2)", QStringLiteral("test")).ok());
            QVERIFY(transaction->commit().ok());
        }
        QCOMPARE(count_rows(*database, "SELECT count(*) FROM t"), 1);
    }

    void foreign_keys_are_enforced()
    {
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        QVERIFY(database
                    ->run_script("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p "
                                 "INTEGER NOT NULL REFERENCES p (id))",
                                 QStringLiteral("test"))
                    .ok());
        StorageResult<void> inserted =
            database->run_script("INSERT INTO c VALUES (7)", QStringLiteral("adding a row"));
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().kind, StorageErrorKind::Constraint);
        QVERIFY2(inserted.message().startsWith(QStringLiteral("adding a row: ")),
                 qPrintable(inserted.message()));
        QVERIFY2(inserted.message().contains(QStringLiteral("FOREIGN KEY")),
                 qPrintable(inserted.message()));
    }

    void a_file_that_is_not_a_database_is_refused()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        StorageResult<std::unique_ptr<Database>> opened = Database::open(path, OpenMode::ReadWrite);
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind, StorageErrorKind::NotADatabase);
        QVERIFY2(opened.message().contains(path + QStringLiteral(" is not a database")),
                 qPrintable(opened.message()));
    }

    void writing_through_a_read_only_connection_says_read_only()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("a.sqlite"));
        {
            auto writer = open_or_fail(path);
            QVERIFY(writer);
            QVERIFY(writer->run_script("CREATE TABLE t (v)", QStringLiteral("test")).ok());
        }
        auto reader = open_or_fail(path, OpenMode::ReadOnly);
        QVERIFY(reader);
        QVERIFY(reader->read_only());
        StorageResult<void> written =
            reader->run_script("INSERT INTO t VALUES (1)", QStringLiteral("saving"));
        QVERIFY(!written);
        QCOMPARE(written.error().kind, StorageErrorKind::ReadOnly);
        QVERIFY2(written.message().contains(QStringLiteral("is read-only")),
                 qPrintable(written.message()));
        QCOMPARE(count_rows(*reader, "SELECT count(*) FROM t"), 0);
    }

    void a_read_only_file_is_refused_for_writing()
    {
        if (::geteuid() == 0) {
            QSKIP("root ignores file permissions");
        }
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("a.sqlite"));
        {
            auto writer = open_or_fail(path);
            QVERIFY(writer);
            QVERIFY(writer->run_script("CREATE TABLE t (v)", QStringLiteral("test")).ok());
        }
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner));
        StorageResult<std::unique_ptr<Database>> opened = Database::open(path, OpenMode::ReadWrite);
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind, StorageErrorKind::ReadOnly);
        QVERIFY2(opened.message().contains(QStringLiteral("is read-only")),
                 qPrintable(opened.message()));
    }

    void a_full_disk_says_so_and_keeps_what_was_committed()
    {
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        QVERIFY(database
                    ->run_script("CREATE TABLE t (v BLOB NOT NULL); INSERT INTO t VALUES (1)",
                                 QStringLiteral("test"))
                    .ok());
        // The page limit makes SQLite report SQLITE_FULL exactly as a full disk does.
        QVERIFY(database->run_script("PRAGMA max_page_count = 8", QStringLiteral("test")).ok());
        StorageResult<Query> insert =
            database->query("INSERT INTO t (v) VALUES (?)", QStringLiteral("saving the answer"));
        QVERIFY(insert);
        insert->bind(QByteArray(64 * 1024, 'a'));
        StorageResult<void> written = insert->run();
        QVERIFY(!written);
        QCOMPARE(written.error().kind, StorageErrorKind::DiskFull);
        QVERIFY2(written.message().startsWith(QStringLiteral("saving the answer: the disk")),
                 qPrintable(written.message()));
        QVERIFY2(written.message().contains(QStringLiteral("is full")),
                 qPrintable(written.message()));
        QCOMPARE(count_rows(*database, "SELECT count(*) FROM t"), 1);
    }

    void bad_sql_is_an_internal_error_with_sqlite_message()
    {
        QTemporaryDir tmp;
        auto database = open_or_fail(tmp.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(database);
        StorageResult<Query> query = database->query("SELEC 1", QStringLiteral("listing"));
        QVERIFY(!query);
        QCOMPARE(query.error().kind, StorageErrorKind::Internal);
        QVERIFY2(query.message().contains(QStringLiteral("syntax error")),
                 qPrintable(query.message()));
    }
};

QTEST_GUILESS_MAIN(SqliteWrapperTest)
#include "sqlite_wrapper_test.moc"
