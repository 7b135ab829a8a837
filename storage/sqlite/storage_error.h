// Errors from the storage layer as values: StorageResult<T> holds a T or a StorageError whose
// message a user can act on ("saving the message: the disk holding /home/u/.local/share/kurabe/
// kurabe.sqlite is full; free some space and try again"). Nothing in storage/ throws.
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace kurabe::storage {

// What went wrong, for callers that react differently (e.g. offer "open read-only" on ReadOnly).
enum class StorageErrorKind
{
    ReadOnly,        // the file or its folder cannot be written, or the connection is read-only
    DiskFull,        // SQLITE_FULL: no space left (or the database hit its page limit)
    NotADatabase,    // the file exists but is not an SQLite database
    Corrupt,         // SQLITE_CORRUPT: the file is damaged
    Busy,            // another connection holds the lock longer than the busy timeout
    CannotOpen,      // the file or its folder does not exist or cannot be opened
    IoError,         // the disk failed a read or write
    TooNew,          // written by a newer Kurabe whose schema this build does not understand
    Constraint,      // a NOT NULL / UNIQUE / FOREIGN KEY / CHECK rule rejected the change
    NotFound,        // the row asked for does not exist
    InvalidArgument, // the caller asked for something impossible (e.g. a parent in another chat)
    Internal,        // anything else (a bug: misuse of the SQLite API, a bad SQL statement)
};

struct StorageError
{
    StorageErrorKind kind = StorageErrorKind::Internal;
    int sqlite_code = 0; // extended SQLite result code; 0 when the error did not come from SQLite
    QString message;
};

// Maps an SQLite result code (primary or extended: SQLITE_IOERR_WRITE is IoError) to its kind.
StorageErrorKind storage_error_kind(int sqlite_code);

// Builds the error for an SQLite failure. `what` names the operation ("saving the message"),
// `path` the database file, `sqlite_message` is sqlite3_errmsg() (used only where the code alone
// does not explain the failure, e.g. which constraint failed).
StorageError sqlite_error(int sqlite_code, const QString& what, const QString& path,
                          const QString& sqlite_message);

template <typename T>
class [[nodiscard]] StorageResult
{
public:
    StorageResult(T value) : state_(std::move(value)) {}
    StorageResult(StorageError error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    // By value, so `for (auto& x : store.list(...).value())` does not dangle.
    T value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const StorageError& error() const { return std::get<1>(state_); }
    // The error's message; empty when ok (so it can be passed to a log or QVERIFY2 either way).
    QString message() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, StorageError> state_;
};

// For operations that produce nothing but can fail.
template <>
class [[nodiscard]] StorageResult<void>
{
public:
    StorageResult() = default;
    StorageResult(StorageError error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const StorageError& error() const { return error_; }
    const QString& message() const { return error_.message; }

private:
    StorageError error_;
    bool ok_ = true;
};

} // namespace kurabe::storage
