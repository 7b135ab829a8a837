// Reading the JSON case files the chat-template tests are driven by.
#pragma once

#include "json/json.h"

#include <QFile>
#include <QString>

namespace kurabe::test {

inline std::string read_text_file(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

// The parsed file, or a null Value when it is missing or malformed (tests then fail loudly).
inline json::Value read_json_file(const QString& path)
{
    auto parsed = json::parse(read_text_file(path));
    return parsed ? std::move(*parsed) : json::Value();
}

} // namespace kurabe::test
