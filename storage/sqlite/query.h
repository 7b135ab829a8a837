// One use of a prepared statement: bind the `?` parameters, step through the rows, read typed
// columns. The statement itself stays prepared in its Database's cache; a Query resets it and
// clears its bindings when it goes out of scope, so no half-read statement keeps a read
// transaction open (which in WAL mode would pin an old snapshot and block checkpoints).
#pragma once

#include "storage/sqlite/storage_error.h"

#include <QByteArray>
#include <QString>

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>

struct sqlite3_stmt;

namespace kurabe::storage {

class Database;

// Owns one sqlite3_stmt (finalized on destruction). Only Database and Query use it.
class PreparedStatement
{
public:
    explicit PreparedStatement(sqlite3_stmt* statement) : statement_(statement) {}
    ~PreparedStatement();
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    sqlite3_stmt* handle() const { return statement_; }
    bool in_use = false; // a live Query is using it; a second user gets its own statement

private:
    sqlite3_stmt* statement_;
};

class [[nodiscard]] Query
{
public:
    // `owned` is set when the cached statement was busy and this query prepared its own.
    Query(Database& database, PreparedStatement* statement,
          std::unique_ptr<PreparedStatement> owned, QString what);
    ~Query();
    Query(Query&& other) noexcept;
    Query& operator=(Query&&) = delete;
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    // Binds the values to the `?` parameters in order, starting at the first. Types: integers,
    // bool (0/1), double, QString (UTF-8 text), QByteArray (blob), std::nullopt / std::nullptr_t
    // (NULL) and std::optional of those. A binding error is reported by the next step().
    template <typename... Values>
    Query& bind(const Values&... values)
    {
        int index = 1;
        (bind_at(index++, values), ...);
        return *this;
    }

    // Advances to the next row: true when a row is ready, false when the statement is done.
    StorageResult<bool> next();
    // Runs a statement to completion (INSERT, UPDATE, DELETE, or a SELECT whose rows are unused).
    StorageResult<void> run();

    // Column readers for the current row; `column` is 0-based as in SQLite.
    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;
    std::optional<double> optional_real(int column) const;

private:
    void bind_int64(int index, std::int64_t value);
    // Every integer type (int, qint64, bool...) binds as a 64-bit integer.
    template <std::integral T>
    void bind_at(int index, T value)
    {
        bind_int64(index, static_cast<std::int64_t>(value));
    }
    void bind_at(int index, double value);
    void bind_at(int index, const QString& value);
    void bind_at(int index, const QByteArray& value);
    void bind_at(int index, std::nullptr_t);
    void bind_at(int index, std::nullopt_t) { bind_at(index, nullptr); }
    template <typename T>
    void bind_at(int index, const std::optional<T>& value)
    {
        if (value) {
            bind_at(index, *value);
        } else {
            bind_at(index, nullptr);
        }
    }
    void check_bind(int rc);

    Database* database_;
    PreparedStatement* statement_;
    std::unique_ptr<PreparedStatement> owned_;
    QString what_;
    int bind_error_ = 0; // first failing sqlite3_bind_* code, reported by next()/run()
};

} // namespace kurabe::storage
