#include "storage/stores/model_file_store.h"

#include "storage/stores/json_column.h"

#include <QDateTime>
#include <QRegularExpression>

namespace kurabe::storage {
namespace {

StorageError model_file_not_found(qint64 id, const QString& what)
{
    return StorageError{
        StorageErrorKind::NotFound, 0,
        QStringLiteral("%1: model file %2 is not in the library").arg(what).arg(id)};
}

template <typename... Values>
StorageResult<void> change_model_file(Database& database, const char* sql, qint64 id,
                                      const QString& what, const Values&... values)
{
    StorageResult<Query> query = database.query(sql, what);
    if (!query) {
        return query.error();
    }
    query->bind(values...);
    if (StorageResult<void> done = query->run(); !done) {
        return done;
    }
    if (database.changes() == 0) {
        return model_file_not_found(id, what);
    }
    return {};
}

} // namespace

ModelFileStore::ModelFileStore(Database& database, Clock clock, QObject* parent)
    : QObject(parent), database_(database), clock_(std::move(clock))
{}

qint64 ModelFileStore::now() const
{
    return clock_ ? clock_() : QDateTime::currentMSecsSinceEpoch();
}

StorageResult<qint64> ModelFileStore::add(const QString& path, qint64 size_bytes)
{
    const QString what = QStringLiteral("adding the model file %1").arg(path);
    if (size_bytes < 0) {
        return StorageError{StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("%1: a size of %2 bytes").arg(what).arg(size_bytes)};
    }
    StorageResult<Query> query = database_.query(
        "INSERT INTO model_files (path, size_bytes, added_at) VALUES (?, ?, ?)", what);
    if (!query) {
        return query.error();
    }
    query->bind(path, size_bytes, now());
    if (StorageResult<void> done = query->run(); !done) {
        if (done.error().kind == StorageErrorKind::Constraint) {
            return StorageError{StorageErrorKind::Constraint, done.error().sqlite_code,
                                QStringLiteral("%1: it is already in the library").arg(what)};
        }
        return done.error();
    }
    const qint64 id = database_.last_insert_id();
    Q_EMIT modelFilesChanged();
    return id;
}

StorageResult<void> ModelFileStore::update_summary(qint64 id, qint64 size_bytes,
                                                   const QString& sha256,
                                                   const QJsonObject& gguf_summary)
{
    const QString what = QStringLiteral("saving what was read from model file %1").arg(id);
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!sha256.isEmpty() && !hex64.match(sha256).hasMatch()) {
        return StorageError{
            StorageErrorKind::InvalidArgument, 0,
            QStringLiteral("%1: \"%2\" is not a SHA-256 digest (64 hex digits)").arg(what, sha256)};
    }
    const std::optional<QString> digest =
        sha256.isEmpty() ? std::nullopt : std::optional<QString>(sha256.toLower());
    StorageResult<void> done = change_model_file(
        database_,
        "UPDATE model_files SET size_bytes = ?, sha256 = ?, gguf_summary = ? WHERE id = ?", id,
        what, size_bytes, digest, json_column_text(gguf_summary), id);
    if (done) {
        Q_EMIT modelFilesChanged();
    }
    return done;
}

StorageResult<void> ModelFileStore::touch_last_used(qint64 id)
{
    StorageResult<void> done =
        change_model_file(database_, "UPDATE model_files SET last_used_at = ? WHERE id = ?", id,
                          QStringLiteral("noting the use of model file %1").arg(id), now(), id);
    if (done) {
        Q_EMIT modelFilesChanged();
    }
    return done;
}

StorageResult<void> ModelFileStore::remove(qint64 id)
{
    StorageResult<void> done =
        change_model_file(database_, "DELETE FROM model_files WHERE id = ?", id,
                          QStringLiteral("removing model file %1 from the library").arg(id), id);
    if (done) {
        Q_EMIT modelFilesChanged();
    }
    return done;
}

StorageResult<std::vector<ModelFile>> ModelFileStore::read_all(Query& query)
{
    std::vector<ModelFile> files;
    for (;;) {
        StorageResult<bool> row = query.next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return files;
        }
        ModelFile file;
        file.id = query.int64(0);
        file.path = query.text(1);
        file.size_bytes = query.int64(2);
        file.sha256 = query.text(3); // NULL reads as ""
        file.gguf_summary = json_column_object(query.text(4));
        file.added_at_ms = query.int64(5);
        file.last_used_at_ms = query.optional_int64(6);
        files.push_back(std::move(file));
    }
}

StorageResult<ModelFile> ModelFileStore::model_file(qint64 id)
{
    const QString what = QStringLiteral("reading model file %1").arg(id);
    StorageResult<Query> query =
        database_.query("SELECT id, path, size_bytes, sha256, gguf_summary, added_at, last_used_at "
                        "FROM model_files WHERE id = ?",
                        what);
    if (!query) {
        return query.error();
    }
    query->bind(id);
    StorageResult<std::vector<ModelFile>> files = read_all(*query);
    if (!files) {
        return files.error();
    }
    if (files->empty()) {
        return model_file_not_found(id, what);
    }
    return files->front();
}

StorageResult<std::optional<ModelFile>> ModelFileStore::find_by_path(const QString& path)
{
    StorageResult<Query> query =
        database_.query("SELECT id, path, size_bytes, sha256, gguf_summary, added_at, last_used_at "
                        "FROM model_files WHERE path = ?",
                        QStringLiteral("looking up the model file %1").arg(path));
    if (!query) {
        return query.error();
    }
    query->bind(path);
    StorageResult<std::vector<ModelFile>> files = read_all(*query);
    if (!files) {
        return files.error();
    }
    if (files->empty()) {
        return std::optional<ModelFile>();
    }
    return std::optional<ModelFile>(files->front());
}

StorageResult<std::vector<ModelFile>> ModelFileStore::list()
{
    StorageResult<Query> query =
        database_.query("SELECT id, path, size_bytes, sha256, gguf_summary, added_at, last_used_at "
                        "FROM model_files ORDER BY path",
                        QStringLiteral("listing model files"));
    if (!query) {
        return query.error();
    }
    return read_all(*query);
}

} // namespace kurabe::storage
