// ComparisonStore: a comparison with its targets, prompts, results (streamed, finished, rated,
// annotated, rerun) and votes; duplicate, delete and list; failures that change nothing.
#include "storage/schema/schema.h"
#include "storage/search/search_index.h"
#include "storage/stores/comparison_store.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

NewComparison two_by_two()
{
    NewComparison comparison;
    comparison.title = QStringLiteral("Q4 vs Q8");
    comparison.notes = QStringLiteral("same seed");
    comparison.targets = {
        {QStringLiteral("Q4_0"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("local")}},
         QJsonObject{{QStringLiteral("seed"), 42}}},
        {QStringLiteral("gpt"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("provider")}},
         {}},
    };
    comparison.prompts = {{QString(), QStringLiteral("俳句を一つ")},
                          {QStringLiteral("Be brief."), QStringLiteral("Explain a KV cache")}};
    return comparison;
}

} // namespace

class ComparisonStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(database_path(dir_.path()), OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        database_ = std::move(opened).value();
        store_ =
            std::make_unique<ComparisonStore>(*database_, [this] { return clock_ms_ += 1000; });
    }

    void cleanup()
    {
        store_.reset();
        database_.reset();
        QFile::remove(database_path(dir_.path()));
    }

    void a_created_comparison_loads_whole()
    {
        QSignalSpy changed(store_.get(), &ComparisonStore::comparisonChanged);
        const qint64 id = store_->create(two_by_two()).value();
        QCOMPARE(changed.count(), 1);
        const Comparison comparison = store_->comparison(id).value();
        QCOMPARE(comparison.info.title, QStringLiteral("Q4 vs Q8"));
        QCOMPARE(comparison.info.notes, QStringLiteral("same seed"));
        QCOMPARE(comparison.targets.size(), size_t{2});
        QCOMPARE(comparison.targets[1].label, QStringLiteral("gpt"));
        QCOMPARE(comparison.targets[1].position, 1);
        QCOMPARE(comparison.targets[0].sampling.value(QStringLiteral("seed")).toInt(), 42);
        QCOMPARE(comparison.prompts.size(), size_t{2});
        QCOMPARE(comparison.prompts[0].content, QStringLiteral("俳句を一つ"));
        QCOMPARE(comparison.prompts[1].system_prompt, QStringLiteral("Be brief."));
        QVERIFY(comparison.results.empty());
        QVERIFY(comparison.votes.empty());
    }

    void results_stream_finish_and_are_rated()
    {
        const qint64 id = store_->create(two_by_two()).value();
        const Comparison setup = store_->comparison(id).value();
        const qint64 prompt = setup.prompts[1].id;
        const qint64 target = setup.targets[0].id;
        QSignalSpy changed(store_.get(), &ComparisonStore::resultChanged);
        const qint64 result = store_->start_result(id, prompt, target).value();
        QVERIFY(store_->update_result_content(result, QStringLiteral("A KV cache keeps")).ok());
        // The answer is searchable while it streams.
        SearchIndex index(*database_);
        const std::vector<SearchHit> hits = index.search(QStringLiteral("cache keeps"), 5).value();
        QCOMPARE(hits.size(), size_t{1});
        QCOMPARE(hits[0].kind, SearchHitKind::ComparisonResult);
        QCOMPARE(hits[0].owner_id, id);
        QCOMPARE(hits[0].item_id, result);

        MessageMetrics metrics;
        metrics.tokens_in = 12;
        metrics.tokens_out = 80;
        metrics.ttft_ms = 35.5;
        metrics.tokens_per_s = 41.25;
        metrics.finish_reason = QStringLiteral("stop");
        QVERIFY(
            store_->finish_result(result, QStringLiteral("A KV cache keeps keys."), metrics).ok());
        QVERIFY(store_->set_rating(result, 4).ok());
        QVERIFY(store_->set_result_note(result, QStringLiteral("concise")).ok());
        QCOMPARE(changed.count(), 5);
        QCOMPARE(changed.last().at(0).toLongLong(), id);
        QCOMPARE(changed.last().at(1).toLongLong(), result);

        const ComparisonResult saved = store_->result(result).value();
        QCOMPARE(saved.prompt_id, prompt);
        QCOMPARE(saved.target_id, target);
        QCOMPARE(saved.content, QStringLiteral("A KV cache keeps keys."));
        QCOMPARE(saved.metrics.tokens_out, std::optional<qint64>(80));
        QCOMPARE(saved.metrics.ttft_ms, std::optional<double>(35.5));
        QCOMPARE(saved.metrics.cost_usd, std::nullopt);
        QCOMPARE(saved.metrics.finish_reason, QStringLiteral("stop"));
        QCOMPARE(saved.rating, std::optional<int>(4));
        QCOMPARE(saved.note, QStringLiteral("concise"));
        QCOMPARE(store_->comparison(id).value().results.size(), size_t{1});

        // Running the pair again replaces the answer in the same row.
        QCOMPARE(store_->start_result(id, prompt, target).value(), result);
        const ComparisonResult rerun = store_->result(result).value();
        QVERIFY(rerun.content.isEmpty());
        QCOMPARE(rerun.rating, std::nullopt);
        QCOMPARE(rerun.metrics.tokens_out, std::nullopt);
        QVERIFY(rerun.note.isEmpty());
    }

    void ratings_outside_one_to_five_are_refused_data()
    {
        QTest::addColumn<int>("rating");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("0") << 0 << false;
        QTest::addRow("1") << 1 << true;
        QTest::addRow("5") << 5 << true;
        QTest::addRow("6") << 6 << false;
        QTest::addRow("-3") << -3 << false;
    }

    void ratings_outside_one_to_five_are_refused()
    {
        QFETCH(int, rating);
        QFETCH(bool, accepted);
        const qint64 id = store_->create(two_by_two()).value();
        const Comparison setup = store_->comparison(id).value();
        const qint64 result =
            store_->start_result(id, setup.prompts[0].id, setup.targets[0].id).value();
        const StorageResult<void> rated = store_->set_rating(result, rating);
        QCOMPARE(rated.ok(), accepted);
        QCOMPARE(store_->result(result).value().rating,
                 accepted ? std::optional<int>(rating) : std::nullopt);
        if (!accepted) {
            QCOMPARE(rated.error().kind, StorageErrorKind::InvalidArgument);
            QVERIFY2(rated.message().contains(QStringLiteral("1 to 5")),
                     qPrintable(rated.message()));
        }
    }

    void a_prompt_of_another_comparison_is_refused()
    {
        const qint64 first = store_->create(two_by_two()).value();
        const qint64 second = store_->create(two_by_two()).value();
        const Comparison other = store_->comparison(second).value();
        const Comparison mine = store_->comparison(first).value();
        const StorageResult<qint64> started =
            store_->start_result(first, other.prompts[0].id, mine.targets[0].id);
        QVERIFY(!started);
        QCOMPARE(started.error().kind, StorageErrorKind::Constraint);
        QVERIFY(store_->comparison(first).value().results.empty());
    }

    void votes_targets_and_prompts_are_added()
    {
        const qint64 id = store_->create(two_by_two()).value();
        const qint64 target = store_->add_target(id, {QStringLiteral("Q8_0"), {}, {}}).value();
        const qint64 prompt = store_->add_prompt(id, {QString(), QStringLiteral("third")}).value();
        const qint64 win = store_->add_vote(id, prompt, target).value();
        const qint64 tie = store_->add_vote(id, prompt, std::nullopt).value();
        const Comparison comparison = store_->comparison(id).value();
        QCOMPARE(comparison.targets.size(), size_t{3});
        QCOMPARE(comparison.targets[2].id, target);
        QCOMPARE(comparison.targets[2].position, 2);
        QCOMPARE(comparison.prompts[2].position, 2);
        QCOMPARE(comparison.votes.size(), size_t{2});
        QCOMPARE(comparison.votes[0].id, win);
        QCOMPARE(comparison.votes[0].winner_target_id, std::optional<qint64>(target));
        QCOMPARE(comparison.votes[1].id, tie);
        QCOMPARE(comparison.votes[1].winner_target_id, std::nullopt);
        const StorageResult<qint64> missing = store_->add_vote(999, prompt, target);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, StorageErrorKind::NotFound);
    }

    // Schema version 2: what a comparison keeps beyond a chat message's metrics, and a rerun
    // clears it with the rest of the answer.
    void measurements_are_saved_and_cleared_by_a_rerun()
    {
        const qint64 id = store_->create(two_by_two()).value();
        const Comparison setup = store_->comparison(id).value();
        const qint64 result =
            store_->start_result(id, setup.prompts[0].id, setup.targets[0].id).value();
        MessageMetrics metrics;
        metrics.finish_reason = QStringLiteral("length");
        ResultMeasurements measurements;
        measurements.prompt_tokens_per_s = 812.5;
        measurements.wall_ms = 1234.0;
        measurements.details = QJsonObject{{QStringLiteral("device"), QStringLiteral("CPU")}};
        QVERIFY(
            store_->finish_result(result, QStringLiteral("古池や"), metrics, measurements).ok());
        const ComparisonResult saved = store_->result(result).value();
        QCOMPARE(saved.measurements.prompt_tokens_per_s, std::optional<double>(812.5));
        QCOMPARE(saved.measurements.wall_ms, std::optional<double>(1234.0));
        QCOMPARE(saved.measurements.details.value(QStringLiteral("device")).toString(),
                 QStringLiteral("CPU"));
        QCOMPARE(store_->comparison(id).value().results.front().measurements.wall_ms,
                 std::optional<double>(1234.0));

        QCOMPARE(store_->start_result(id, setup.prompts[0].id, setup.targets[0].id).value(),
                 result);
        const ComparisonResult rerun = store_->result(result).value();
        QCOMPARE(rerun.measurements.prompt_tokens_per_s, std::nullopt);
        QCOMPARE(rerun.measurements.wall_ms, std::nullopt);
        QVERIFY(rerun.measurements.details.isEmpty());
    }

    void pair_votes_say_who_was_better_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("name");
        QTest::addRow("A better") << static_cast<int>(PairOutcome::ABetter) << "a";
        QTest::addRow("B better") << static_cast<int>(PairOutcome::BBetter) << "b";
        QTest::addRow("tie") << static_cast<int>(PairOutcome::Tie) << "tie";
        QTest::addRow("both bad") << static_cast<int>(PairOutcome::BothBad) << "both_bad";
    }

    void pair_votes_say_who_was_better()
    {
        QFETCH(int, outcome);
        QFETCH(QString, name);
        const auto expected = static_cast<PairOutcome>(outcome);
        QCOMPARE(pairOutcomeName(expected), name);
        QCOMPARE(pairOutcomeFromName(name), std::optional<PairOutcome>(expected));

        const qint64 id = store_->create(two_by_two()).value();
        const Comparison setup = store_->comparison(id).value();
        QSignalSpy changed(store_.get(), &ComparisonStore::comparisonChanged);
        const qint64 vote = store_
                                ->add_pair_vote(id, setup.prompts[1].id, setup.targets[1].id,
                                                setup.targets[0].id, expected)
                                .value();
        QCOMPARE(changed.count(), 1);
        const Comparison voted = store_->comparison(id).value();
        QCOMPARE(voted.pair_votes.size(), size_t{1});
        QCOMPARE(voted.pair_votes[0].id, vote);
        QCOMPARE(voted.pair_votes[0].prompt_id, setup.prompts[1].id);
        QCOMPARE(voted.pair_votes[0].target_a_id, setup.targets[1].id);
        QCOMPARE(voted.pair_votes[0].target_b_id, setup.targets[0].id);
        QCOMPARE(voted.pair_votes[0].outcome, expected);
    }

    void bad_pair_votes_are_refused()
    {
        const qint64 id = store_->create(two_by_two()).value();
        const qint64 other = store_->create(two_by_two()).value();
        const Comparison setup = store_->comparison(id).value();
        const Comparison other_setup = store_->comparison(other).value();
        const qint64 prompt = setup.prompts[0].id;
        // The same target twice.
        QCOMPARE(store_
                     ->add_pair_vote(id, prompt, setup.targets[0].id, setup.targets[0].id,
                                     PairOutcome::Tie)
                     .error()
                     .kind,
                 StorageErrorKind::InvalidArgument);
        // A target of another comparison.
        QVERIFY(!store_
                     ->add_pair_vote(id, prompt, setup.targets[0].id, other_setup.targets[1].id,
                                     PairOutcome::ABetter)
                     .ok());
        QVERIFY(store_->comparison(id).value().pair_votes.empty());
    }

    void tags_filter_the_list_and_the_votes()
    {
        const qint64 travel = store_->create(two_by_two()).value();
        const qint64 code = store_->create(two_by_two()).value();
        QVERIFY(store_
                    ->set_tags(travel, {QStringLiteral(" travel "), QStringLiteral("ja"),
                                        QStringLiteral("ja"), QString()})
                    .ok());
        QVERIFY(store_->set_tags(code, {QStringLiteral("code")}).ok());
        QCOMPARE(store_->comparison(travel).value().tags,
                 QStringList({QStringLiteral("ja"), QStringLiteral("travel")}));
        const std::vector<ComparisonInfo> tagged =
            store_->list_tagged(QStringLiteral("travel"), 0, 10).value();
        QCOMPARE(tagged.size(), size_t{1});
        QCOMPARE(tagged[0].id, travel);

        for (qint64 id : {travel, code}) {
            const Comparison setup = store_->comparison(id).value();
            QVERIFY(store_
                        ->add_pair_vote(id, setup.prompts[0].id, setup.targets[0].id,
                                        setup.targets[1].id,
                                        id == travel ? PairOutcome::ABetter : PairOutcome::BothBad)
                        .ok());
        }
        const std::vector<LabelledPairVote> all = store_->labelled_pair_votes(QString()).value();
        QCOMPARE(all.size(), size_t{2});
        QCOMPARE(all[0].comparison_id, travel);
        QCOMPARE(all[0].label_a, QStringLiteral("Q4_0"));
        QCOMPARE(all[0].label_b, QStringLiteral("gpt"));
        QCOMPARE(all[0].outcome, PairOutcome::ABetter);
        const std::vector<LabelledPairVote> coded =
            store_->labelled_pair_votes(QStringLiteral("code")).value();
        QCOMPARE(coded.size(), size_t{1});
        QCOMPARE(coded[0].comparison_id, code);
        QCOMPARE(coded[0].outcome, PairOutcome::BothBad);

        // Tags given at creation are kept, and a duplicate keeps them.
        const qint64 batch =
            store_->create(two_by_two(), {QStringLiteral("batch"), QStringLiteral(" batch")})
                .value();
        QCOMPARE(store_->comparison(batch).value().tags, QStringList{QStringLiteral("batch")});
        const qint64 copy = store_->duplicate(batch).value();
        QCOMPARE(store_->comparison(copy).value().tags, QStringList{QStringLiteral("batch")});

        // Replacing the tags removes the old ones; deleting the comparison removes its tags.
        QVERIFY(store_->set_tags(travel, {QStringLiteral("kyoto")}).ok());
        QVERIFY(store_->list_tagged(QStringLiteral("travel"), 0, 10).value().empty());
        QVERIFY(store_->remove(travel).ok());
        QVERIFY(store_->list_tagged(QStringLiteral("kyoto"), 0, 10).value().empty());
        QVERIFY(store_->labelled_pair_votes(QString()).value().size() == 1);
    }

    void duplicate_copies_the_setup_not_the_answers()
    {
        const qint64 id = store_->create(two_by_two()).value();
        const Comparison source = store_->comparison(id).value();
        const qint64 result =
            store_->start_result(id, source.prompts[0].id, source.targets[0].id).value();
        QVERIFY(store_->update_result_content(result, QStringLiteral("answer")).ok());
        const qint64 copy_id = store_->duplicate(id).value();
        QVERIFY(copy_id != id);
        const Comparison copy = store_->comparison(copy_id).value();
        QCOMPARE(copy.info.title, QStringLiteral("Q4 vs Q8 (copy)"));
        QCOMPARE(copy.targets.size(), size_t{2});
        QCOMPARE(copy.targets[0].target, source.targets[0].target);
        QCOMPARE(copy.prompts[1].content, source.prompts[1].content);
        QVERIFY(copy.targets[0].id != source.targets[0].id);
        QVERIFY(copy.results.empty());
    }

    void list_is_newest_first_and_remove_deletes_everything()
    {
        const qint64 older = store_->create(two_by_two()).value();
        const qint64 newer = store_->create(two_by_two()).value();
        QVERIFY(store_->rename(older, QStringLiteral("renamed")).ok()); // now the newest
        std::vector<ComparisonInfo> page = store_->list(0, 10).value();
        QCOMPARE(page.size(), size_t{2});
        QCOMPARE(page[0].id, older);
        QCOMPARE(page[0].title, QStringLiteral("renamed"));
        QCOMPARE(store_->list(1, 10).value().front().id, newer);

        const Comparison setup = store_->comparison(older).value();
        QVERIFY(store_->start_result(older, setup.prompts[0].id, setup.targets[0].id).ok());
        QVERIFY(store_->remove(older).ok());
        QCOMPARE(store_->comparison(older).error().kind, StorageErrorKind::NotFound);
        StorageResult<Query> left = database_->query(
            "SELECT (SELECT count(*) FROM comparison_results) + (SELECT count(*) FROM "
            "comparison_prompts WHERE comparison_id = ?)",
            QStringLiteral("test"));
        QVERIFY(left);
        left->bind(older);
        QVERIFY(left->next().value());
        QCOMPARE(left->int64(0), 0);
        QCOMPARE(store_->remove(older).error().kind, StorageErrorKind::NotFound);
    }

    void a_full_disk_changes_nothing()
    {
        QVERIFY(database_->run_script("PRAGMA max_page_count = 1", QStringLiteral("t")).ok());
        NewComparison big = two_by_two();
        big.prompts.push_back({QString(), QStringLiteral("x").repeated(200'000)});
        QSignalSpy changed(store_.get(), &ComparisonStore::comparisonChanged);
        const StorageResult<qint64> created = store_->create(big);
        QVERIFY(!created);
        QCOMPARE(created.error().kind, StorageErrorKind::DiskFull);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(store_->list(0, 10).value().size(), size_t{0});
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<ComparisonStore> store_;
    qint64 clock_ms_ = 1'700'000'000'000;
};

QTEST_GUILESS_MAIN(ComparisonStoreTest)
#include "comparison_store_test.moc"
