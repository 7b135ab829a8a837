// The exporter: one record per line, in a fixed order (docs/export-format.md), with ids
// renumbered from 1 in file order, so the same data always gives the same bytes whatever its
// ids in the database.
#include "storage/transfer/exporter.h"

#include "storage/stores/json_column.h"
#include "storage/transfer/zstd_file.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <unordered_map>
#include <vector>

namespace kurabe::storage {
namespace {

QJsonValue integer(const Query& query, int column)
{
    return QJsonValue(static_cast<qint64>(query.int64(column)));
}

QJsonValue nullable_integer(const Query& query, int column)
{
    return query.is_null(column) ? QJsonValue()
                                 : QJsonValue(static_cast<qint64>(query.int64(column)));
}

QJsonValue nullable_real(const Query& query, int column)
{
    return query.is_null(column) ? QJsonValue() : QJsonValue(query.real(column));
}

QJsonValue file_id(const std::unordered_map<qint64, qint64>& ids, std::optional<qint64> id)
{
    if (!id) {
        return QJsonValue();
    }
    auto found = ids.find(*id);
    return found == ids.end() ? QJsonValue() : QJsonValue(found->second);
}

// Runs `sql` with `bind` values and calls `row(query)` per row.
template <typename Row, typename... Values>
StorageResult<void> each_row(Database& database, const char* sql, const QString& what, Row row,
                             const Values&... values)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(values...);
    for (;;) {
        StorageResult<bool> next = query->next();
        if (!next) {
            return next.error();
        }
        if (!*next) {
            return {};
        }
        if (StorageResult<void> done = row(*query); !done) {
            return done;
        }
    }
}

class Exporter
{
public:
    Exporter(Database& database, ZstdFileWriter& out) : database_(database), out_(out) {}

    StorageResult<void> header(ExportScope scope)
    {
        return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("header")},
                                 {QStringLiteral("format"), QLatin1String(kExportFormatName)},
                                 {QStringLiteral("version"), kExportFormatVersion},
                                 {QStringLiteral("scope"), export_scope_name(scope)}},
                     nullptr);
    }

    StorageResult<void> end()
    {
        return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("end")},
                                 {QStringLiteral("records"), counts_.total()}},
                     nullptr);
    }

    StorageResult<void> settings();
    StorageResult<void> providers();
    StorageResult<void> model_files();
    StorageResult<void> catalog_entries();
    StorageResult<void> conversations(std::optional<qint64> only);
    StorageResult<void> comparisons(std::optional<qint64> only);

    const TransferCounts& counts() const { return counts_; }

private:
    StorageResult<void> conversation(qint64 id);
    StorageResult<void> comparison(qint64 id);
    StorageResult<std::vector<qint64>> ids(const char* sql, const QString& what);

    // Writes one record line; `count` is the counter of its kind (null for header and end).
    StorageResult<void> write(const QJsonObject& record, qint64* count)
    {
        if (count != nullptr) {
            ++*count;
        }
        return out_.write(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
    }

    Database& database_;
    ZstdFileWriter& out_;
    TransferCounts counts_;
};

StorageResult<void> Exporter::settings()
{
    return each_row(database_, "SELECT key, value, typeof(value) FROM settings ORDER BY key",
                    QStringLiteral("exporting settings"), [this](const Query& query) {
                        const QString type = query.text(2);
                        QJsonValue value;
                        if (type == QLatin1String("integer")) {
                            value = static_cast<qint64>(query.int64(1));
                        } else if (type == QLatin1String("real")) {
                            value = query.real(1);
                        } else if (type == QLatin1String("text")) {
                            value = query.text(1);
                        } else {
                            value = QString::fromLatin1(query.blob(1).toBase64());
                        }
                        return write(
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("setting")},
                                        {QStringLiteral("key"), query.text(0)},
                                        {QStringLiteral("value_type"), type},
                                        {QStringLiteral("value"), value}},
                            &counts_.settings);
                    });
}

StorageResult<void> Exporter::providers()
{
    return each_row(
        database_,
        "SELECT kind, name, base_url, options, keychain_ref, created_at, updated_at "
        "FROM providers ORDER BY name",
        QStringLiteral("exporting providers"), [this](const Query& query) {
            return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("provider")},
                                     {QStringLiteral("kind"), query.text(0)},
                                     {QStringLiteral("name"), query.text(1)},
                                     {QStringLiteral("base_url"), query.text(2)},
                                     {QStringLiteral("options"), json_column_object(query.text(3))},
                                     {QStringLiteral("keychain_ref"), query.text(4)},
                                     {QStringLiteral("created_at"), integer(query, 5)},
                                     {QStringLiteral("updated_at"), integer(query, 6)}},
                         &counts_.providers);
        });
}

StorageResult<void> Exporter::model_files()
{
    return each_row(
        database_,
        "SELECT path, size_bytes, sha256, gguf_summary, added_at, last_used_at FROM model_files "
        "ORDER BY path",
        QStringLiteral("exporting the model library"), [this](const Query& query) {
            return write(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("model_file")},
                            {QStringLiteral("path"), query.text(0)},
                            {QStringLiteral("size_bytes"), integer(query, 1)},
                            {QStringLiteral("sha256"),
                             query.is_null(2) ? QJsonValue() : QJsonValue(query.text(2))},
                            {QStringLiteral("gguf_summary"), json_column_object(query.text(3))},
                            {QStringLiteral("added_at"), integer(query, 4)},
                            {QStringLiteral("last_used_at"), nullable_integer(query, 5)}},
                &counts_.model_files);
        });
}

StorageResult<void> Exporter::catalog_entries()
{
    // Built-in entries come with Kurabe; only the user's own and edited ones are data.
    return each_row(
        database_,
        "SELECT key, builtin, user_edited, payload, updated_at FROM catalog_entries "
        "WHERE builtin = 0 OR user_edited = 1 ORDER BY key",
        QStringLiteral("exporting catalog entries"), [this](const Query& query) {
            return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("catalog_entry")},
                                     {QStringLiteral("key"), query.text(0)},
                                     {QStringLiteral("builtin"), query.int64(1) != 0},
                                     {QStringLiteral("user_edited"), query.int64(2) != 0},
                                     {QStringLiteral("payload"), json_column_object(query.text(3))},
                                     {QStringLiteral("updated_at"), integer(query, 4)}},
                         &counts_.catalog_entries);
        });
}

StorageResult<std::vector<qint64>> Exporter::ids(const char* sql, const QString& what)
{
    std::vector<qint64> ids;
    StorageResult<void> done = each_row(database_, sql, what, [&ids](const Query& query) {
        ids.push_back(query.int64(0));
        return StorageResult<void>();
    });
    if (!done) {
        return done.error();
    }
    return ids;
}

StorageResult<void> Exporter::conversations(std::optional<qint64> only)
{
    std::vector<qint64> all;
    if (only) {
        all.push_back(*only);
    } else {
        StorageResult<std::vector<qint64>> found = ids("SELECT id FROM conversations ORDER BY id",
                                                       QStringLiteral("exporting conversations"));
        if (!found) {
            return found.error();
        }
        all = std::move(found).value();
    }
    for (qint64 id : all) {
        if (StorageResult<void> done = conversation(id); !done) {
            return done;
        }
    }
    return {};
}

StorageResult<void> Exporter::conversation(qint64 id)
{
    const QString what = QStringLiteral("exporting conversation %1").arg(id);
    // Messages first, to number them: the conversation names its active root by file id.
    struct Row
    {
        qint64 id;
        std::optional<qint64> parent_id;
        std::optional<qint64> active_child_id;
        QJsonObject record;
    };
    std::vector<Row> rows;
    std::unordered_map<qint64, qint64> file_ids; // database id -> file id
    StorageResult<void> read = each_row(
        database_,
        "SELECT id, parent_id, active_child_id, role, content, target, sampling, created_at, "
        "updated_at, tokens_in, tokens_out, ttft_ms, tokens_per_s, cost_usd, finish_reason, error "
        "FROM messages WHERE conversation_id = ? ORDER BY id",
        what,
        [&](const Query& query) {
            file_ids.emplace(query.int64(0),
                             counts_.messages + 1 + static_cast<qint64>(rows.size()));
            rows.push_back(
                Row{query.int64(0), query.optional_int64(1), query.optional_int64(2),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                {QStringLiteral("role"), query.text(3)},
                                {QStringLiteral("content"), query.text(4)},
                                {QStringLiteral("target"), json_column_object(query.text(5))},
                                {QStringLiteral("sampling"), json_column_object(query.text(6))},
                                {QStringLiteral("created_at"), integer(query, 7)},
                                {QStringLiteral("updated_at"), integer(query, 8)},
                                {QStringLiteral("tokens_in"), nullable_integer(query, 9)},
                                {QStringLiteral("tokens_out"), nullable_integer(query, 10)},
                                {QStringLiteral("ttft_ms"), nullable_real(query, 11)},
                                {QStringLiteral("tokens_per_s"), nullable_real(query, 12)},
                                {QStringLiteral("cost_usd"), nullable_real(query, 13)},
                                {QStringLiteral("finish_reason"), query.text(14)},
                                {QStringLiteral("error"), query.text(15)}}});
            return StorageResult<void>();
        },
        id);
    if (!read) {
        return read;
    }
    bool found = false;
    const qint64 conversation_file_id = counts_.conversations + 1;
    StorageResult<void> header = each_row(
        database_,
        "SELECT title, created_at, updated_at, pinned, archived, system_prompt, default_target, "
        "default_sampling, active_root_id FROM conversations WHERE id = ?",
        what,
        [&](const Query& query) {
            found = true;
            return write(
                QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("conversation")},
                    {QStringLiteral("id"), conversation_file_id},
                    {QStringLiteral("title"), query.text(0)},
                    {QStringLiteral("created_at"), integer(query, 1)},
                    {QStringLiteral("updated_at"), integer(query, 2)},
                    {QStringLiteral("pinned"), query.int64(3) != 0},
                    {QStringLiteral("archived"), query.int64(4) != 0},
                    {QStringLiteral("system_prompt"), query.text(5)},
                    {QStringLiteral("default_target"), json_column_object(query.text(6))},
                    {QStringLiteral("default_sampling"), json_column_object(query.text(7))},
                    {QStringLiteral("active_root"), file_id(file_ids, query.optional_int64(8))}},
                &counts_.conversations);
        },
        id);
    if (!header) {
        return header;
    }
    if (!found) {
        return StorageError{StorageErrorKind::NotFound, 0,
                            QStringLiteral("%1: conversation %2 does not exist").arg(what).arg(id)};
    }
    for (Row& row : rows) {
        row.record.insert(QStringLiteral("id"), file_ids.at(row.id));
        row.record.insert(QStringLiteral("conversation"), conversation_file_id);
        row.record.insert(QStringLiteral("parent"), file_id(file_ids, row.parent_id));
        row.record.insert(QStringLiteral("active_child"), file_id(file_ids, row.active_child_id));
        if (StorageResult<void> done = write(row.record, &counts_.messages); !done) {
            return done;
        }
    }
    return {};
}

StorageResult<void> Exporter::comparisons(std::optional<qint64> only)
{
    std::vector<qint64> all;
    if (only) {
        all.push_back(*only);
    } else {
        StorageResult<std::vector<qint64>> found =
            ids("SELECT id FROM comparisons ORDER BY id", QStringLiteral("exporting comparisons"));
        if (!found) {
            return found.error();
        }
        all = std::move(found).value();
    }
    for (qint64 id : all) {
        if (StorageResult<void> done = comparison(id); !done) {
            return done;
        }
    }
    return {};
}

StorageResult<void> Exporter::comparison(qint64 id)
{
    const QString what = QStringLiteral("exporting comparison %1").arg(id);
    bool found = false;
    const qint64 comparison_file_id = counts_.comparisons + 1;
    StorageResult<void> done = each_row(
        database_, "SELECT title, notes, created_at, updated_at FROM comparisons WHERE id = ?",
        what,
        [&](const Query& query) {
            found = true;
            return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison")},
                                     {QStringLiteral("id"), comparison_file_id},
                                     {QStringLiteral("title"), query.text(0)},
                                     {QStringLiteral("notes"), query.text(1)},
                                     {QStringLiteral("created_at"), integer(query, 2)},
                                     {QStringLiteral("updated_at"), integer(query, 3)}},
                         &counts_.comparisons);
        },
        id);
    if (!done) {
        return done;
    }
    if (!found) {
        return StorageError{StorageErrorKind::NotFound, 0,
                            QStringLiteral("%1: comparison %2 does not exist").arg(what).arg(id)};
    }
    std::unordered_map<qint64, qint64> targets; // database id -> file id
    std::unordered_map<qint64, qint64> prompts;
    done = each_row(
        database_,
        "SELECT id, position, label, target, sampling FROM comparison_targets "
        "WHERE comparison_id = ? ORDER BY position",
        what,
        [&](const Query& query) {
            const qint64 file = counts_.comparison_targets + 1;
            targets.emplace(query.int64(0), file);
            return write(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison_target")},
                            {QStringLiteral("id"), file},
                            {QStringLiteral("comparison"), comparison_file_id},
                            {QStringLiteral("position"), integer(query, 1)},
                            {QStringLiteral("label"), query.text(2)},
                            {QStringLiteral("target"), json_column_object(query.text(3))},
                            {QStringLiteral("sampling"), json_column_object(query.text(4))}},
                &counts_.comparison_targets);
        },
        id);
    if (!done) {
        return done;
    }
    done = each_row(
        database_,
        "SELECT id, position, system_prompt, content FROM comparison_prompts "
        "WHERE comparison_id = ? ORDER BY position",
        what,
        [&](const Query& query) {
            const qint64 file = counts_.comparison_prompts + 1;
            prompts.emplace(query.int64(0), file);
            return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison_prompt")},
                                     {QStringLiteral("id"), file},
                                     {QStringLiteral("comparison"), comparison_file_id},
                                     {QStringLiteral("position"), integer(query, 1)},
                                     {QStringLiteral("system_prompt"), query.text(2)},
                                     {QStringLiteral("content"), query.text(3)}},
                         &counts_.comparison_prompts);
        },
        id);
    if (!done) {
        return done;
    }
    done = each_row(
        database_,
        "SELECT prompt_id, target_id, content, created_at, updated_at, tokens_in, tokens_out, "
        "ttft_ms, tokens_per_s, cost_usd, finish_reason, error, rating, note, "
        "prompt_tokens_per_s, wall_ms, details "
        "FROM comparison_results WHERE comparison_id = ? ORDER BY id",
        what,
        [&](const Query& query) {
            return write(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison_result")},
                            {QStringLiteral("comparison"), comparison_file_id},
                            {QStringLiteral("prompt"), file_id(prompts, query.int64(0))},
                            {QStringLiteral("target"), file_id(targets, query.int64(1))},
                            {QStringLiteral("content"), query.text(2)},
                            {QStringLiteral("created_at"), integer(query, 3)},
                            {QStringLiteral("updated_at"), integer(query, 4)},
                            {QStringLiteral("tokens_in"), nullable_integer(query, 5)},
                            {QStringLiteral("tokens_out"), nullable_integer(query, 6)},
                            {QStringLiteral("ttft_ms"), nullable_real(query, 7)},
                            {QStringLiteral("tokens_per_s"), nullable_real(query, 8)},
                            {QStringLiteral("cost_usd"), nullable_real(query, 9)},
                            {QStringLiteral("finish_reason"), query.text(10)},
                            {QStringLiteral("error"), query.text(11)},
                            {QStringLiteral("rating"), nullable_integer(query, 12)},
                            {QStringLiteral("note"), query.text(13)},
                            {QStringLiteral("prompt_tokens_per_s"), nullable_real(query, 14)},
                            {QStringLiteral("wall_ms"), nullable_real(query, 15)},
                            {QStringLiteral("details"), json_column_object(query.text(16))}},
                &counts_.comparison_results);
        },
        id);
    if (!done) {
        return done;
    }
    done = each_row(
        database_,
        "SELECT prompt_id, winner_target_id, created_at FROM comparison_votes "
        "WHERE comparison_id = ? ORDER BY id",
        what,
        [&](const Query& query) {
            return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison_vote")},
                                     {QStringLiteral("comparison"), comparison_file_id},
                                     {QStringLiteral("prompt"), file_id(prompts, query.int64(0))},
                                     {QStringLiteral("winner_target"),
                                      file_id(targets, query.optional_int64(1))},
                                     {QStringLiteral("created_at"), integer(query, 2)}},
                         &counts_.comparison_votes);
        },
        id);
    if (!done) {
        return done;
    }
    done = each_row(
        database_,
        "SELECT prompt_id, target_a_id, target_b_id, outcome, created_at "
        "FROM comparison_pair_votes WHERE comparison_id = ? ORDER BY id",
        what,
        [&](const Query& query) {
            return write(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison_pair_vote")},
                            {QStringLiteral("comparison"), comparison_file_id},
                            {QStringLiteral("prompt"), file_id(prompts, query.int64(0))},
                            {QStringLiteral("target_a"), file_id(targets, query.int64(1))},
                            {QStringLiteral("target_b"), file_id(targets, query.int64(2))},
                            {QStringLiteral("outcome"), query.text(3)},
                            {QStringLiteral("created_at"), integer(query, 4)}},
                &counts_.comparison_pair_votes);
        },
        id);
    if (!done) {
        return done;
    }
    return each_row(
        database_, "SELECT tag FROM comparison_tags WHERE comparison_id = ? ORDER BY tag", what,
        [&](const Query& query) {
            return write(QJsonObject{{QStringLiteral("type"), QStringLiteral("comparison_tag")},
                                     {QStringLiteral("comparison"), comparison_file_id},
                                     {QStringLiteral("tag"), query.text(0)}},
                         &counts_.comparison_tags);
        },
        id);
}

// A read transaction for the whole export (unless the caller holds one): one snapshot.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(Database& database) : database_(database) {}
    ~ReadSnapshot()
    {
        if (active_) {
            if (StorageResult<Query> end = database_.query("COMMIT", QString()); end) {
                (void)end->run();
            }
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

    StorageResult<void> begin()
    {
        if (database_.in_transaction()) {
            return {};
        }
        StorageResult<Query> query = database_.query("BEGIN", QStringLiteral("exporting"));
        if (!query) {
            return query.error();
        }
        StorageResult<void> begun = query->run();
        active_ = begun.ok();
        return begun;
    }

private:
    Database& database_;
    bool active_ = false;
};

} // namespace

StorageResult<ExportSummary> export_to_file(Database& database, ExportScope scope, qint64 id,
                                            const QString& path)
{
    StorageResult<std::unique_ptr<ZstdFileWriter>> out = ZstdFileWriter::create(path);
    if (!out) {
        return out.error();
    }
    ReadSnapshot snapshot(database);
    if (StorageResult<void> begun = snapshot.begin(); !begun) {
        return begun.error();
    }
    Exporter exporter(database, **out);
    StorageResult<void> done = exporter.header(scope);
    if (done && scope == ExportScope::Everything) {
        for (auto part : {&Exporter::settings, &Exporter::providers, &Exporter::model_files,
                          &Exporter::catalog_entries}) {
            if (done = (exporter.*part)(); !done) {
                break;
            }
        }
    }
    if (done && scope != ExportScope::Comparison) {
        done = exporter.conversations(scope == ExportScope::Conversation ? std::optional(id)
                                                                         : std::nullopt);
    }
    if (done && scope != ExportScope::Conversation) {
        done = exporter.comparisons(scope == ExportScope::Comparison ? std::optional(id)
                                                                     : std::nullopt);
    }
    if (done) {
        done = exporter.end();
    }
    if (done) {
        done = (*out)->finish();
    }
    if (!done) {
        return done.error();
    }
    return ExportSummary{exporter.counts(), (*out)->uncompressed_bytes()};
}

} // namespace kurabe::storage
