#include "catalog/catalog_loader.h"

#include "catalog/catalog_parser.h"

#include <QDir>
#include <QFile>
#include <QHash>

#include <algorithm>

namespace kurabe::catalog {

CatalogLoad load_catalog_files(const QStringList& paths)
{
    CatalogLoad load;
    QHash<QString, QString> file_of_key;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            load.problems.append(
                QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
            continue;
        }
        load.files.append(path);
        for (CatalogEntry& entry : parse_catalog_file(file.readAll(), path, &load.problems)) {
            const auto earlier = file_of_key.constFind(entry.key);
            if (earlier != file_of_key.constEnd()) {
                load.problems.append(
                    QStringLiteral("%1: entry \"%2\": key: already used in %3 (keys are unique "
                                   "across all catalog files)")
                        .arg(path, entry.key, *earlier));
                continue;
            }
            file_of_key.insert(entry.key, path);
            load.entries.push_back(std::move(entry));
        }
    }
    std::sort(load.entries.begin(), load.entries.end(),
              [](const CatalogEntry& a, const CatalogEntry& b) { return a.key < b.key; });
    return load;
}

CatalogLoad load_catalog_directory(const QString& directory)
{
    const QDir dir(directory);
    QStringList paths;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths.append(dir.filePath(name));
    CatalogLoad load = load_catalog_files(paths);
    if (paths.isEmpty())
        load.problems.append(QStringLiteral("%1: holds no catalog files (*.json)").arg(directory));
    return load;
}

CatalogLoad load_builtin_catalog()
{
    return load_catalog_directory(QStringLiteral(":/catalog"));
}

} // namespace kurabe::catalog
