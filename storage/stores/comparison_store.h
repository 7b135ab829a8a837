// Comparisons: their targets (columns), prompts (rows), one result per prompt x target with its
// metrics, rating and note, and votes. Every method is one transaction: on failure (disk full,
// read-only file) nothing changed and no signal is sent.
#pragma once

#include "storage/sqlite/database.h"
#include "storage/stores/comparison_types.h"

#include <QObject>

#include <functional>

namespace kurabe::storage {

class ComparisonStore : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds since the Unix epoch

    // `database` must outlive the store and be used on the store's thread only. An empty
    // `clock` is the system clock.
    explicit ComparisonStore(Database& database, Clock clock = {}, QObject* parent = nullptr);

    // `tags` trimmed; empty ones and duplicates dropped.
    StorageResult<qint64> create(const NewComparison& comparison, const QStringList& tags = {});
    // The whole comparison: targets, prompts, results and votes.
    StorageResult<Comparison> comparison(qint64 id);
    // Most recently updated first.
    StorageResult<std::vector<ComparisonInfo>> list(int offset, int limit);
    StorageResult<void> rename(qint64 id, const QString& title);
    StorageResult<void> set_notes(qint64 id, const QString& notes);
    // A new comparison with the same targets, prompts and tags (not the results or votes: a
    // duplicate is for running again), titled "TITLE (copy)".
    StorageResult<qint64> duplicate(qint64 id);
    // Deletes the comparison and everything in it.
    StorageResult<void> remove(qint64 id);

    // Appends a column / a row.
    StorageResult<qint64> add_target(qint64 comparison_id, const NewComparisonTarget& target);
    StorageResult<qint64> add_prompt(qint64 comparison_id, const NewComparisonPrompt& prompt);

    // Starts the answer of `target_id` to `prompt_id`: an empty result, replacing (with its
    // rating and note) any earlier answer of that pair. Returns the result id.
    StorageResult<qint64> start_result(qint64 comparison_id, qint64 prompt_id, qint64 target_id);
    // While it streams: the text so far (cheap; called at least every 250 ms).
    StorageResult<void> update_result_content(qint64 result_id, const QString& content);
    // When it ends: the final text and its metrics.
    StorageResult<void> finish_result(qint64 result_id, const QString& content,
                                      const MessageMetrics& metrics,
                                      const ResultMeasurements& measurements = {});
    // `rating` 1..5, or empty to clear it.
    StorageResult<void> set_rating(qint64 result_id, std::optional<int> rating);
    StorageResult<void> set_result_note(qint64 result_id, const QString& note);
    StorageResult<ComparisonResult> result(qint64 result_id);

    // Records which target answered `prompt_id` best (empty: a tie). Returns the vote id.
    StorageResult<qint64> add_vote(qint64 comparison_id, qint64 prompt_id,
                                   std::optional<qint64> winner_target_id);

    // Judges the answers of two different targets of the comparison to `prompt_id`. Returns the
    // vote id. (comparison_judging.cpp)
    StorageResult<qint64> add_pair_vote(qint64 comparison_id, qint64 prompt_id, qint64 target_a_id,
                                        qint64 target_b_id, PairOutcome outcome);
    // Every pair vote of every comparison (of those tagged `tag`, when not empty), labelled
    // with the targets' labels; ordered by comparison, then vote id.
    StorageResult<std::vector<LabelledPairVote>> labelled_pair_votes(const QString& tag);
    // Replaces the comparison's tags (trimmed; empty ones and duplicates dropped).
    StorageResult<void> set_tags(qint64 comparison_id, const QStringList& tags);
    // Comparisons tagged `tag`, most recently updated first.
    StorageResult<std::vector<ComparisonInfo>> list_tagged(const QString& tag, int offset,
                                                           int limit);

Q_SIGNALS:
    // A comparison was created, changed (title, notes, targets, prompts, votes) or deleted.
    void comparisonChanged(qint64 comparison_id);
    // A result was started, grew, finished, or was rated or annotated.
    void resultChanged(qint64 comparison_id, qint64 result_id);

private:
    StorageResult<void> touch(qint64 comparison_id, qint64 now_ms, const QString& what);
    StorageResult<qint64> insert_target(qint64 comparison_id, int position,
                                        const NewComparisonTarget& target, const QString& what);
    StorageResult<qint64> insert_prompt(qint64 comparison_id, int position,
                                        const NewComparisonPrompt& prompt, const QString& what);
    // Inserts the trimmed, distinct, non-empty `tags` (inside the caller's transaction).
    StorageResult<void> insert_tags(qint64 comparison_id, const QStringList& tags,
                                    const QString& what);
    StorageResult<int> next_position(const char* sql, qint64 comparison_id, const QString& what);
    // Runs an UPDATE of one result whose last parameter is its id; emits resultChanged.
    template <typename... Values>
    StorageResult<void> update_result(const char* sql, qint64 result_id, const QString& what,
                                      const Values&... values);
    qint64 now() const;

    Database& database_;
    Clock clock_;
};

} // namespace kurabe::storage
