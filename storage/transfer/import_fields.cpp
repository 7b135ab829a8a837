#include "storage/transfer/import_fields.h"

#include <cmath>
#include <limits>

namespace kurabe::storage {

void ImportFields::fail(const QString& problem)
{
    if (problem_.isEmpty()) {
        problem_ = problem;
    }
}

std::optional<QJsonValue> ImportFields::field(const char* name, const char* wanted)
{
    const QJsonValue value = record_.value(QLatin1String(name));
    if (value.isUndefined()) {
        fail(QStringLiteral("the field \"%1\" (%2) is missing")
                 .arg(QLatin1String(name), QLatin1String(wanted)));
        return std::nullopt;
    }
    return value;
}

QString ImportFields::text(const char* name)
{
    std::optional<QJsonValue> value = field(name, "text");
    if (value && !value->isString()) {
        fail(QStringLiteral("the field \"%1\" must be text").arg(QLatin1String(name)));
    }
    return value ? value->toString() : QString();
}

qint64 ImportFields::integer(const char* name)
{
    std::optional<QJsonValue> value = field(name, "an integer");
    if (!value) {
        return 0;
    }
    const double number = value->toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value->isDouble() || std::isnan(number) || std::floor(number) != number) {
        fail(QStringLiteral("the field \"%1\" must be an integer").arg(QLatin1String(name)));
        return 0;
    }
    return value->toInteger();
}

bool ImportFields::boolean(const char* name)
{
    std::optional<QJsonValue> value = field(name, "true or false");
    if (value && !value->isBool()) {
        fail(QStringLiteral("the field \"%1\" must be true or false").arg(QLatin1String(name)));
    }
    return value && value->toBool();
}

QJsonObject ImportFields::object(const char* name)
{
    std::optional<QJsonValue> value = field(name, "an object");
    if (value && !value->isObject()) {
        fail(QStringLiteral("the field \"%1\" must be an object").arg(QLatin1String(name)));
    }
    return value ? value->toObject() : QJsonObject();
}

std::optional<qint64> ImportFields::optional_integer(const char* name)
{
    std::optional<QJsonValue> value = field(name, "an integer or null");
    if (!value || value->isNull()) {
        return std::nullopt;
    }
    return integer(name);
}

std::optional<double> ImportFields::optional_real(const char* name)
{
    std::optional<QJsonValue> value = field(name, "a number or null");
    if (!value || value->isNull()) {
        return std::nullopt;
    }
    if (!value->isDouble()) {
        fail(QStringLiteral("the field \"%1\" must be a number or null").arg(QLatin1String(name)));
        return std::nullopt;
    }
    return value->toDouble();
}

std::optional<QString> ImportFields::optional_text(const char* name)
{
    std::optional<QJsonValue> value = field(name, "text or null");
    if (!value || value->isNull()) {
        return std::nullopt;
    }
    return text(name);
}

} // namespace kurabe::storage
