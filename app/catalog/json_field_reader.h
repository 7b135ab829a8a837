// Reading one JSON object of the catalog with every check the schema asks for, collecting the
// problems ("FILE: entry KEY: license.kind: \"free\" is not one of: ...") instead of stopping
// at the first, so one run of the data test lists everything to fix.
#pragma once

#include "catalog/catalog_entry.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

#include <cmath>
#include <optional>

namespace kurabe::catalog {

// Reads the fields of one JSON object, appending "WHERE: FIELD: message" for every problem.
// Nested objects get a child reader whose field names carry the parent's ("license.kind").
class FieldReader
{
public:
    FieldReader(const QJsonObject& object, QString where, QString prefix, QStringList* problems,
                bool* failed)
        : object_(object), where_(std::move(where)), prefix_(std::move(prefix)),
          problems_(problems), failed_(failed)
    {}

    void problem(const QString& field, const QString& message) const
    {
        problems_->append(QStringLiteral("%1: %2: %3").arg(where_, prefix_ + field, message));
        *failed_ = true;
    }

    // Every field of the schema must be present, and no other (a misspelt field is an error,
    // not silently ignored).
    void expect_exactly(const QStringList& fields) const
    {
        for (const QString& field : fields) {
            if (!object_.contains(field))
                problem(field, QStringLiteral("missing (every field must be present; use null, "
                                              "\"\" or [] for unknown)"));
        }
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            if (!fields.contains(it.key()))
                problem(it.key(), QStringLiteral("is not a field of schema version %1")
                                      .arg(kCatalogSchemaVersion));
        }
    }

    QString string(const QString& field, bool may_be_empty) const
    {
        const QJsonValue value = object_.value(field);
        if (value.isUndefined())
            return {};
        if (!value.isString()) {
            problem(field, QStringLiteral("must be a string"));
            return {};
        }
        const QString text = value.toString();
        if (!may_be_empty && text.trimmed().isEmpty())
            problem(field, QStringLiteral("must not be empty"));
        if (text != text.trimmed())
            problem(field, QStringLiteral("has leading or trailing spaces"));
        return text;
    }

    QString one_of(const QString& field, const QStringList& allowed) const
    {
        const QString text = string(field, true);
        if (object_.value(field).isString() && !allowed.contains(text))
            problem(field, QStringLiteral("\"%1\" is not one of: %2")
                               .arg(text, allowed.join(QStringLiteral(", "))));
        return text;
    }

    // A positive integer count (tokens, parameters, bytes) or null.
    std::optional<qint64> optional_count(const QString& field) const
    {
        const QJsonValue value = object_.value(field);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        const double number = value.toDouble(-1);
        // 2^53: the largest integer a JSON number (a double) holds exactly.
        if (!value.isDouble() || number != std::floor(number) || number <= 0 || number > 9.0e15) {
            problem(field, QStringLiteral("must be a positive integer or null"));
            return std::nullopt;
        }
        return static_cast<qint64>(number);
    }

    std::optional<double> optional_price(const QString& field) const
    {
        const QJsonValue value = object_.value(field);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isDouble() || value.toDouble() < 0) {
            problem(field, QStringLiteral("must be a price in USD (a number >= 0) or null"));
            return std::nullopt;
        }
        return value.toDouble();
    }

    bool boolean(const QString& field) const
    {
        const QJsonValue value = object_.value(field);
        if (!value.isUndefined() && !value.isBool())
            problem(field, QStringLiteral("must be true or false"));
        return value.toBool();
    }

    std::optional<bool> optional_boolean(const QString& field) const
    {
        const QJsonValue value = object_.value(field);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isBool()) {
            problem(field, QStringLiteral("must be true, false or null"));
            return std::nullopt;
        }
        return value.toBool();
    }

    // "YYYY-MM-DD", and when `partial` also "YYYY-MM" and "YYYY"; "" when `may_be_empty`.
    QString date(const QString& field, bool partial, bool may_be_empty) const
    {
        const QString text = string(field, may_be_empty);
        if (text.isEmpty())
            return text;
        static const QRegularExpression shape(QStringLiteral("^(\\d{4})(-(\\d{2})(-(\\d{2}))?)?$"));
        const QRegularExpressionMatch match = shape.match(text);
        bool ok = match.hasMatch() && (partial || !match.captured(5).isEmpty());
        if (ok) {
            const int year = match.captured(1).toInt();
            const int month = match.captured(3).isEmpty() ? 1 : match.captured(3).toInt();
            const int day = match.captured(5).isEmpty() ? 1 : match.captured(5).toInt();
            ok = year >= 1950 && QDate(year, month, day).isValid();
        }
        if (!ok)
            problem(field, QStringLiteral("\"%1\" is not a date (%2)")
                               .arg(text, partial ? QStringLiteral("YYYY-MM-DD, YYYY-MM or YYYY")
                                                  : QStringLiteral("YYYY-MM-DD")));
        return text;
    }

    QString https_url(const QString& field, bool may_be_empty) const
    {
        const QString text = string(field, may_be_empty);
        if (text.isEmpty())
            return text;
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
            problem(field, QStringLiteral("\"%1\" is not an https:// link").arg(text));
        return text;
    }

    QJsonObject object(const QString& field) const
    {
        const QJsonValue value = object_.value(field);
        if (!value.isUndefined() && !value.isObject())
            problem(field, QStringLiteral("must be an object"));
        return value.toObject();
    }

    QJsonArray array(const QString& field) const
    {
        const QJsonValue value = object_.value(field);
        if (!value.isUndefined() && !value.isArray())
            problem(field, QStringLiteral("must be a list"));
        return value.toArray();
    }

    // A list of distinct strings, each matching `allowed` (a list of values or a pattern).
    QStringList string_list(const QString& field, const QStringList& allowed,
                            const QRegularExpression* pattern) const
    {
        QStringList values;
        const QJsonArray items = array(field);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString item = items.at(i).toString();
            const QString where = QStringLiteral("%1[%2]").arg(field).arg(i);
            if (!items.at(i).isString())
                problem(where, QStringLiteral("must be a string"));
            else if (!allowed.isEmpty() && !allowed.contains(item))
                problem(where, QStringLiteral("\"%1\" is not one of: %2")
                                   .arg(item, allowed.join(QStringLiteral(", "))));
            else if (pattern && !pattern->match(item).hasMatch())
                problem(where, QStringLiteral("\"%1\" is not allowed here").arg(item));
            else if (values.contains(item))
                problem(where, QStringLiteral("\"%1\" is listed twice").arg(item));
            else
                values.append(item);
        }
        return values;
    }

    FieldReader child(const QJsonObject& object, const QString& field) const
    {
        return FieldReader(object, where_, prefix_ + field + QLatin1Char('.'), problems_, failed_);
    }

private:
    QJsonObject object_;
    QString where_;
    QString prefix_;
    QStringList* problems_;
    bool* failed_;
};

} // namespace kurabe::catalog
