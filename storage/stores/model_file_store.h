// The GGUF files on this machine that Kurabe knows: path, size, sha256 (once hashed), a summary
// of the GGUF header (architecture, parameters, quantization, context length: what the Models
// workspace shows without opening the file) and when each was last used.
#pragma once

#include "storage/sqlite/database.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>
#include <vector>

namespace kurabe::storage {

struct ModelFile
{
    qint64 id = 0;
    QString path; // absolute
    qint64 size_bytes = 0;
    QString sha256; // 64 lowercase hex digits; empty until hashed
    QJsonObject gguf_summary;
    qint64 added_at_ms = 0;
    std::optional<qint64> last_used_at_ms; // empty: never used
};

class ModelFileStore : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds since the Unix epoch

    // `database` must outlive the store and be used on the store's thread only.
    explicit ModelFileStore(Database& database, Clock clock = {}, QObject* parent = nullptr);

    // Adds a file; a path already known is a Constraint error naming it.
    StorageResult<qint64> add(const QString& path, qint64 size_bytes);
    // Records what reading and hashing the file found. `sha256` empty: not hashed (yet);
    // otherwise 64 hex digits (stored lowercase).
    StorageResult<void> update_summary(qint64 id, qint64 size_bytes, const QString& sha256,
                                       const QJsonObject& gguf_summary);
    // The file was loaded now.
    StorageResult<void> touch_last_used(qint64 id);
    StorageResult<void> remove(qint64 id);
    StorageResult<ModelFile> model_file(qint64 id);
    StorageResult<std::optional<ModelFile>> find_by_path(const QString& path);
    // Ordered by path.
    StorageResult<std::vector<ModelFile>> list();

Q_SIGNALS:
    void modelFilesChanged();

private:
    // Runs `query` (already bound) and reads every row.
    static StorageResult<std::vector<ModelFile>> read_all(Query& query);
    qint64 now() const;

    Database& database_;
    Clock clock_;
};

} // namespace kurabe::storage
