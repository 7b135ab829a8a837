#include "storage/stores/json_column.h"

#include <QJsonDocument>

namespace kurabe::storage {

QString json_column_text(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject json_column_object(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace kurabe::storage
