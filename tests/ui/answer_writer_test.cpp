// Saving a streaming answer: with the storage writer, appends and the final save return at
// once even while the writer is busy (the UI thread never waits on the disk), `done` follows
// only once the answer is on disk, and the text and metrics are then read back through the
// UI's own connection; without a writer (the terminal) everything is written on the spot.
#include "app/chat/answer_writer.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe;

namespace {

struct Profile
{
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::ConversationStore> store;
    qint64 answer = 0;
};

Profile open_profile(const QString& dir)
{
    Profile p;
    auto database =
        storage::open_kurabe_database(storage::database_path(dir), storage::OpenMode::ReadWrite);
    if (!database)
        return p;
    p.database = std::move(*database);
    p.store = std::make_unique<storage::ConversationStore>(*p.database);
    const auto conversation = p.store->create({QStringLiteral("t"), {}, {}, {}});
    if (!conversation)
        return p;
    storage::NewMessage question;
    question.content = QStringLiteral("Once upon a time");
    const auto asked = p.store->add_message(*conversation, std::nullopt, question);
    if (!asked)
        return p;
    storage::NewMessage answer;
    answer.role = storage::MessageRole::Assistant;
    const auto answered = p.store->add_message(*conversation, *asked, answer);
    if (answered)
        p.answer = *answered;
    return p;
}

storage::MessageMetrics finished_metrics()
{
    storage::MessageMetrics m;
    m.tokens_in = 5;
    m.tokens_out = 3;
    m.finish_reason = QStringLiteral("length");
    return m;
}

} // namespace

class AnswerWriterTest : public QObject
{
    Q_OBJECT

private slots:
    void writesOnTheWriterThreadWithoutWaiting()
    {
        QTemporaryDir dir;
        Profile p = open_profile(dir.path());
        QVERIFY(p.answer != 0);
        auto writer = storage::StorageWriter::open(storage::database_path(dir.path()));
        QVERIFY2(writer, qPrintable(writer.message()));

        // The writer is busy with something else until `release` is given.
        QSemaphore release;
        (*writer)->post([&release](storage::Database&) { release.acquire(); });

        app::AnswerWriter saver(*p.store, writer->get(), p.answer);
        QSignalSpy errors(&saver, &app::AnswerWriter::storageError);
        bool done = false;
        saver.append(QStringLiteral(" there was"));
        QTest::qWait(int(storage::AnswerSaver::kSaveInterval.count()) + 20);
        saver.append(QStringLiteral(" a girl")); // old enough: queued for the writer
        saver.finish(finished_metrics(), [&] { done = true; });
        // Nothing waited for the busy writer, and nothing is on disk yet.
        QVERIFY(!done);
        QCOMPARE(p.store->message(p.answer)->content, QString());

        release.release();
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(errors.isEmpty());
        const storage::Message saved = *p.store->message(p.answer);
        QCOMPARE(saved.content, QStringLiteral(" there was a girl"));
        QCOMPARE(saved.metrics.finish_reason, QStringLiteral("length"));
        QCOMPARE(saved.metrics.tokens_out.value_or(-1), qint64(3));
    }

    void withoutAWriterSavesOnTheSpot()
    {
        QTemporaryDir dir;
        Profile p = open_profile(dir.path());
        QVERIFY(p.answer != 0);
        app::AnswerWriter saver(*p.store, nullptr, p.answer);
        saver.append(QStringLiteral("Hello"));
        saver.flush();
        QCOMPARE(p.store->message(p.answer)->content, QStringLiteral("Hello"));
        bool done = false;
        saver.append(QStringLiteral(", world"));
        saver.finish(finished_metrics(), [&] { done = true; });
        QVERIFY(done);
        QCOMPARE(p.store->message(p.answer)->content, QStringLiteral("Hello, world"));
        QCOMPARE(p.store->message(p.answer)->metrics.tokens_in.value_or(-1), qint64(5));
    }

    void aFlushQueuedBeforeDestructionStillLands()
    {
        QTemporaryDir dir;
        Profile p = open_profile(dir.path());
        QVERIFY(p.answer != 0);
        auto writer = storage::StorageWriter::open(storage::database_path(dir.path()));
        QVERIFY(writer);
        {
            app::AnswerWriter saver(*p.store, writer->get(), p.answer);
            saver.append(QStringLiteral("kept"));
            saver.flush();
        }
        (*writer)->wait_until_idle();
        QCOMPARE(p.store->message(p.answer)->content, QStringLiteral("kept"));
    }
};

QTEST_GUILESS_MAIN(AnswerWriterTest)
#include "answer_writer_test.moc"
