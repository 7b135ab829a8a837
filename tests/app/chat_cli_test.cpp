// `kurabe chat` against a throwaway profile with the real stories260K model: one exchange
// prints the reference continuation alone on stdout, a second one continues the saved
// conversation, and everything is in the database the GUI reads.
#include "common/kurabe_process.h"
#include "common/test_data.h"
#include "storage/schema/schema.h"
#include "storage/stores/conversation_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using kurabe::test::run_kurabe;

class ChatCliTest : public QObject
{
    Q_OBJECT

    QString model_;
    QJsonObject reference_;

private slots:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        model_ = models + "/real/stories260K.gguf";
        QFile file(kurabe::test::reference_dir() + "/oracle/stories260K.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        reference_ =
            QJsonDocument::fromJson(file.readAll()).object()["cases"].toArray()[0].toObject();
    }

    void oneExchangeThenAnotherInTheSameConversation()
    {
        QTemporaryDir dir;
        const QString n = QString::number(reference_["greedy"].toArray().size());
        const auto first = run_kurabe({"chat", "-m", model_, "--temp", "0", "-n", n, "--message",
                                       "Once upon a time", "--data-dir", dir.path()});
        QVERIFY2(first.exit_code == 0, qPrintable(first.err));
        QCOMPARE(first.out, reference_["greedy_text"].toString() + "\n");
        QVERIFY2(first.err.contains("conversation 1"), qPrintable(first.err));

        const auto second =
            run_kurabe({"chat", "-m", model_, "--temp", "0", "-n", "8", "--conversation", "1",
                        "--message", "The end.", "--json", "--data-dir", dir.path()});
        QVERIFY2(second.exit_code == 0, qPrintable(second.err));
        const QJsonObject json = QJsonDocument::fromJson(second.out.toUtf8()).object();
        QCOMPARE(json["conversation_id"].toInteger(), 1);
        QCOMPARE(json["finish_reason"].toString(), QStringLiteral("length"));
        QCOMPARE(json["tokens_out"].toInteger(), 8);
        QVERIFY(!json["text"].toString().isEmpty());

        // What the GUI will find.
        auto db = kurabe::storage::open_kurabe_database(kurabe::storage::database_path(dir.path()),
                                                        kurabe::storage::OpenMode::ReadOnly);
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        kurabe::storage::ConversationStore store(**db);
        auto path = store.active_path(1);
        QVERIFY(path);
        QCOMPARE(path->size(), size_t(4));
        QCOMPARE((*path)[0].content, QStringLiteral("Once upon a time"));
        QCOMPARE((*path)[1].content, reference_["greedy_text"].toString());
        QCOMPARE((*path)[1].metrics.tokens_out.value_or(-1), reference_["greedy"].toArray().size());
        QCOMPARE((*path)[1].metrics.finish_reason, QStringLiteral("length"));
        QCOMPARE((*path)[1].target["kind"].toString(), QStringLiteral("local"));
        QCOMPARE((*path)[3].content, json["text"].toString());
        auto conversation = store.conversation(1);
        QVERIFY(conversation);
        QCOMPARE(conversation->title, QStringLiteral("Once upon a time"));
    }

    void errorsAreClearAndSaveNothing()
    {
        QTemporaryDir dir;
        const auto missing = run_kurabe(
            {"chat", "-m", dir.path() + "/none.gguf", "--message", "hi", "--data-dir", dir.path()});
        QVERIFY(missing.exit_code != 0);
        QVERIFY2(missing.err.contains("none.gguf"), qPrintable(missing.err));

        const auto unknown = run_kurabe({"chat", "-m", model_, "--conversation", "42", "--message",
                                         "hi", "--data-dir", dir.path()});
        QVERIFY(unknown.exit_code != 0);
        QVERIFY2(!unknown.err.isEmpty(), "no message for an unknown conversation");

        auto db = kurabe::storage::open_kurabe_database(kurabe::storage::database_path(dir.path()),
                                                        kurabe::storage::OpenMode::ReadOnly);
        QVERIFY(db);
        kurabe::storage::ConversationStore store(**db);
        auto count = store.count(kurabe::storage::ArchiveFilter::All);
        QVERIFY(count);
        QCOMPARE(*count, 0);
    }
};

QTEST_GUILESS_MAIN(ChatCliTest)
#include "chat_cli_test.moc"
