#include "data_dir.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace kurabe::storage {

DataDir open_data_dir(const QString& requested)
{
    DataDir result;
    QString path = requested;
    if (path.isEmpty()) {
        const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        if (base.isEmpty()) {
            result.error = QStringLiteral("no writable data location (set XDG_DATA_HOME or pass "
                                          "--data-dir DIR)");
            return result;
        }
        path = base + QStringLiteral("/kurabe");
    }
    const QFileInfo info(path);
    if (info.exists() && !info.isDir()) {
        result.error = QStringLiteral("%1 exists and is not a directory").arg(path);
        return result;
    }
    if (!QDir().mkpath(path)) {
        result.error = QStringLiteral("cannot create the data directory %1").arg(path);
        return result;
    }
    result.path = QFileInfo(path).absoluteFilePath();
    return result;
}

QString vulkan_cache_dir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/kurabe/vulkan");
}

} // namespace kurabe::storage
