// StorageWriter: one connection on its own thread runs queued jobs in order, hands results back
// as futures or as callbacks on the caller's thread, drains its queue when destroyed, and
// reports a full disk as a StorageError while the caller's data stays in memory.
#include "storage/schema/schema.h"
#include "storage/service/storage_writer.h"
#include "storage/stores/answer_saver.h"
#include "storage/stores/conversation_store.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace kurabe::storage;

namespace {

std::unique_ptr<StorageWriter> open_writer(const QString& path)
{
    StorageResult<std::unique_ptr<StorageWriter>> opened = StorageWriter::open(path);
    if (!opened) {
        qWarning("%s", qPrintable(opened.message()));
        return nullptr;
    }
    return std::move(opened).value();
}

qint64 count_rows(Database& database, const char* sql)
{
    StorageResult<Query> query = database.query(sql, QStringLiteral("test"));
    if (!query) {
        return -1;
    }
    StorageResult<bool> row = query->next();
    return row && *row ? query->int64(0) : -1;
}

// A conversation with an empty answer message, made through the queue.
std::pair<qint64, qint64> conversation_with_answer(StorageWriter& writer)
{
    return writer
        .submit([](Database& database) {
            ConversationStore store(database);
            const qint64 conversation = store.create(NewConversation{}).value();
            const qint64 answer = store
                                      .add_message(conversation, std::nullopt,
                                                   NewMessage{MessageRole::Assistant, {}, {}, {}})
                                      .value();
            return std::make_pair(conversation, answer);
        })
        .result();
}

} // namespace

class StorageWriterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobs_run_in_order_on_the_writer_thread()
    {
        QTemporaryDir dir;
        auto writer = open_writer(database_path(dir.path()));
        QVERIFY(writer);
        std::vector<int> order; // touched only by jobs, on the writer thread
        std::vector<QThread*> threads;
        for (int i = 0; i < 300; ++i) {
            writer->post([&order, &threads, i](Database&) {
                order.push_back(i);
                threads.push_back(QThread::currentThread());
            });
        }
        writer->wait_until_idle();
        QCOMPARE(order.size(), size_t{300});
        for (int i = 0; i < 300; ++i) {
            QCOMPARE(order[static_cast<size_t>(i)], i);
            QCOMPARE(threads[static_cast<size_t>(i)], writer->thread());
        }
        QVERIFY(writer->thread() != QThread::currentThread());
        QCOMPARE(writer->thread()->objectName(), QStringLiteral("kurabe-storage-writer"));
    }

    void a_result_comes_back_as_a_future()
    {
        QTemporaryDir dir;
        auto writer = open_writer(database_path(dir.path()));
        QVERIFY(writer);
        QFuture<StorageResult<qint64>> created = writer->submit([](Database& database) {
            return ConversationStore(database).create(
                NewConversation{QStringLiteral("未来"), {}, {}, {}});
        });
        const StorageResult<qint64> id = created.result();
        QVERIFY2(id, qPrintable(id.message()));
        // A reader connection of its own sees the committed row (WAL: beside the writer).
        StorageResult<std::unique_ptr<Database>> reader = writer->open_reader();
        QVERIFY2(reader, qPrintable(reader.message()));
        QVERIFY((*reader)->read_only());
        QCOMPARE(ConversationStore(**reader).conversation(*id).value().title,
                 QStringLiteral("未来"));
    }

    void a_callback_runs_on_the_callers_thread()
    {
        QTemporaryDir dir;
        auto writer = open_writer(database_path(dir.path()));
        QVERIFY(writer);
        QObject context;
        QThread* called_on = nullptr;
        std::optional<StorageResult<qint64>> answer;
        writer->submit(
            [](Database& database) {
                return ConversationStore(database).count(ArchiveFilter::All);
            },
            &context,
            [&](StorageResult<qint64> result) {
                called_on = QThread::currentThread();
                answer = std::move(result);
            });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(called_on, QThread::currentThread());
        QCOMPARE(answer->value(), 0);
    }

    void errors_come_back_as_values()
    {
        QTemporaryDir dir;
        auto writer = open_writer(database_path(dir.path()));
        QVERIFY(writer);
        StorageResult<void> renamed =
            writer
                ->submit([](Database& database) {
                    return ConversationStore(database).rename(42, QStringLiteral("x"));
                })
                .result();
        QVERIFY(!renamed);
        QCOMPARE(renamed.error().kind, StorageErrorKind::NotFound);
    }

    void destroying_the_writer_runs_every_queued_job()
    {
        QTemporaryDir dir;
        const QString path = database_path(dir.path());
        {
            auto writer = open_writer(path);
            QVERIFY(writer);
            for (int i = 0; i < 500; ++i) {
                writer->post([i](Database& database) {
                    (void)ConversationStore(database).create(
                        NewConversation{QString::number(i), {}, {}, {}});
                });
            }
        } // no wait: the destructor drains the queue
        StorageResult<std::unique_ptr<Database>> database =
            open_kurabe_database(path, OpenMode::ReadOnly);
        QVERIFY2(database, qPrintable(database.message()));
        QCOMPARE(count_rows(**database, "SELECT count(*) FROM conversations"), 500);
        QCOMPARE(count_rows(**database, "SELECT max(CAST(title AS INTEGER)) FROM conversations"),
                 499);
    }

    void opening_a_folder_that_cannot_hold_the_file_fails_clearly()
    {
        QTemporaryDir dir;
        StorageResult<std::unique_ptr<StorageWriter>> opened =
            StorageWriter::open(dir.filePath(QStringLiteral("missing/folder/kurabe.sqlite")));
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind, StorageErrorKind::CannotOpen);
        QVERIFY2(opened.message().contains(QStringLiteral("missing/folder")),
                 qPrintable(opened.message()));
    }

    // The queued path of "a full disk gives a clear error and keeps the in-memory state": an
    // answer streams through jobs into an AnswerSaver that lives on the writer thread; the disk
    // fills up; the flush reports DiskFull to the caller, the saver still holds every piece, and
    // once space is back the whole text is saved.
    void a_full_disk_through_the_queue_keeps_the_text_in_memory()
    {
        QTemporaryDir dir;
        auto writer = open_writer(database_path(dir.path()));
        QVERIFY(writer);
        const auto [conversation, answer] = conversation_with_answer(*writer);
        auto store = std::make_shared<std::unique_ptr<ConversationStore>>();
        auto saver = std::make_shared<std::unique_ptr<AnswerSaver>>();
        writer->post([store, saver, answer = answer](Database& database) {
            *store = std::make_unique<ConversationStore>(database);
            *saver = std::make_unique<AnswerSaver>(**store, answer);
        });
        QVERIFY(writer
                    ->submit([](Database& database) {
                        // The page limit makes SQLite report SQLITE_FULL as a full disk does.
                        return database.run_script("PRAGMA max_page_count = 60",
                                                   QStringLiteral("t"));
                    })
                    .result()
                    .ok());
        const QString piece = QStringLiteral("長い答え。").repeated(2000); // 10,000 chars
        for (int i = 0; i < 40; ++i) {
            writer->post([saver, piece](Database&) { (void)(*saver)->append(piece); });
        }
        const StorageResult<void> flushed =
            writer->submit([saver](Database&) { return (*saver)->flush(); }).result();
        QVERIFY(!flushed);
        QCOMPARE(flushed.error().kind, StorageErrorKind::DiskFull);
        QVERIFY2(flushed.message().contains(QStringLiteral("is full")),
                 qPrintable(flushed.message()));
        const qsizetype in_memory =
            writer->submit([saver](Database&) { return (*saver)->text().size(); }).result();
        QCOMPARE(in_memory, 40 * piece.size());

        const StorageResult<void> finished =
            writer
                ->submit([saver](Database& database) {
                    (void)database.run_script("PRAGMA max_page_count = 1000000",
                                              QStringLiteral("t"));
                    MessageMetrics metrics;
                    metrics.finish_reason = QStringLiteral("stop");
                    return (*saver)->finish(metrics);
                })
                .result();
        QVERIFY2(finished, qPrintable(finished.message()));
        writer->post([store, saver](Database&) {
            saver->reset(); // the saver and store die on the thread that used them
            store->reset();
        });
        StorageResult<std::unique_ptr<Database>> reader = writer->open_reader();
        QVERIFY2(reader, qPrintable(reader.message()));
        writer->wait_until_idle();
        QCOMPARE(ConversationStore(**reader).message(answer).value().content, piece.repeated(40));
    }
};

QTEST_GUILESS_MAIN(StorageWriterTest)
#include "storage_writer_test.moc"
