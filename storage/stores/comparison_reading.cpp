// ComparisonStore: reading the comparison list, a whole comparison and single results.
#include "storage/stores/comparison_store.h"
#include "storage/stores/json_column.h"

namespace kurabe::storage {
namespace {

// Columns: id, title, notes, created_at, updated_at.
ComparisonInfo read_info(const Query& query)
{
    return ComparisonInfo{query.int64(0), query.text(1), query.text(2), query.int64(3),
                          query.int64(4)};
}

// Columns: id, prompt_id, target_id, content, created_at, updated_at, tokens_in, tokens_out,
// ttft_ms, tokens_per_s, cost_usd, finish_reason, error, rating, note, prompt_tokens_per_s,
// wall_ms, details.
ComparisonResult read_result(const Query& query)
{
    ComparisonResult result;
    result.id = query.int64(0);
    result.prompt_id = query.int64(1);
    result.target_id = query.int64(2);
    result.content = query.text(3);
    result.created_at_ms = query.int64(4);
    result.updated_at_ms = query.int64(5);
    result.metrics.tokens_in = query.optional_int64(6);
    result.metrics.tokens_out = query.optional_int64(7);
    result.metrics.ttft_ms = query.optional_real(8);
    result.metrics.tokens_per_s = query.optional_real(9);
    result.metrics.cost_usd = query.optional_real(10);
    result.metrics.finish_reason = query.text(11);
    result.metrics.error = query.text(12);
    if (std::optional<std::int64_t> rating = query.optional_int64(13)) {
        result.rating = static_cast<int>(*rating);
    }
    result.note = query.text(14);
    result.measurements.prompt_tokens_per_s = query.optional_real(15);
    result.measurements.wall_ms = query.optional_real(16);
    result.measurements.details = json_column_object(query.text(17));
    return result;
}

// Runs `sql` with `id` bound and appends `read(query)` for each row.
template <typename T, typename Read>
StorageResult<void> read_rows(Database& database, const char* sql, qint64 id, const QString& what,
                              std::vector<T>& rows, Read read)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(id);
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return {};
        }
        rows.push_back(read(*query));
    }
}

} // namespace

StorageResult<std::vector<ComparisonInfo>> ComparisonStore::list(int offset, int limit)
{
    const QString what = QStringLiteral("listing comparisons");
    StorageResult<Query> query =
        database_.query("SELECT id, title, notes, created_at, updated_at FROM comparisons "
                        "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
                        what);
    if (!query) {
        return query.error();
    }
    query->bind(limit, offset);
    std::vector<ComparisonInfo> page;
    for (;;) {
        StorageResult<bool> row = query->next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return page;
        }
        page.push_back(read_info(*query));
    }
}

StorageResult<Comparison> ComparisonStore::comparison(qint64 id)
{
    const QString what = QStringLiteral("reading comparison %1").arg(id);
    // One read transaction, so the parts are from the same moment even while the writer
    // streams results into the comparison (unless the caller already holds one).
    const bool own_snapshot = !database_.in_transaction();
    if (own_snapshot) {
        StorageResult<Query> begin = database_.query("BEGIN", what);
        if (!begin) {
            return begin.error();
        }
        if (StorageResult<void> begun = begin->run(); !begun) {
            return begun.error();
        }
    }
    struct EndRead
    {
        Database& database;
        bool active;
        ~EndRead()
        {
            if (!active) {
                return;
            }
            if (StorageResult<Query> end = database.query("COMMIT", QString()); end) {
                (void)end->run();
            }
        }
    } end_read{database_, own_snapshot};

    Comparison comparison;
    std::vector<ComparisonInfo> infos;
    if (StorageResult<void> done = read_rows(
            database_,
            "SELECT id, title, notes, created_at, updated_at FROM comparisons WHERE id = ?", id,
            what, infos, read_info);
        !done) {
        return done.error();
    }
    if (infos.empty()) {
        return StorageError{StorageErrorKind::NotFound, 0,
                            QStringLiteral("%1: comparison %2 does not exist").arg(what).arg(id)};
    }
    comparison.info = infos.front();
    if (StorageResult<void> done =
            read_rows(database_,
                      "SELECT id, position, label, target, sampling FROM comparison_targets "
                      "WHERE comparison_id = ? ORDER BY position",
                      id, what, comparison.targets,
                      [](const Query& query) {
                          return ComparisonTarget{query.int64(0), static_cast<int>(query.int64(1)),
                                                  query.text(2), json_column_object(query.text(3)),
                                                  json_column_object(query.text(4))};
                      });
        !done) {
        return done.error();
    }
    if (StorageResult<void> done =
            read_rows(database_,
                      "SELECT id, position, system_prompt, content FROM comparison_prompts "
                      "WHERE comparison_id = ? ORDER BY position",
                      id, what, comparison.prompts,
                      [](const Query& query) {
                          return ComparisonPrompt{query.int64(0), static_cast<int>(query.int64(1)),
                                                  query.text(2), query.text(3)};
                      });
        !done) {
        return done.error();
    }
    if (StorageResult<void> done = read_rows(
            database_,
            "SELECT id, prompt_id, target_id, content, created_at, updated_at, tokens_in, "
            "tokens_out, ttft_ms, tokens_per_s, cost_usd, finish_reason, error, rating, note, "
            "prompt_tokens_per_s, wall_ms, details FROM comparison_results WHERE comparison_id = ? "
            "ORDER BY id",
            id, what, comparison.results, read_result);
        !done) {
        return done.error();
    }
    if (StorageResult<void> done =
            read_rows(database_,
                      "SELECT id, prompt_id, winner_target_id, created_at FROM comparison_votes "
                      "WHERE comparison_id = ? ORDER BY id",
                      id, what, comparison.votes,
                      [](const Query& query) {
                          return ComparisonVote{query.int64(0), query.int64(1),
                                                query.optional_int64(2), query.int64(3)};
                      });
        !done) {
        return done.error();
    }
    if (StorageResult<void> done =
            read_rows(database_,
                      "SELECT id, prompt_id, target_a_id, target_b_id, outcome, created_at "
                      "FROM comparison_pair_votes WHERE comparison_id = ? ORDER BY id",
                      id, what, comparison.pair_votes,
                      [](const Query& query) {
                          // The CHECK constraint admits only known names.
                          return ComparisonPairVote{
                              query.int64(0),
                              query.int64(1),
                              query.int64(2),
                              query.int64(3),
                              pairOutcomeFromName(query.text(4)).value_or(PairOutcome::Tie),
                              query.int64(5)};
                      });
        !done) {
        return done.error();
    }
    std::vector<QString> tags;
    if (StorageResult<void> done = read_rows(
            database_, "SELECT tag FROM comparison_tags WHERE comparison_id = ? ORDER BY tag", id,
            what, tags, [](const Query& query) { return query.text(0); });
        !done) {
        return done.error();
    }
    for (const QString& tag : tags) {
        comparison.tags.append(tag);
    }
    return comparison;
}

StorageResult<ComparisonResult> ComparisonStore::result(qint64 result_id)
{
    const QString what = QStringLiteral("reading result %1").arg(result_id);
    std::vector<ComparisonResult> rows;
    if (StorageResult<void> done = read_rows(
            database_,
            "SELECT id, prompt_id, target_id, content, created_at, updated_at, tokens_in, "
            "tokens_out, ttft_ms, tokens_per_s, cost_usd, finish_reason, error, rating, note, "
            "prompt_tokens_per_s, wall_ms, details FROM comparison_results WHERE id = ?",
            result_id, what, rows, read_result);
        !done) {
        return done.error();
    }
    if (rows.empty()) {
        return StorageError{
            StorageErrorKind::NotFound, 0,
            QStringLiteral("%1: result %2 does not exist").arg(what).arg(result_id)};
    }
    return rows.front();
}

} // namespace kurabe::storage
