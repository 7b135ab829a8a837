// ImportSession: one method per record type of the export format (docs/export-format.md).
#include "storage/stores/conversation_types.h"
#include "storage/stores/json_column.h"
#include "storage/stores/provider_store.h"
#include "storage/transfer/import_session.h"

namespace kurabe::storage {
namespace {

StorageError bad_record(const QString& why)
{
    return StorageError{StorageErrorKind::InvalidArgument, 0, why};
}

} // namespace

StorageResult<qint64> ImportSession::resolve(const std::unordered_map<qint64, Mapped>& ids,
                                             qint64 file_id, qint64 owner, const char* field,
                                             const char* thing, const char* owner_kind)
{
    auto found = ids.find(file_id);
    if (found == ids.end() || found->second.owner != owner) {
        return bad_record(QStringLiteral("\"%1\": %2 %3 is not an earlier record of the same %4")
                              .arg(QLatin1String(field), QLatin1String(thing))
                              .arg(file_id)
                              .arg(QLatin1String(owner_kind)));
    }
    return found->second.id;
}

StorageResult<void> ImportSession::remember(std::unordered_map<qint64, Mapped>& ids, qint64 file_id,
                                            Mapped mapped, const char* thing)
{
    if (!ids.emplace(file_id, mapped).second) {
        return bad_record(
            QStringLiteral("%1 id %2 is used twice").arg(QLatin1String(thing)).arg(file_id));
    }
    return {};
}

StorageResult<void> ImportSession::add(const QString& type, const QJsonObject& record)
{
    using Reader = StorageResult<void> (ImportSession::*)(ImportFields&);
    static const std::pair<const char*, Reader> kReaders[] = {
        {"setting", &ImportSession::setting},
        {"provider", &ImportSession::provider},
        {"model_file", &ImportSession::model_file},
        {"catalog_entry", &ImportSession::catalog_entry},
        {"conversation", &ImportSession::conversation},
        {"message", &ImportSession::message},
        {"comparison", &ImportSession::comparison},
        {"comparison_target", &ImportSession::comparison_target},
        {"comparison_prompt", &ImportSession::comparison_prompt},
        {"comparison_result", &ImportSession::comparison_result},
        {"comparison_vote", &ImportSession::comparison_vote},
        {"comparison_pair_vote", &ImportSession::comparison_pair_vote},
        {"comparison_tag", &ImportSession::comparison_tag},
    };
    for (const auto& [name, reader] : kReaders) {
        if (type == QLatin1String(name)) {
            ImportFields fields(record);
            return (this->*reader)(fields);
        }
    }
    return bad_record(QStringLiteral("unknown record type \"%1\"").arg(type));
}

StorageResult<void> ImportSession::setting(ImportFields& fields)
{
    const QString key = fields.text("key");
    const QString type = fields.text("value_type");
    const QJsonValue value = fields.value("value");
    StorageResult<bool> added = false;
    const char* sql =
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
    if (type == QLatin1String("integer") || type == QLatin1String("real")) {
        const qint64 integer = type == QLatin1String("integer") ? fields.integer("value") : 0;
        const double real =
            type == QLatin1String("real") ? fields.optional_real("value").value_or(0) : 0;
        if (!value.isDouble()) {
            fields.fail(QStringLiteral("the field \"value\" must be a number"));
        }
        if (!fields.problem().isEmpty()) {
            return bad_record(fields.problem());
        }
        added =
            type == QLatin1String("integer") ? insert(sql, key, integer) : insert(sql, key, real);
    } else if (type == QLatin1String("text") || type == QLatin1String("blob")) {
        const QString text = fields.text("value");
        if (!fields.problem().isEmpty()) {
            return bad_record(fields.problem());
        }
        added = type == QLatin1String("text")
                    ? insert(sql, key, text)
                    : insert(sql, key, QByteArray::fromBase64(text.toLatin1()));
    } else {
        return bad_record(fields.problem().isEmpty()
                              ? QStringLiteral("unknown value_type \"%1\"").arg(type)
                              : fields.problem());
    }
    if (!added) {
        return added.error();
    }
    ++(*added ? summary_.imported : summary_.skipped).settings;
    return {};
}

StorageResult<void> ImportSession::provider(ImportFields& fields)
{
    const QString kind = fields.text("kind");
    const QString name = fields.text("name");
    const QString base_url = fields.text("base_url");
    const QJsonObject options = fields.object("options");
    const QString keychain_ref = fields.text("keychain_ref");
    const qint64 created_at = fields.integer("created_at");
    const qint64 updated_at = fields.integer("updated_at");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    if (const QString secret = secret_option_path(options); !secret.isEmpty()) {
        return bad_record(QStringLiteral("provider \"%1\" has an option \"%2\" that looks like a "
                                         "secret; Kurabe never stores secrets in its database")
                              .arg(name, secret));
    }
    StorageResult<bool> added = insert(
        "INSERT INTO providers (kind, name, base_url, options, keychain_ref, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
        kind, name, base_url, json_column_text(options), keychain_ref, created_at, updated_at);
    if (!added) {
        return added.error();
    }
    ++(*added ? summary_.imported : summary_.skipped).providers;
    return {};
}

StorageResult<void> ImportSession::model_file(ImportFields& fields)
{
    const QString path = fields.text("path");
    const qint64 size = fields.integer("size_bytes");
    const std::optional<QString> sha256 = fields.optional_text("sha256");
    const QJsonObject summary = fields.object("gguf_summary");
    const qint64 added_at = fields.integer("added_at");
    const std::optional<qint64> last_used_at = fields.optional_integer("last_used_at");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<bool> added = insert(
        "INSERT INTO model_files (path, size_bytes, sha256, gguf_summary, added_at, last_used_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING",
        path, size, sha256, json_column_text(summary), added_at, last_used_at);
    if (!added) {
        return added.error();
    }
    ++(*added ? summary_.imported : summary_.skipped).model_files;
    return {};
}

StorageResult<void> ImportSession::catalog_entry(ImportFields& fields)
{
    const QString key = fields.text("key");
    const bool builtin = fields.boolean("builtin");
    const bool user_edited = fields.boolean("user_edited");
    const QJsonObject payload = fields.object("payload");
    const qint64 updated_at = fields.integer("updated_at");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<bool> added =
        insert("INSERT INTO catalog_entries (key, builtin, user_edited, payload, updated_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
               key, builtin, user_edited, json_column_text(payload), updated_at);
    if (!added) {
        return added.error();
    }
    ++(*added ? summary_.imported : summary_.skipped).catalog_entries;
    return {};
}

StorageResult<void> ImportSession::conversation(ImportFields& fields)
{
    const qint64 file_id = fields.integer("id");
    const QString title = fields.text("title");
    const qint64 created_at = fields.integer("created_at");
    const qint64 updated_at = fields.integer("updated_at");
    const bool pinned = fields.boolean("pinned");
    const bool archived = fields.boolean("archived");
    const QString system_prompt = fields.text("system_prompt");
    const QJsonObject target = fields.object("default_target");
    const QJsonObject sampling = fields.object("default_sampling");
    const std::optional<qint64> active_root = fields.optional_integer("active_root");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    StorageResult<bool> added =
        insert("INSERT INTO conversations (title, created_at, updated_at, pinned, archived, "
               "system_prompt, default_target, default_sampling) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               title, created_at, updated_at, pinned, archived, system_prompt,
               json_column_text(target), json_column_text(sampling));
    if (!added) {
        return added.error();
    }
    const qint64 id = database_.last_insert_id();
    if (StorageResult<void> kept = remember(conversations_, file_id, {id, 0}, "conversation");
        !kept) {
        return kept;
    }
    if (active_root) {
        active_roots_.emplace_back(id, *active_root);
    }
    summary_.conversation_ids.push_back(id);
    ++summary_.imported.conversations;
    return {};
}

StorageResult<void> ImportSession::message(ImportFields& fields)
{
    const qint64 file_id = fields.integer("id");
    const qint64 conversation_file_id = fields.integer("conversation");
    const std::optional<qint64> parent = fields.optional_integer("parent");
    const std::optional<qint64> active_child = fields.optional_integer("active_child");
    const QString role = fields.text("role");
    const QString content = fields.text("content");
    const QJsonObject target = fields.object("target");
    const QJsonObject sampling = fields.object("sampling");
    const qint64 created_at = fields.integer("created_at");
    const qint64 updated_at = fields.integer("updated_at");
    const std::optional<qint64> tokens_in = fields.optional_integer("tokens_in");
    const std::optional<qint64> tokens_out = fields.optional_integer("tokens_out");
    const std::optional<double> ttft_ms = fields.optional_real("ttft_ms");
    const std::optional<double> tokens_per_s = fields.optional_real("tokens_per_s");
    const std::optional<double> cost_usd = fields.optional_real("cost_usd");
    const QString finish_reason = fields.text("finish_reason");
    const QString error = fields.text("error");
    if (!fields.problem().isEmpty()) {
        return bad_record(fields.problem());
    }
    if (!message_role_from_name(role)) {
        return bad_record(QStringLiteral("unknown message role \"%1\"").arg(role));
    }
    auto conversation = conversations_.find(conversation_file_id);
    if (conversation == conversations_.end()) {
        return bad_record(
            QStringLiteral("\"conversation\": conversation %1 is not an earlier record")
                .arg(conversation_file_id));
    }
    std::optional<qint64> parent_id;
    if (parent) {
        StorageResult<qint64> resolved =
            resolve(messages_, *parent, conversation_file_id, "parent", "message", "conversation");
        if (!resolved) {
            return resolved.error();
        }
        parent_id = *resolved;
    }
    StorageResult<bool> added = insert(
        "INSERT INTO messages (conversation_id, parent_id, role, content, target, sampling, "
        "created_at, updated_at, tokens_in, tokens_out, ttft_ms, tokens_per_s, finish_reason, "
        "cost_usd, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        conversation->second.id, parent_id, role, content, json_column_text(target),
        json_column_text(sampling), created_at, updated_at, tokens_in, tokens_out, ttft_ms,
        tokens_per_s, finish_reason, cost_usd, error);
    if (!added) {
        return added.error();
    }
    const qint64 id = database_.last_insert_id();
    if (StorageResult<void> kept =
            remember(messages_, file_id, {id, conversation_file_id}, "message");
        !kept) {
        return kept;
    }
    if (active_child) {
        active_children_.emplace_back(id, *active_child);
    }
    ++summary_.imported.messages;
    return {};
}

StorageResult<void> ImportSession::link_active_branches()
{
    // A link to a message that is not in the file (or in another conversation) is refused
    // like any other broken reference; the message says which.
    for (const auto& [conversation_id, file_message] : active_roots_) {
        auto found = messages_.find(file_message);
        if (found == messages_.end()) {
            return bad_record(QStringLiteral("a conversation's \"active_root\" is message %1, "
                                             "which is not in the file")
                                  .arg(file_message));
        }
        StorageResult<bool> set = insert("UPDATE conversations SET active_root_id = ? WHERE id = ?",
                                         found->second.id, conversation_id);
        if (!set) {
            return set.error();
        }
    }
    for (const auto& [message_id, file_child] : active_children_) {
        auto found = messages_.find(file_child);
        if (found == messages_.end()) {
            return bad_record(QStringLiteral("a message's \"active_child\" is message %1, which "
                                             "is not in the file")
                                  .arg(file_child));
        }
        StorageResult<bool> set = insert("UPDATE messages SET active_child_id = ? WHERE id = ?",
                                         found->second.id, message_id);
        if (!set) {
            return set.error();
        }
    }
    return {};
}

} // namespace kurabe::storage
