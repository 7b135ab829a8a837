#include "storage/sqlite/storage_error.h"

#include <sqlite3.h>

namespace kurabe::storage {

StorageErrorKind storage_error_kind(int sqlite_code)
{
    switch (sqlite_code & 0xff) {
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return StorageErrorKind::ReadOnly;
    case SQLITE_FULL:
        return StorageErrorKind::DiskFull;
    case SQLITE_NOTADB:
        return StorageErrorKind::NotADatabase;
    case SQLITE_CORRUPT:
        return StorageErrorKind::Corrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StorageErrorKind::Busy;
    case SQLITE_CANTOPEN:
        return StorageErrorKind::CannotOpen;
    case SQLITE_IOERR:
        return StorageErrorKind::IoError;
    case SQLITE_CONSTRAINT:
        return StorageErrorKind::Constraint;
    default:
        return StorageErrorKind::Internal;
    }
}

StorageError sqlite_error(int sqlite_code, const QString& what, const QString& path,
                          const QString& sqlite_message)
{
    const StorageErrorKind kind = storage_error_kind(sqlite_code);
    QString why;
    switch (kind) {
    case StorageErrorKind::ReadOnly:
        why = QStringLiteral("the database %1 is read-only; check the permissions of the file "
                             "and its folder")
                  .arg(path);
        break;
    case StorageErrorKind::DiskFull:
        why =
            QStringLiteral("the disk holding %1 is full; free some space and try again").arg(path);
        break;
    case StorageErrorKind::NotADatabase:
        why = QStringLiteral("%1 is not a database (not an SQLite file, or encrypted); move it "
                             "aside or choose another data directory")
                  .arg(path);
        break;
    case StorageErrorKind::Corrupt:
        why = QStringLiteral("the database %1 is damaged; restore it from a backup or export "
                             "what can still be read")
                  .arg(path);
        break;
    case StorageErrorKind::Busy:
        why = QStringLiteral("the database %1 is locked by another program; close other Kurabe "
                             "windows and try again")
                  .arg(path);
        break;
    case StorageErrorKind::CannotOpen:
        why = QStringLiteral("cannot open %1; check that its folder exists and can be written")
                  .arg(path);
        break;
    case StorageErrorKind::IoError:
        why = QStringLiteral("the disk failed to read or write %1 (%2); check the disk")
                  .arg(path, sqlite_message);
        break;
    case StorageErrorKind::Constraint:
        why = QStringLiteral("the change was rejected (%1)").arg(sqlite_message);
        break;
    default:
        why = QStringLiteral("database error in %1: %2 (SQLite code %3)")
                  .arg(path, sqlite_message)
                  .arg(sqlite_code);
        break;
    }
    return StorageError{kind, sqlite_code,
                        what.isEmpty() ? why : what + QStringLiteral(": ") + why};
}

} // namespace kurabe::storage
