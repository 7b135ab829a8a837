#include "storage/sqlite/transaction.h"

#include "storage/sqlite/database.h"

namespace kurabe::storage {

StorageResult<Transaction> Transaction::begin(Database& database, const QString& what)
{
    StorageResult<Query> query = database.query("BEGIN IMMEDIATE", what);
    if (!query) {
        return query.error();
    }
    if (StorageResult<void> begun = query->run(); !begun) {
        return begun.error();
    }
    return Transaction(database, what);
}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(other.database_), what_(std::move(other.what_))
{
    other.database_ = nullptr;
}

Transaction::~Transaction()
{
    if (database_ == nullptr) {
        return;
    }
    // A failed rollback (the transaction was already rolled back by SQLite after an I/O
    // error) leaves nothing to undo; there is no caller left to tell.
    if (StorageResult<Query> query = database_->query("ROLLBACK", what_); query) {
        (void)query->run();
    }
}

StorageResult<void> Transaction::commit()
{
    StorageResult<Query> query = database_->query("COMMIT", what_);
    if (!query) {
        return query.error();
    }
    StorageResult<void> committed = query->run();
    // A failed COMMIT (e.g. SQLITE_BUSY or SQLITE_FULL) leaves the transaction open; the
    // destructor rolls it back.
    if (committed) {
        database_ = nullptr;
    }
    return committed;
}

} // namespace kurabe::storage
