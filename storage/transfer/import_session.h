// The state of one import (internal to importer.cpp and import_records.cpp): where each id of
// the file went in the database, the active-branch links to set once every message is in,
// and the counts.
#pragma once

#include "storage/sqlite/database.h"
#include "storage/transfer/import_fields.h"
#include "storage/transfer/importer.h"

#include <QJsonObject>

#include <unordered_map>
#include <vector>

namespace kurabe::storage {

class ImportSession
{
public:
    explicit ImportSession(Database& database) : database_(database) {}

    // Adds one record (not header or end). An error's message says what is wrong with it;
    // the caller adds where it is.
    StorageResult<void> add(const QString& type, const QJsonObject& record);
    // Sets the active root and active child links, once every record is in.
    StorageResult<void> link_active_branches();

    ImportSummary& summary() { return summary_; }

private:
    struct Mapped
    {
        qint64 id = 0;    // in the database
        qint64 owner = 0; // the file id of its conversation or comparison
    };

    StorageResult<void> setting(ImportFields& fields);
    StorageResult<void> provider(ImportFields& fields);
    StorageResult<void> model_file(ImportFields& fields);
    StorageResult<void> catalog_entry(ImportFields& fields);
    StorageResult<void> conversation(ImportFields& fields);
    StorageResult<void> message(ImportFields& fields);
    StorageResult<void> comparison(ImportFields& fields);
    StorageResult<void> comparison_target(ImportFields& fields);
    StorageResult<void> comparison_prompt(ImportFields& fields);
    StorageResult<void> comparison_result(ImportFields& fields);
    StorageResult<void> comparison_vote(ImportFields& fields);
    StorageResult<void> comparison_pair_vote(ImportFields& fields);
    StorageResult<void> comparison_tag(ImportFields& fields);
    // The database id of comparison `file_id`, which must be on an earlier line.
    StorageResult<qint64> owning_comparison(qint64 file_id) const;

    // Runs an INSERT; returns true when a row was added (false: an ... ON CONFLICT DO NOTHING
    // kept an existing one).
    template <typename... Values>
    StorageResult<bool> insert(const char* sql, const Values&... values);
    // The database id of file id `file_id` in `ids`, which must belong to `owner` (the file id
    // of the conversation or comparison it is part of).
    StorageResult<qint64> resolve(const std::unordered_map<qint64, Mapped>& ids, qint64 file_id,
                                  qint64 owner, const char* field, const char* thing,
                                  const char* owner_kind);
    static StorageResult<void> remember(std::unordered_map<qint64, Mapped>& ids, qint64 file_id,
                                        Mapped mapped, const char* thing);

    Database& database_;
    ImportSummary summary_;
    std::unordered_map<qint64, Mapped> conversations_; // file id -> database id (owner unused)
    std::unordered_map<qint64, Mapped> messages_;
    std::unordered_map<qint64, Mapped> comparisons_;
    std::unordered_map<qint64, Mapped> targets_;
    std::unordered_map<qint64, Mapped> prompts_;
    std::vector<std::pair<qint64, qint64>> active_roots_;    // database conversation, file message
    std::vector<std::pair<qint64, qint64>> active_children_; // database message, file message
};

template <typename... Values>
StorageResult<bool> ImportSession::insert(const char* sql, const Values&... values)
{
    StorageResult<Query> query = database_.query(sql, QStringLiteral("importing"));
    if (!query) {
        return query.error();
    }
    query->bind(values...);
    if (StorageResult<void> done = query->run(); !done) {
        return done.error();
    }
    return database_.changes() > 0;
}

} // namespace kurabe::storage
