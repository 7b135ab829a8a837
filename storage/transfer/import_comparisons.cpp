// ImportSession: the comparison records of the export format (docs/export-format.md):
// comparisons, their targets, prompts, results, votes, pair votes and tags.
#include "storage/stores/comparison_types.h"
#include "storage/stores/json_column.h"
#include "storage/transfer/import_session.h"

namespace kurabe::storage {
namespace {

StorageError bad_record(const QString& why)
{
    return StorageError{StorageErrorKind::InvalidArgument, 0, why};
}

// A measurement added in format version 2: absent in older files, then not measured.
std::optional<double> measurement(ImportFields& fields, const char* name)
{
    if (!fields.has(name)) {
        return std::nullopt;
    }
    const std::optional<double> value = fields.optional_real(name);
    if (value && *value < 0) {
        fields.fail(
            QStringLiteral("the field \"%1\" must not be negative").arg(QLatin1String(name)));
    }
    return value;
}

} // namespace

StorageResult<qint64> ImportSession::owning_comparison(qint64 file_id) const
{
    auto comparison = comparisons_.find(file_id);
    if (comparison == comparisons_.end()) {
        return bad_record(
            QStringLiteral("\"comparison\": comparison %1 is not an earlier record").arg(file_id));
    }
    return comparison->second.id;
}

StorageResult<void> ImportSession::comparison(ImportFields& fields)
{
    const qint64 file_id = fields.integer("id");
    const QString title = fields.text("title");
    const QString notes = fields.text("notes");
    const qint64 created_at = fields.integer("created_at");
    const qint64 updated_at = fields.integer("updated_at");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<bool> added =
        insert("INSERT INTO comparisons (title, notes, created_at, updated_at) VALUES (?, ?, ?, ?)",
               title, notes, created_at, updated_at);
    if (!added) {
        return added.error();
    }
    const qint64 id = database_.last_insert_id();
    if (StorageResult<void> kept = remember(comparisons_, file_id, {id, 0}, "comparison"); !kept) {
        return kept;
    }
    summary_.comparison_ids.push_back(id);
    ++summary_.imported.comparisons;
    return {};
}

StorageResult<void> ImportSession::comparison_target(ImportFields& fields)
{
    const qint64 file_id = fields.integer("id");
    const qint64 owner = fields.integer("comparison");
    const qint64 position = fields.integer("position");
    const QString label = fields.text("label");
    const QJsonObject target = fields.object("target");
    const QJsonObject sampling = fields.object("sampling");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<qint64> comparison_id = owning_comparison(owner);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<bool> added = insert(
        "INSERT INTO comparison_targets (comparison_id, position, label, target, sampling) "
        "VALUES (?, ?, ?, ?, ?)",
        *comparison_id, position, label, json_column_text(target), json_column_text(sampling));
    if (!added) {
        return added.error();
    }
    ++summary_.imported.comparison_targets;
    return remember(targets_, file_id, {database_.last_insert_id(), owner}, "comparison_target");
}

StorageResult<void> ImportSession::comparison_prompt(ImportFields& fields)
{
    const qint64 file_id = fields.integer("id");
    const qint64 owner = fields.integer("comparison");
    const qint64 position = fields.integer("position");
    const QString system_prompt = fields.text("system_prompt");
    const QString content = fields.text("content");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<qint64> comparison_id = owning_comparison(owner);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<bool> added =
        insert("INSERT INTO comparison_prompts (comparison_id, position, system_prompt, content) "
               "VALUES (?, ?, ?, ?)",
               *comparison_id, position, system_prompt, content);
    if (!added) {
        return added.error();
    }
    ++summary_.imported.comparison_prompts;
    return remember(prompts_, file_id, {database_.last_insert_id(), owner}, "comparison_prompt");
}

StorageResult<void> ImportSession::comparison_result(ImportFields& fields)
{
    const qint64 owner = fields.integer("comparison");
    const qint64 prompt = fields.integer("prompt");
    const qint64 target = fields.integer("target");
    const QString content = fields.text("content");
    const qint64 created_at = fields.integer("created_at");
    const qint64 updated_at = fields.integer("updated_at");
    const std::optional<qint64> tokens_in = fields.optional_integer("tokens_in");
    const std::optional<qint64> tokens_out = fields.optional_integer("tokens_out");
    const std::optional<double> ttft_ms = fields.optional_real("ttft_ms");
    const std::optional<double> tokens_per_s = fields.optional_real("tokens_per_s");
    const std::optional<double> cost_usd = fields.optional_real("cost_usd");
    const QString finish_reason = fields.text("finish_reason");
    const QString error = fields.text("error");
    const std::optional<qint64> rating = fields.optional_integer("rating");
    const QString note = fields.text("note");
    const std::optional<double> prompt_tokens_per_s = measurement(fields, "prompt_tokens_per_s");
    const std::optional<double> wall_ms = measurement(fields, "wall_ms");
    const QJsonObject details = fields.has("details") ? fields.object("details") : QJsonObject();
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<qint64> comparison_id = owning_comparison(owner);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<qint64> prompt_id =
        resolve(prompts_, prompt, owner, "prompt", "comparison_prompt", "comparison");
    if (!prompt_id) {
        return prompt_id.error();
    }
    StorageResult<qint64> target_id =
        resolve(targets_, target, owner, "target", "comparison_target", "comparison");
    if (!target_id) {
        return target_id.error();
    }
    StorageResult<bool> added =
        insert("INSERT INTO comparison_results (comparison_id, prompt_id, target_id, content, "
               "created_at, updated_at, tokens_in, tokens_out, ttft_ms, tokens_per_s, cost_usd, "
               "finish_reason, error, rating, note, prompt_tokens_per_s, wall_ms, details) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               *comparison_id, *prompt_id, *target_id, content, created_at, updated_at, tokens_in,
               tokens_out, ttft_ms, tokens_per_s, cost_usd, finish_reason, error, rating, note,
               prompt_tokens_per_s, wall_ms, json_column_text(details));
    if (!added) {
        return added.error();
    }
    ++summary_.imported.comparison_results;
    return {};
}

StorageResult<void> ImportSession::comparison_vote(ImportFields& fields)
{
    const qint64 owner = fields.integer("comparison");
    const qint64 prompt = fields.integer("prompt");
    const std::optional<qint64> winner = fields.optional_integer("winner_target");
    const qint64 created_at = fields.integer("created_at");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<qint64> comparison_id = owning_comparison(owner);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<qint64> prompt_id =
        resolve(prompts_, prompt, owner, "prompt", "comparison_prompt", "comparison");
    if (!prompt_id) {
        return prompt_id.error();
    }
    std::optional<qint64> winner_id;
    if (winner) {
        StorageResult<qint64> resolved =
            resolve(targets_, *winner, owner, "winner_target", "comparison_target", "comparison");
        if (!resolved) {
            return resolved.error();
        }
        winner_id = *resolved;
    }
    StorageResult<bool> added = insert(
        "INSERT INTO comparison_votes (comparison_id, prompt_id, winner_target_id, created_at) "
        "VALUES (?, ?, ?, ?)",
        *comparison_id, *prompt_id, winner_id, created_at);
    if (!added) {
        return added.error();
    }
    ++summary_.imported.comparison_votes;
    return {};
}

StorageResult<void> ImportSession::comparison_pair_vote(ImportFields& fields)
{
    const qint64 owner = fields.integer("comparison");
    const qint64 prompt = fields.integer("prompt");
    const qint64 target_a = fields.integer("target_a");
    const qint64 target_b = fields.integer("target_b");
    const QString outcome = fields.text("outcome");
    const qint64 created_at = fields.integer("created_at");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    if (!pairOutcomeFromName(outcome)) {
        return bad_record(QStringLiteral("\"outcome\": \"%1\" is not one of \"a\", \"b\", "
                                         "\"tie\" or \"both_bad\"")
                              .arg(outcome));
    }
    if (target_a == target_b) {
        return bad_record(QStringLiteral("\"target_a\" and \"target_b\" are both target %1; a "
                                         "pair vote judges two different targets")
                              .arg(target_a));
    }
    StorageResult<qint64> comparison_id = owning_comparison(owner);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<qint64> prompt_id =
        resolve(prompts_, prompt, owner, "prompt", "comparison_prompt", "comparison");
    if (!prompt_id) {
        return prompt_id.error();
    }
    StorageResult<qint64> target_a_id =
        resolve(targets_, target_a, owner, "target_a", "comparison_target", "comparison");
    if (!target_a_id) {
        return target_a_id.error();
    }
    StorageResult<qint64> target_b_id =
        resolve(targets_, target_b, owner, "target_b", "comparison_target", "comparison");
    if (!target_b_id) {
        return target_b_id.error();
    }
    StorageResult<bool> added =
        insert("INSERT INTO comparison_pair_votes (comparison_id, prompt_id, target_a_id, "
               "target_b_id, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?)",
               *comparison_id, *prompt_id, *target_a_id, *target_b_id, outcome, created_at);
    if (!added) {
        return added.error();
    }
    ++summary_.imported.comparison_pair_votes;
    return {};
}

StorageResult<void> ImportSession::comparison_tag(ImportFields& fields)
{
    const qint64 owner = fields.integer("comparison");
    const QString tag = fields.text("tag");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    // The store keeps tags trimmed and non-empty; a file must not bring in others.
    if (tag.isEmpty() || tag.trimmed() != tag) {
        return bad_record(
            QStringLiteral("\"tag\": \"%1\" is empty or starts or ends with a space").arg(tag));
    }
    StorageResult<qint64> comparison_id = owning_comparison(owner);
    if (!comparison_id) {
        return comparison_id.error();
    }
    StorageResult<bool> added =
        insert("INSERT INTO comparison_tags (comparison_id, tag) VALUES (?, ?) "
               "ON CONFLICT (comparison_id, tag) DO NOTHING",
               *comparison_id, tag);
    if (!added) {
        return added.error();
    }
    if (!*added) {
        return bad_record(
            QStringLiteral("comparison %1 is tagged \"%2\" twice").arg(owner).arg(tag));
    }
    ++summary_.imported.comparison_tags;
    return {};
}

} // namespace kurabe::storage
