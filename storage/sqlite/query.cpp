#include "storage/sqlite/query.h"

#include "storage/sqlite/database.h"

#include <sqlite3.h>

namespace kurabe::storage {

PreparedStatement::~PreparedStatement()
{
    sqlite3_finalize(statement_);
}

Query::Query(Database& database, PreparedStatement* statement,
             std::unique_ptr<PreparedStatement> owned, QString what)
    : database_(&database), statement_(statement), owned_(std::move(owned)), what_(std::move(what))
{
    statement_->in_use = true;
}

Query::Query(Query&& other) noexcept
    : database_(other.database_), statement_(other.statement_), owned_(std::move(other.owned_)),
      what_(std::move(other.what_)), bind_error_(other.bind_error_)
{
    other.statement_ = nullptr;
}

Query::~Query()
{
    if (statement_ == nullptr) {
        return;
    }
    sqlite3_reset(statement_->handle());
    sqlite3_clear_bindings(statement_->handle());
    statement_->in_use = false;
}

void Query::check_bind(int rc)
{
    if (rc != SQLITE_OK && bind_error_ == 0) {
        bind_error_ = rc;
    }
}

void Query::bind_int64(int index, std::int64_t value)
{
    check_bind(sqlite3_bind_int64(statement_->handle(), index, value));
}

void Query::bind_at(int index, double value)
{
    check_bind(sqlite3_bind_double(statement_->handle(), index, value));
}

void Query::bind_at(int index, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    check_bind(sqlite3_bind_text64(statement_->handle(), index, utf8.constData(),
                                   static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
}

void Query::bind_at(int index, const QByteArray& value)
{
    check_bind(sqlite3_bind_blob64(statement_->handle(), index, value.constData(),
                                   static_cast<sqlite3_uint64>(value.size()), SQLITE_TRANSIENT));
}

void Query::bind_at(int index, std::nullptr_t)
{
    check_bind(sqlite3_bind_null(statement_->handle(), index));
}

StorageResult<bool> Query::next()
{
    if (bind_error_ != 0) {
        return database_->error(bind_error_, what_);
    }
    const int rc = sqlite3_step(statement_->handle());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return database_->error(rc, what_);
}

StorageResult<void> Query::run()
{
    for (;;) {
        StorageResult<bool> row = next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return {};
        }
    }
}

bool Query::is_null(int column) const
{
    return sqlite3_column_type(statement_->handle(), column) == SQLITE_NULL;
}

std::int64_t Query::int64(int column) const
{
    return sqlite3_column_int64(statement_->handle(), column);
}

double Query::real(int column) const
{
    return sqlite3_column_double(statement_->handle(), column);
}

QString Query::text(int column) const
{
    // sqlite3_column_text must come before sqlite3_column_bytes (the documented safe order).
    const auto* data =
        reinterpret_cast<const char*>(sqlite3_column_text(statement_->handle(), column));
    const int size = sqlite3_column_bytes(statement_->handle(), column);
    return QString::fromUtf8(data, size);
}

QByteArray Query::blob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_->handle(), column));
    const int size = sqlite3_column_bytes(statement_->handle(), column);
    return QByteArray(data, size);
}

std::optional<std::int64_t> Query::optional_int64(int column) const
{
    if (is_null(column)) {
        return std::nullopt;
    }
    return int64(column);
}

std::optional<double> Query::optional_real(int column) const
{
    if (is_null(column)) {
        return std::nullopt;
    }
    return real(column);
}

} // namespace kurabe::storage
