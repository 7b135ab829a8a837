// A write transaction that rolls back unless committed: every store method that changes more
// than one row holds one, so a failure (disk full, read-only file) leaves the file as it was.
#pragma once

#include "storage/sqlite/storage_error.h"

namespace kurabe::storage {

class Database;

class [[nodiscard]] Transaction
{
public:
    // BEGIN IMMEDIATE: takes the write lock now, so two writers queue on the busy timeout
    // instead of failing when a read would be upgraded to a write.
    static StorageResult<Transaction> begin(Database& database, const QString& what);
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    StorageResult<void> commit();

private:
    Transaction(Database& database, QString what) : database_(&database), what_(std::move(what)) {}

    Database* database_; // null once committed, rolled back or moved from
    QString what_;
};

} // namespace kurabe::storage
