// SearchIndex: trigram matches in any script, ranked hits with their conversation and a marked
// snippet, an index that follows edits and deletions, short queries, and user text that is
// never read as FTS5 syntax.
#include "storage/schema/schema.h"
#include "storage/search/search_index.h"
#include "storage/stores/conversation_store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

QString marked(const QString& text)
{
    return kSearchMatchStart + text + kSearchMatchEnd;
}

} // namespace

class SearchIndexTest : public QObject
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
        conversations_ = std::make_unique<ConversationStore>(*database_);
        index_ = std::make_unique<SearchIndex>(*database_);
        llm_ = conversations_->create({QStringLiteral("LLMとは"), {}, {}, {}}).value();
        llm_message_ = add(llm_, QStringLiteral("大規模言語モデル (LLM) は、大量のテキストで"
                                                "学習したモデルです。"));
        kyoto_ = conversations_->create({QStringLiteral("Kyoto trip"), {}, {}, {}}).value();
        kyoto_message_ = add(kyoto_, QStringLiteral("Kyoto in autumn: Kyoto temples, Kyoto "
                                                    "food. 100% worth it, said the AI."));
        add(kyoto_, QStringLiteral("A long answer about travel in general that mentions kyoto "
                                   "only once, somewhere in the middle of many other words "
                                   "about trains, hotels, money and luggage."));
    }

    void cleanup()
    {
        index_.reset();
        conversations_.reset();
        database_.reset();
        QFile::remove(database_path(dir_.path()));
    }

    void japanese_substrings_match()
    {
        const std::vector<SearchHit> hits =
            index_->search(QStringLiteral("言語モデル"), 10).value();
        QCOMPARE(hits.size(), size_t{1});
        QCOMPARE(hits[0].kind, SearchHitKind::Message);
        QCOMPARE(hits[0].owner_id, llm_);
        QCOMPARE(hits[0].owner_title, QStringLiteral("LLMとは"));
        QCOMPARE(hits[0].item_id, llm_message_);
        QVERIFY2(hits[0].snippet.contains(QStringLiteral("大規模") + marked("言語モデル")),
                 qPrintable(hits[0].snippet));
        QVERIFY(hits[0].rank < 0);
    }

    void words_all_match_in_any_order_and_rank()
    {
        const std::vector<SearchHit> hits = index_->search(QStringLiteral("KYOTO"), 10).value();
        QCOMPARE(hits.size(), size_t{2});
        QCOMPARE(hits[0].item_id, kyoto_message_); // three mentions in a short text
        QVERIFY(hits[0].rank <= hits[1].rank);
        QVERIFY2(hits[0].snippet.contains(marked(QStringLiteral("Kyoto"))),
                 qPrintable(hits[0].snippet));
        QCOMPARE(index_->search(QStringLiteral("temples autumn"), 10).value().size(), size_t{1});
        QCOMPARE(index_->search(QStringLiteral("temples luggage"), 10).value().size(), size_t{0});
        QCOMPARE(index_->search(QStringLiteral("kyoto"), 1).value().size(), size_t{1});
    }

    // A common word: only the newest kSearchRankWindow matches are ranked, so an old message
    // that mentions it most is passed over for the best of the recent ones.
    void only_the_newest_matches_are_ranked()
    {
        const qint64 old_best = add(kyoto_, QStringLiteral("pager pager pager pager pager"));
        for (int i = 0; i < kSearchRankWindow; ++i) {
            add(kyoto_, QStringLiteral("pager number %1, a longer message around one mention of "
                                       "the word")
                            .arg(i));
        }
        const qint64 new_best = add(kyoto_, QStringLiteral("pager pager pager"));
        const std::vector<SearchHit> hits = index_->search(QStringLiteral("pager"), 5).value();
        QCOMPARE(hits.size(), size_t{5});
        QCOMPARE(hits[0].item_id, new_best);
        for (const SearchHit& hit : hits) {
            QVERIFY(hit.item_id != old_best);
        }
    }

    void query_syntax_is_plain_text_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("hits");
        QTest::addRow("unbalanced quote") << QStringLiteral("\"Kyoto") << 0;
        QTest::addRow("operators") << QStringLiteral("Kyoto AND NOT OR") << 0;
        QTest::addRow("column filter and star") << QStringLiteral("content:Kyo*") << 0;
        QTest::addRow("parentheses") << QStringLiteral("(LLM)") << 1;
        QTest::addRow("percent, short") << QStringLiteral("0%") << 1;
        QTest::addRow("underscore, short") << QStringLiteral("_") << 0;
        QTest::addRow("only spaces") << QStringLiteral("   ") << 0;
    }

    void query_syntax_is_plain_text()
    {
        QFETCH(QString, query);
        QFETCH(int, hits);
        StorageResult<std::vector<SearchHit>> found = index_->search(query, 10);
        QVERIFY2(found, qPrintable(found.message()));
        QCOMPARE(static_cast<int>(found->size()), hits);
    }

    void short_queries_scan_substrings_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("snippet_part");
        QTest::addRow("two latin letters, any case")
            << QStringLiteral("ll") << QStringLiteral("(") + marked(QStringLiteral("LL")) + "M)";
        QTest::addRow("one kanji") << QStringLiteral("量") << QStringLiteral("大") + marked("量");
        QTest::addRow("two words, short")
            << QStringLiteral("Kyoto in") << marked(QStringLiteral("Kyoto in"));
    }

    void short_queries_scan_substrings()
    {
        QFETCH(QString, query);
        QFETCH(QString, snippet_part);
        const std::vector<SearchHit> hits = index_->search(query, 10).value();
        QCOMPARE(hits.size(), size_t{1});
        QCOMPARE(hits[0].rank, 0.0);
        QVERIFY2(hits[0].snippet.contains(snippet_part), qPrintable(hits[0].snippet));
    }

    void the_index_follows_edits_and_deletions()
    {
        QVERIFY(conversations_->update_message_content(llm_message_, QStringLiteral("量子計算機"))
                    .ok());
        QCOMPARE(index_->search(QStringLiteral("言語モデル"), 10).value().size(), size_t{0});
        QCOMPARE(index_->search(QStringLiteral("量子計算"), 10).value().size(), size_t{1});
        QVERIFY(conversations_->remove_message(llm_message_).ok());
        QCOMPARE(index_->search(QStringLiteral("量子計算"), 10).value().size(), size_t{0});
        QVERIFY(conversations_->remove(kyoto_).ok());
        QCOMPARE(index_->search(QStringLiteral("kyoto"), 10).value().size(), size_t{0});
        StorageResult<Query> check = database_->query(
            "INSERT INTO message_search (message_search) VALUES ('integrity-check')",
            QStringLiteral("test"));
        QVERIFY(check);
        StorageResult<void> checked = check->run();
        QVERIFY2(checked, qPrintable(checked.message()));
    }

    void comparison_text_is_found()
    {
        QVERIFY(database_
                    ->run_script(
                        "INSERT INTO comparisons (id, title, created_at, updated_at) VALUES "
                        "(5, '翻訳比較', 1, 1);"
                        "INSERT INTO comparison_targets (id, comparison_id, position, target) "
                        "VALUES (1, 5, 0, '{}');"
                        "INSERT INTO comparison_prompts (id, comparison_id, position, content) "
                        "VALUES (3, 5, 0, '次の文を英語に翻訳して');"
                        "INSERT INTO comparison_results (id, comparison_id, prompt_id, "
                        "target_id, content, created_at, updated_at) VALUES (9, 5, 3, 1, "
                        "'Translate the next sentence', 1, 1)",
                        QStringLiteral("test"))
                    .ok());
        std::vector<SearchHit> hits = index_->search(QStringLiteral("英語に翻訳"), 10).value();
        QCOMPARE(hits.size(), size_t{1});
        QCOMPARE(hits[0].kind, SearchHitKind::ComparisonPrompt);
        QCOMPARE(hits[0].owner_id, 5);
        QCOMPARE(hits[0].owner_title, QStringLiteral("翻訳比較"));
        QCOMPARE(hits[0].item_id, 3);
        hits = index_->search(QStringLiteral("sentence"), 10).value();
        QCOMPARE(hits.size(), size_t{1});
        QCOMPARE(hits[0].kind, SearchHitKind::ComparisonResult);
        QCOMPARE(hits[0].item_id, 9);
    }

private:
    qint64 add(qint64 conversation, const QString& text)
    {
        return conversations_
            ->add_message(conversation, std::nullopt, {MessageRole::User, text, {}, {}})
            .value();
    }

    QTemporaryDir dir_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<ConversationStore> conversations_;
    std::unique_ptr<SearchIndex> index_;
    qint64 llm_ = 0;
    qint64 llm_message_ = 0;
    qint64 kyoto_ = 0;
    qint64 kyoto_message_ = 0;
};

QTEST_GUILESS_MAIN(SearchIndexTest)
#include "search_index_test.moc"
