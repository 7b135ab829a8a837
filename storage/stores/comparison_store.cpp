// ComparisonStore: creating and changing comparisons (reading a whole one is in
// comparison_reading.cpp).
#include "storage/stores/comparison_store.h"

#include "storage/sqlite/transaction.h"
#include "storage/stores/json_column.h"

#include <QDateTime>

namespace kurabe::storage {
namespace {

StorageError not_found(const char* thing, qint64 id, const QString& what)
{
    return StorageError{
        StorageErrorKind::NotFound, 0,
        QStringLiteral("%1: %2 %3 does not exist").arg(what, QLatin1String(thing)).arg(id)};
}

// Runs a statement that must change exactly one row; `thing` and `id` name it in the error.
template <typename... Values>
StorageResult<void> change_one(Database& database, const char* sql, const char* thing, qint64 id,
                               const QString& what, const Values&... values)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(values...);
    if (StorageResult<void> done = query->run(); !done) {
        return done;
    }
    if (database.changes() == 0) {
        return not_found(thing, id, what);
    }
    return {};
}

StorageResult<qint64> comparison_of_result(Database& database, qint64 result_id,
                                           const QString& what)
{
    StorageResult<Query> query =
        database.query("SELECT comparison_id FROM comparison_results WHERE id = ?", what);
    if (!query) {
        return query.error();
    }
    query->bind(result_id);
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return not_found("result", result_id, what);
    }
    return static_cast<qint64>(query->int64(0));
}

} // namespace

ComparisonStore::ComparisonStore(Database& database, Clock clock, QObject* parent)
    : QObject(parent), database_(database), clock_(std::move(clock))
{}

qint64 ComparisonStore::now() const
{
    return clock_ ? clock_() : QDateTime::currentMSecsSinceEpoch();
}

StorageResult<void> ComparisonStore::touch(qint64 comparison_id, qint64 now_ms, const QString& what)
{
    return change_one(database_, "UPDATE comparisons SET updated_at = ? WHERE id = ?", "comparison",
                      comparison_id, what, now_ms, comparison_id);
}

StorageResult<qint64> ComparisonStore::insert_target(qint64 comparison_id, int position,
                                                     const NewComparisonTarget& target,
                                                     const QString& what)
{
    StorageResult<Query> query = database_.query(
        "INSERT INTO comparison_targets (comparison_id, position, label, target, sampling) "
        "VALUES (?, ?, ?, ?, ?)",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(comparison_id, position, target.label, json_column_text(target.target),
                json_column_text(target.sampling));
    if (StorageResult<void> done = query->run(); !done) {
        return done.error();
    }
    return static_cast<qint64>(database_.last_insert_id());
}

StorageResult<qint64> ComparisonStore::insert_prompt(qint64 comparison_id, int position,
                                                     const NewComparisonPrompt& prompt,
                                                     const QString& what)
{
    StorageResult<Query> query = database_.query(
        "INSERT INTO comparison_prompts (comparison_id, position, system_prompt, content) "
        "VALUES (?, ?, ?, ?)",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(comparison_id, position, prompt.system_prompt, prompt.content);
    if (StorageResult<void> done = query->run(); !done) {
        return done.error();
    }
    return static_cast<qint64>(database_.last_insert_id());
}

StorageResult<qint64> ComparisonStore::create(const NewComparison& comparison,
                                              const QStringList& tags)
{
    const QString what = QStringLiteral("creating a comparison");
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    StorageResult<Query> query = database_.query(
        "INSERT INTO comparisons (title, created_at, updated_at, notes) VALUES (?, ?, ?, ?)", what);
    if (!query) {
        return query.error();
    }
    const qint64 now_ms = now();
    query->bind(comparison.title, now_ms, now_ms, comparison.notes);
    if (StorageResult<void> done = query->run(); !done) {
        return done.error();
    }
    const qint64 id = database_.last_insert_id();
    for (size_t i = 0; i < comparison.targets.size(); ++i) {
        if (StorageResult<qint64> added =
                insert_target(id, static_cast<int>(i), comparison.targets[i], what);
            !added) {
            return added.error();
        }
    }
    for (size_t i = 0; i < comparison.prompts.size(); ++i) {
        if (StorageResult<qint64> added =
                insert_prompt(id, static_cast<int>(i), comparison.prompts[i], what);
            !added) {
            return added.error();
        }
    }
    if (StorageResult<void> tagged = insert_tags(id, tags, what); !tagged) {
        return tagged.error();
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed.error();
    }
    Q_EMIT comparisonChanged(id);
    return id;
}

StorageResult<void> ComparisonStore::rename(qint64 id, const QString& title)
{
    StorageResult<void> done = change_one(
        database_, "UPDATE comparisons SET title = ?, updated_at = ? WHERE id = ?", "comparison",
        id, QStringLiteral("renaming comparison %1").arg(id), title, now(), id);
    if (done) {
        Q_EMIT comparisonChanged(id);
    }
    return done;
}

StorageResult<void> ComparisonStore::set_notes(qint64 id, const QString& notes)
{
    StorageResult<void> done = change_one(
        database_, "UPDATE comparisons SET notes = ?, updated_at = ? WHERE id = ?", "comparison",
        id, QStringLiteral("saving the notes of comparison %1").arg(id), notes, now(), id);
    if (done) {
        Q_EMIT comparisonChanged(id);
    }
    return done;
}

StorageResult<qint64> ComparisonStore::duplicate(qint64 id)
{
    const QString what = QStringLiteral("duplicating comparison %1").arg(id);
    StorageResult<Comparison> source = comparison(id);
    if (!source) {
        return source.error();
    }
    NewComparison copy;
    copy.title = source->info.title + QStringLiteral(" (copy)");
    copy.notes = source->info.notes;
    for (const ComparisonTarget& target : source->targets) {
        copy.targets.push_back(NewComparisonTarget{target.label, target.target, target.sampling});
    }
    for (const ComparisonPrompt& prompt : source->prompts) {
        copy.prompts.push_back(NewComparisonPrompt{prompt.system_prompt, prompt.content});
    }
    return create(copy, source->tags);
}

StorageResult<void> ComparisonStore::remove(qint64 id)
{
    StorageResult<void> done =
        change_one(database_, "DELETE FROM comparisons WHERE id = ?", "comparison", id,
                   QStringLiteral("deleting comparison %1").arg(id), id);
    if (done) {
        Q_EMIT comparisonChanged(id);
    }
    return done;
}

StorageResult<int> ComparisonStore::next_position(const char* sql, qint64 comparison_id,
                                                  const QString& what)
{
    StorageResult<Query> query = database_.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(comparison_id);
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    return static_cast<int>(query->int64(0));
}

StorageResult<qint64> ComparisonStore::add_target(qint64 comparison_id,
                                                  const NewComparisonTarget& target)
{
    const QString what = QStringLiteral("adding a model to comparison %1").arg(comparison_id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    // touch() first: it reports a missing comparison more clearly than the foreign key would.
    if (StorageResult<void> touched = touch(comparison_id, now(), what); !touched) {
        return touched.error();
    }
    StorageResult<int> position = next_position(
        "SELECT coalesce(max(position) + 1, 0) FROM comparison_targets WHERE comparison_id = ?",
        comparison_id, what);
    if (!position) {
        return position.error();
    }
    StorageResult<qint64> id = insert_target(comparison_id, *position, target, what);
    if (!id) {
        return id;
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed.error();
    }
    Q_EMIT comparisonChanged(comparison_id);
    return id;
}

StorageResult<qint64> ComparisonStore::add_prompt(qint64 comparison_id,
                                                  const NewComparisonPrompt& prompt)
{
    const QString what = QStringLiteral("adding a prompt to comparison %1").arg(comparison_id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    if (StorageResult<void> touched = touch(comparison_id, now(), what); !touched) {
        return touched.error();
    }
    StorageResult<int> position = next_position(
        "SELECT coalesce(max(position) + 1, 0) FROM comparison_prompts WHERE comparison_id = ?",
        comparison_id, what);
    if (!position) {
        return position.error();
    }
    StorageResult<qint64> id = insert_prompt(comparison_id, *position, prompt, what);
    if (!id) {
        return id;
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed.error();
    }
    Q_EMIT comparisonChanged(comparison_id);
    return id;
}

StorageResult<qint64> ComparisonStore::start_result(qint64 comparison_id, qint64 prompt_id,
                                                    qint64 target_id)
{
    const QString what = QStringLiteral("starting an answer in comparison %1").arg(comparison_id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    const qint64 now_ms = now();
    if (StorageResult<void> touched = touch(comparison_id, now_ms, what); !touched) {
        return touched.error();
    }
    // The foreign keys (comparison_id, prompt_id) and (comparison_id, target_id) refuse a
    // prompt or target of another comparison. A rerun keeps the row (and its id) but clears
    // everything the earlier answer left.
    StorageResult<Query> query = database_.query(
        "INSERT INTO comparison_results (comparison_id, prompt_id, target_id, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (prompt_id, target_id) DO UPDATE SET "
        "content = '', created_at = excluded.created_at, updated_at = excluded.updated_at, "
        "tokens_in = NULL, tokens_out = NULL, ttft_ms = NULL, tokens_per_s = NULL, "
        "finish_reason = '', cost_usd = NULL, error = '', rating = NULL, note = '', "
        "prompt_tokens_per_s = NULL, wall_ms = NULL, details = '{}' "
        "WHERE comparison_id = excluded.comparison_id RETURNING id",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(comparison_id, prompt_id, target_id, now_ms, now_ms);
    StorageResult<bool> row = query->next();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return StorageError{StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("%1: prompt %2 and model %3 are not both part of it")
                                .arg(what)
                                .arg(prompt_id)
                                .arg(target_id)};
    }
    const qint64 id = query->int64(0);
    if (StorageResult<void> finished = query->run(); !finished) {
        return finished.error();
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed.error();
    }
    Q_EMIT resultChanged(comparison_id, id);
    return id;
}

template <typename... Values>
StorageResult<void> ComparisonStore::update_result(const char* sql, qint64 result_id,
                                                   const QString& what, const Values&... values)
{
    StorageResult<qint64> comparison_id = comparison_of_result(database_, result_id, what);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<void> done = change_one(database_, sql, "result", result_id, what, values...);
    if (done) {
        Q_EMIT resultChanged(*comparison_id, result_id);
    }
    return done;
}

StorageResult<void> ComparisonStore::update_result_content(qint64 result_id, const QString& content)
{
    // One UPDATE, atomic on its own: this runs several times a second while an answer streams.
    return update_result("UPDATE comparison_results SET content = ?, updated_at = ? WHERE id = ?",
                         result_id,
                         QStringLiteral("saving the answer so far (result %1)").arg(result_id),
                         content, now(), result_id);
}

StorageResult<void> ComparisonStore::finish_result(qint64 result_id, const QString& content,
                                                   const MessageMetrics& metrics,
                                                   const ResultMeasurements& measurements)
{
    return update_result(
        "UPDATE comparison_results SET content = ?, updated_at = ?, tokens_in = ?, "
        "tokens_out = ?, ttft_ms = ?, tokens_per_s = ?, cost_usd = ?, finish_reason = ?, "
        "error = ?, prompt_tokens_per_s = ?, wall_ms = ?, details = ? WHERE id = ?",
        result_id, QStringLiteral("saving the answer (result %1)").arg(result_id), content, now(),
        metrics.tokens_in, metrics.tokens_out, metrics.ttft_ms, metrics.tokens_per_s,
        metrics.cost_usd, metrics.finish_reason, metrics.error, measurements.prompt_tokens_per_s,
        measurements.wall_ms, json_column_text(measurements.details), result_id);
}

StorageResult<void> ComparisonStore::set_rating(qint64 result_id, std::optional<int> rating)
{
    const QString what = QStringLiteral("rating result %1").arg(result_id);
    if (rating && (*rating < 1 || *rating > 5)) {
        return StorageError{
            StorageErrorKind::InvalidArgument, 0,
            QStringLiteral("%1: a rating is 1 to 5, not %2").arg(what).arg(*rating)};
    }
    return update_result("UPDATE comparison_results SET rating = ? WHERE id = ?", result_id, what,
                         rating, result_id);
}

StorageResult<void> ComparisonStore::set_result_note(qint64 result_id, const QString& note)
{
    return update_result("UPDATE comparison_results SET note = ? WHERE id = ?", result_id,
                         QStringLiteral("saving the note of result %1").arg(result_id), note,
                         result_id);
}

StorageResult<qint64> ComparisonStore::add_vote(qint64 comparison_id, qint64 prompt_id,
                                                std::optional<qint64> winner_target_id)
{
    const QString what = QStringLiteral("voting in comparison %1").arg(comparison_id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    const qint64 now_ms = now();
    if (StorageResult<void> touched = touch(comparison_id, now_ms, what); !touched) {
        return touched.error();
    }
    StorageResult<Query> query = database_.query(
        "INSERT INTO comparison_votes (comparison_id, prompt_id, winner_target_id, created_at) "
        "VALUES (?, ?, ?, ?)",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(comparison_id, prompt_id, winner_target_id, now_ms);
    if (StorageResult<void> done = query->run(); !done) {
        return done.error();
    }
    const qint64 id = database_.last_insert_id();
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed.error();
    }
    Q_EMIT comparisonChanged(comparison_id);
    return id;
}

} // namespace kurabe::storage
