// The catalog compiled into the application (resources/catalog/*.json under ":/catalog/"),
// or any set of catalog files, loaded with keys checked for uniqueness across all files.
#pragma once

#include "catalog/catalog_entry.h"

#include <QStringList>

#include <vector>

namespace kurabe::catalog {

struct CatalogLoad
{
    std::vector<CatalogEntry> entries; // sorted by key
    QStringList files;                 // the files read, sorted
    QStringList problems;              // empty when every entry of every file was valid
};

// Loads the files in the given order; an entry whose key an earlier file already used is a
// problem and is left out.
CatalogLoad load_catalog_files(const QStringList& paths);

// Every *.json file in `directory`, sorted by name.
CatalogLoad load_catalog_directory(const QString& directory);

// The built-in catalog (":/catalog").
CatalogLoad load_builtin_catalog();

} // namespace kurabe::catalog
