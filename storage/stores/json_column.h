// JSON object columns: compact UTF-8 text in the database, QJsonObject in the API.
#pragma once

#include <QJsonObject>
#include <QString>

namespace kurabe::storage {

QString json_column_text(const QJsonObject& object);
// A column that does not hold an object (impossible through the CHECK (json_valid(...)) rules
// unless edited by hand) reads as an empty object.
QJsonObject json_column_object(const QString& text);

} // namespace kurabe::storage
