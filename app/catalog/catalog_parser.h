// Reading and checking catalog JSON (schema in resources/catalog/README.md). Every field of
// every entry is checked — type, allowed values, date and hash formats, https links — and each
// problem is reported as "FILE: entry KEY: FIELD: what is wrong", so a bad edit to the data
// names the line to fix. An entry with a problem is left out; the others still load.
#pragma once

#include "catalog/catalog_entry.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <vector>

namespace kurabe::catalog {

// Parses one entry object. `origin` names where it came from (a file path, "database").
// Problems are appended to `problems`; nothing is returned when there was any.
std::optional<CatalogEntry> parse_catalog_entry(const QJsonObject& object, const QString& origin,
                                                QStringList* problems);

// Parses a whole catalog file: {"schema_version": 1, "entries": [...]}. Returns the valid
// entries (duplicate keys inside the file are problems too).
std::vector<CatalogEntry> parse_catalog_file(const QByteArray& bytes, const QString& origin,
                                             QStringList* problems);

} // namespace kurabe::catalog
