// Typed reading of one JSON record of an export file: each reader returns the field's value, or
// notes the first field that is missing or of the wrong type (and returns a placeholder), so an
// importer reads every field and then checks problem() once.
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace kurabe::storage {

class ImportFields
{
public:
    explicit ImportFields(const QJsonObject& record) : record_(record) {}

    QString text(const char* name);
    qint64 integer(const char* name);
    bool boolean(const char* name);
    QJsonObject object(const char* name);
    std::optional<qint64> optional_integer(const char* name); // null: empty
    std::optional<double> optional_real(const char* name);    // null: empty
    std::optional<QString> optional_text(const char* name);   // null: empty
    const QJsonValue value(const char* name) const { return record_.value(QLatin1String(name)); }
    // Whether the record has the field: fields added in a later format version are optional.
    bool has(const char* name) const { return record_.contains(QLatin1String(name)); }

    // `"role" must be text`; empty when every field read so far was fine.
    const QString& problem() const { return problem_; }
    void fail(const QString& problem);

private:
    // The field, or nothing (with the problem noted) when it is missing.
    std::optional<QJsonValue> field(const char* name, const char* wanted);

    const QJsonObject& record_;
    QString problem_;
};

} // namespace kurabe::storage
