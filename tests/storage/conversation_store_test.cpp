// ConversationStore: the conversation list, the message tree with its active branch, streamed
// updates and metrics, change signals, and failures that leave everything as it was.
#include "storage/schema/schema.h"
#include "storage/stores/conversation_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

// A database in a temporary directory with a store whose clock advances 1 s per reading.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> database;
    qint64 clock_ms = 1'700'000'000'000;
    std::unique_ptr<ConversationStore> store;

    bool open()
    {
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(database_path(dir.path()), OpenMode::ReadWrite);
        if (!opened) {
            qWarning("%s", qPrintable(opened.message()));
            return false;
        }
        database = std::move(opened).value();
        store = std::make_unique<ConversationStore>(*database, [this] { return clock_ms += 1000; });
        return true;
    }

    qint64 create(const QString& title)
    {
        return store->create(NewConversation{title, {}, {}, {}}).value();
    }

    qint64 add(qint64 conversation, std::optional<qint64> parent, MessageRole role,
               const QString& text)
    {
        return store->add_message(conversation, parent, NewMessage{role, text, {}, {}}).value();
    }

    std::vector<qint64> path_ids(qint64 conversation)
    {
        std::vector<qint64> ids;
        for (const Message& message : store->active_path(conversation).value()) {
            ids.push_back(message.id);
        }
        return ids;
    }

    QStringList titles(const ConversationListQuery& query)
    {
        QStringList result;
        for (const Conversation& conversation : store->list(query).value()) {
            result.append(conversation.title);
        }
        return result;
    }
};

} // namespace

class ConversationStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void create_read_rename_with_signals()
    {
        Fixture f;
        QVERIFY(f.open());
        QSignalSpy changed(f.store.get(), &ConversationStore::conversationChanged);
        const QJsonObject target{{QStringLiteral("kind"), QStringLiteral("provider")},
                                 {QStringLiteral("model"), QStringLiteral("gpt-4o-mini")}};
        const QJsonObject sampling{{QStringLiteral("temperature"), 0.7}};
        StorageResult<qint64> id = f.store->create(
            NewConversation{QStringLiteral("旅行"), QStringLiteral("Be brief."), target, sampling});
        QVERIFY2(id, qPrintable(id.message()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toLongLong(), *id);
        QVERIFY(f.store->rename(*id, QStringLiteral("京都旅行")).ok());
        QCOMPARE(changed.count(), 2);
        const Conversation read = f.store->conversation(*id).value();
        QCOMPARE(read.title, QStringLiteral("京都旅行"));
        QCOMPARE(read.system_prompt, QStringLiteral("Be brief."));
        QCOMPARE(read.default_target, target);
        QCOMPARE(read.default_sampling, sampling);
        QCOMPARE(read.created_at_ms, f.clock_ms - 1000);
        QCOMPARE(read.updated_at_ms, f.clock_ms);
        QVERIFY(!read.pinned);
        QVERIFY(!read.archived);
    }

    void missing_rows_are_not_found()
    {
        Fixture f;
        QVERIFY(f.open());
        QSignalSpy changed(f.store.get(), &ConversationStore::conversationChanged);
        StorageResult<void> renamed = f.store->rename(42, QStringLiteral("x"));
        QVERIFY(!renamed);
        QCOMPARE(renamed.error().kind, StorageErrorKind::NotFound);
        QCOMPARE(renamed.message(),
                 QStringLiteral("renaming conversation 42: conversation 42 does not exist"));
        StorageResult<qint64> added =
            f.store->add_message(42, std::nullopt, NewMessage{MessageRole::User, {}, {}, {}});
        QCOMPARE(added.error().kind, StorageErrorKind::NotFound);
        QCOMPARE(f.store->message(7).error().kind, StorageErrorKind::NotFound);
        QCOMPARE(changed.count(), 0);
    }

    void list_orders_pinned_then_recent_in_pages()
    {
        Fixture f;
        QVERIFY(f.open());
        const qint64 a = f.create(QStringLiteral("a"));
        const qint64 b = f.create(QStringLiteral("b"));
        const qint64 c = f.create(QStringLiteral("c"));
        const qint64 d = f.create(QStringLiteral("d"));
        f.create(QStringLiteral("e"));
        QVERIFY(f.store->set_pinned(b, true).ok());
        QVERIFY(f.store->set_archived(d, true).ok());
        f.add(a, std::nullopt, MessageRole::User, QStringLiteral("activity moves a up"));
        QCOMPARE(f.titles({ArchiveFilter::NotArchived, 0, 50}), QStringList({"b", "a", "e", "c"}));
        QCOMPARE(f.titles({ArchiveFilter::NotArchived, 1, 2}), QStringList({"a", "e"}));
        QCOMPARE(f.titles({ArchiveFilter::NotArchived, 4, 2}), QStringList());
        QCOMPARE(f.titles({ArchiveFilter::ArchivedOnly, 0, 50}), QStringList({"d"}));
        QCOMPARE(f.titles({ArchiveFilter::All, 0, 50}), QStringList({"b", "a", "e", "d", "c"}));
        QCOMPARE(f.store->count(ArchiveFilter::NotArchived).value(), 4);
        QCOMPARE(f.store->count(ArchiveFilter::ArchivedOnly).value(), 1);
        QCOMPARE(f.store->count(ArchiveFilter::All).value(), 5);
        QVERIFY(f.store->remove(c).ok());
        QCOMPARE(f.store->count(ArchiveFilter::All).value(), 4);
        QCOMPARE(f.store->conversation(c).error().kind, StorageErrorKind::NotFound);
    }

    void branches_remember_the_active_child()
    {
        Fixture f;
        QVERIFY(f.open());
        const qint64 chat = f.create(QStringLiteral("tree"));
        QSignalSpy messages(f.store.get(), &ConversationStore::messagesChanged);
        const qint64 u1 = f.add(chat, std::nullopt, MessageRole::User, QStringLiteral("q"));
        const qint64 a1 = f.add(chat, u1, MessageRole::Assistant, QStringLiteral("first"));
        const qint64 u2 = f.add(chat, a1, MessageRole::User, QStringLiteral("follow-up"));
        QCOMPARE(f.path_ids(chat), std::vector<qint64>({u1, a1, u2}));
        // Regenerate: a sibling of a1 becomes active.
        const qint64 a2 = f.add(chat, u1, MessageRole::Assistant, QStringLiteral("second"));
        QCOMPARE(f.path_ids(chat), std::vector<qint64>({u1, a2}));
        MessageSiblings siblings = f.store->siblings(a1).value();
        QCOMPARE(siblings.ids, std::vector<qint64>({a1, a2}));
        QCOMPARE(siblings.active_index, 1);
        // Back to the first answer: its own follow-up is still there.
        QVERIFY(f.store->set_active(a1).ok());
        QCOMPARE(f.path_ids(chat), std::vector<qint64>({u1, a1, u2}));
        QCOMPARE(f.store->siblings(a2).value().active_index, 0);
        // Edit the first question: a new root.
        const qint64 u1b = f.add(chat, std::nullopt, MessageRole::User, QStringLiteral("q2"));
        QCOMPARE(f.path_ids(chat), std::vector<qint64>({u1b}));
        siblings = f.store->siblings(u1).value();
        QCOMPARE(siblings.ids, std::vector<qint64>({u1, u1b}));
        QCOMPARE(siblings.active_index, 1);
        QVERIFY(f.store->set_active(u1).ok());
        QCOMPARE(f.path_ids(chat), std::vector<qint64>({u1, a1, u2}));
        QCOMPARE(messages.count(), 7);
        QCOMPARE(messages.at(0).at(0).toLongLong(), chat);
        // Deleting the active answer deletes its subtree; the newest sibling takes over.
        QVERIFY(f.store->remove_message(a1).ok());
        QCOMPARE(f.store->message(u2).error().kind, StorageErrorKind::NotFound);
        QCOMPARE(f.path_ids(chat), std::vector<qint64>({u1, a2}));
        // Deleting the conversation deletes every message.
        QVERIFY(f.store->remove(chat).ok());
        QCOMPARE(f.store->message(a2).error().kind, StorageErrorKind::NotFound);
    }

    void a_parent_from_another_conversation_is_refused()
    {
        Fixture f;
        QVERIFY(f.open());
        const qint64 one = f.create(QStringLiteral("one"));
        const qint64 two = f.create(QStringLiteral("two"));
        const qint64 root = f.add(one, std::nullopt, MessageRole::User, QStringLiteral("q"));
        StorageResult<qint64> added =
            f.store->add_message(two, root, NewMessage{MessageRole::Assistant, {}, {}, {}});
        QVERIFY(!added);
        QCOMPARE(added.error().kind, StorageErrorKind::InvalidArgument);
        QVERIFY2(added.message().contains(QStringLiteral("belongs to conversation")),
                 qPrintable(added.message()));
        QVERIFY(f.store->active_path(two).value().empty());
    }

    void streamed_text_and_metrics_round_trip()
    {
        Fixture f;
        QVERIFY(f.open());
        const qint64 chat = f.create(QStringLiteral("metrics"));
        const qint64 question = f.add(chat, std::nullopt, MessageRole::User, QStringLiteral("q"));
        const QJsonObject target{{QStringLiteral("kind"), QStringLiteral("local")},
                                 {QStringLiteral("backend"), QStringLiteral("vulkan")}};
        const qint64 answer =
            f.store
                ->add_message(chat, question,
                              NewMessage{MessageRole::Assistant,
                                         {},
                                         target,
                                         QJsonObject{{QStringLiteral("seed"), 42}}})
                .value();
        QVERIFY(f.store->update_message_content(answer, QStringLiteral("一日目は")).ok());
        Message partial = f.store->message(answer).value();
        QCOMPARE(partial.content, QStringLiteral("一日目は"));
        QVERIFY(partial.metrics.finish_reason.isEmpty());
        QVERIFY(!partial.metrics.tokens_out);
        MessageMetrics metrics;
        metrics.tokens_in = 18;
        metrics.tokens_out = 12;
        metrics.ttft_ms = 85.5;
        metrics.tokens_per_s = 41.25;
        metrics.finish_reason = QStringLiteral("stop");
        QVERIFY(
            f.store->finish_message(answer, QStringLiteral("一日目は伏見稲荷へ。"), metrics).ok());
        const Message done = f.store->message(answer).value();
        QCOMPARE(done.content, QStringLiteral("一日目は伏見稲荷へ。"));
        QCOMPARE(done.role, MessageRole::Assistant);
        QCOMPARE(done.parent_id, std::optional<qint64>(question));
        QCOMPARE(done.target, target);
        QCOMPARE(done.sampling.value(QStringLiteral("seed")).toInt(), 42);
        QCOMPARE(done.metrics.tokens_in, std::optional<qint64>(18));
        QCOMPARE(done.metrics.tokens_out, std::optional<qint64>(12));
        QCOMPARE(done.metrics.ttft_ms, std::optional<double>(85.5));
        QCOMPARE(done.metrics.tokens_per_s, std::optional<double>(41.25));
        QCOMPARE(done.metrics.cost_usd, std::optional<double>()); // local: no cost
        QCOMPARE(done.metrics.finish_reason, QStringLiteral("stop"));
        QCOMPARE(f.store->conversation(chat).value().updated_at_ms, done.updated_at_ms);
    }

    void a_read_only_database_says_so_and_changes_nothing()
    {
        Fixture f;
        QVERIFY(f.open());
        const qint64 chat = f.create(QStringLiteral("kept"));
        StorageResult<std::unique_ptr<Database>> reader =
            open_kurabe_database(database_path(f.dir.path()), OpenMode::ReadOnly);
        QVERIFY2(reader, qPrintable(reader.message()));
        ConversationStore store(**reader);
        QSignalSpy changed(&store, &ConversationStore::conversationChanged);
        StorageResult<void> renamed = store.rename(chat, QStringLiteral("lost"));
        QVERIFY(!renamed);
        QCOMPARE(renamed.error().kind, StorageErrorKind::ReadOnly);
        QVERIFY2(renamed.message().startsWith(QStringLiteral("renaming conversation")),
                 qPrintable(renamed.message()));
        QVERIFY2(renamed.message().contains(QStringLiteral("is read-only")),
                 qPrintable(renamed.message()));
        StorageResult<qint64> added =
            store.add_message(chat, std::nullopt, NewMessage{MessageRole::User, {}, {}, {}});
        QCOMPARE(added.error().kind, StorageErrorKind::ReadOnly);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(store.conversation(chat).value().title, QStringLiteral("kept"));
    }

    void a_full_disk_keeps_the_last_saved_text()
    {
        Fixture f;
        QVERIFY(f.open());
        const qint64 chat = f.create(QStringLiteral("full"));
        const qint64 answer =
            f.add(chat, std::nullopt, MessageRole::Assistant, QStringLiteral("saved"));
        QSignalSpy messages(f.store.get(), &ConversationStore::messagesChanged);
        StorageResult<Query> pages = f.database->query("PRAGMA page_count", QStringLiteral("test"));
        QVERIFY(pages && pages->next().value());
        const QByteArray limit = "PRAGMA max_page_count = " + QByteArray::number(pages->int64(0));
        // The page limit makes SQLite report SQLITE_FULL exactly as a full disk does.
        QVERIFY(f.database->run_script(limit.constData(), QStringLiteral("test")).ok());
        StorageResult<void> saved =
            f.store->update_message_content(answer, QString(200'000, QLatin1Char('x')));
        QVERIFY(!saved);
        QCOMPARE(saved.error().kind, StorageErrorKind::DiskFull);
        QVERIFY2(saved.message().contains(QStringLiteral("is full; free some space")),
                 qPrintable(saved.message()));
        QCOMPARE(messages.count(), 0);
        QCOMPARE(f.store->message(answer).value().content, QStringLiteral("saved"));
    }
};

QTEST_GUILESS_MAIN(ConversationStoreTest)
#include "conversation_store_test.moc"
