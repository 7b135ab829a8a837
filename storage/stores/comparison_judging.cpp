// ComparisonStore: judging across targets — pair votes between two answers, and tags for
// filtering comparisons and the leaderboard (schema version 2).
#include "storage/sqlite/transaction.h"
#include "storage/stores/comparison_store.h"

#include <QSet>

#include <algorithm>

namespace kurabe::storage {

QString pairOutcomeName(PairOutcome outcome)
{
    switch (outcome) {
    case PairOutcome::ABetter:
        return QStringLiteral("a");
    case PairOutcome::BBetter:
        return QStringLiteral("b");
    case PairOutcome::Tie:
        return QStringLiteral("tie");
    case PairOutcome::BothBad:
        return QStringLiteral("both_bad");
    }
    return QStringLiteral("tie");
}

std::optional<PairOutcome> pairOutcomeFromName(const QString& name)
{
    for (PairOutcome outcome :
         {PairOutcome::ABetter, PairOutcome::BBetter, PairOutcome::Tie, PairOutcome::BothBad}) {
        if (pairOutcomeName(outcome) == name) {
            return outcome;
        }
    }
    return std::nullopt;
}

StorageResult<qint64> ComparisonStore::add_pair_vote(qint64 comparison_id, qint64 prompt_id,
                                                     qint64 target_a_id, qint64 target_b_id,
                                                     PairOutcome outcome)
{
    const QString what = QStringLiteral("voting in comparison %1").arg(comparison_id);
    if (target_a_id == target_b_id) {
        return StorageError{StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("%1: a pair vote needs two different targets, not "
                                           "target %2 twice")
                                .arg(what)
                                .arg(target_a_id)};
    }
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    const qint64 now_ms = now();
    if (StorageResult<void> touched = touch(comparison_id, now_ms, what); !touched) {
        return touched.error();
    }
    StorageResult<Query> query = database_.query(
        "INSERT INTO comparison_pair_votes (comparison_id, prompt_id, target_a_id, target_b_id, "
        "outcome, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(comparison_id, prompt_id, target_a_id, target_b_id, pairOutcomeName(outcome),
                now_ms);
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

StorageResult<std::vector<LabelledPairVote>>
ComparisonStore::labelled_pair_votes(const QString& tag)
{
    const QString what = QStringLiteral("reading the votes of all comparisons");
    StorageResult<Query> query =
        database_.query("SELECT v.comparison_id, v.prompt_id, a.label, b.label, v.outcome "
                        "FROM comparison_pair_votes v "
                        "JOIN comparison_targets a ON a.id = v.target_a_id "
                        "JOIN comparison_targets b ON b.id = v.target_b_id "
                        "WHERE ? = '' OR v.comparison_id IN "
                        "(SELECT comparison_id FROM comparison_tags WHERE tag = ?) "
                        "ORDER BY v.comparison_id, v.id",
                        what);
    if (!query) {
        return query.error();
    }
    query->bind(tag, tag);
    std::vector<LabelledPairVote> votes;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return votes;
        }
        votes.push_back(
            LabelledPairVote{query->int64(0), query->int64(1), query->text(2), query->text(3),
                             pairOutcomeFromName(query->text(4)).value_or(PairOutcome::Tie)});
    }
}

StorageResult<void> ComparisonStore::set_tags(qint64 comparison_id, const QStringList& tags)
{
    const QString what = QStringLiteral("tagging comparison %1").arg(comparison_id);
    StorageResult<Transaction> transaction = Transaction::begin(database_, what);
    if (!transaction) {
        return transaction.error();
    }
    if (StorageResult<void> touched = touch(comparison_id, now(), what); !touched) {
        return touched;
    }
    StorageResult<Query> clear =
        database_.query("DELETE FROM comparison_tags WHERE comparison_id = ?", what);
    if (!clear) {
        return clear.error();
    }
    clear->bind(comparison_id);
    if (StorageResult<void> done = clear->run(); !done) {
        return done;
    }
    if (StorageResult<void> tagged = insert_tags(comparison_id, tags, what); !tagged) {
        return tagged;
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return committed;
    }
    Q_EMIT comparisonChanged(comparison_id);
    return {};
}

StorageResult<void> ComparisonStore::insert_tags(qint64 comparison_id, const QStringList& tags,
                                                 const QString& what)
{
    QSet<QString> seen;
    for (const QString& raw : tags) {
        const QString tag = raw.trimmed();
        if (tag.isEmpty() || seen.contains(tag)) {
            continue;
        }
        seen.insert(tag);
        StorageResult<Query> insert =
            database_.query("INSERT INTO comparison_tags (comparison_id, tag) VALUES (?, ?)", what);
        if (!insert) {
            return insert.error();
        }
        insert->bind(comparison_id, tag);
        if (StorageResult<void> done = insert->run(); !done) {
            return done;
        }
    }
    return {};
}

StorageResult<std::vector<ComparisonInfo>> ComparisonStore::list_tagged(const QString& tag,
                                                                        int offset, int limit)
{
    const QString what = QStringLiteral("listing comparisons tagged \"%1\"").arg(tag);
    StorageResult<Query> query = database_.query(
        "SELECT c.id, c.title, c.notes, c.created_at, c.updated_at FROM comparisons c "
        "JOIN comparison_tags t ON t.comparison_id = c.id WHERE t.tag = ? "
        "ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?",
        what);
    if (!query) {
        return query.error();
    }
    query->bind(tag, limit, offset);
    std::vector<ComparisonInfo> page;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return page;
        }
        page.push_back(ComparisonInfo{query->int64(0), query->text(1), query->text(2),
                                      query->int64(3), query->int64(4)});
    }
}

} // namespace kurabe::storage
