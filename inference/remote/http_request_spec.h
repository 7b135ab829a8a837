// A request as the protocol translators build it, before it meets the network: pure data, so
// tests compare URLs, headers and JSON bodies directly.
#pragma once

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <utility>

namespace kurabe::inference::remote {

struct HttpRequestSpec
{
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers; // may hold the key: never log them
    QByteArray body;                                  // JSON; empty for a GET

    void addHeader(const QByteArray& name, const QByteArray& value)
    {
        headers.append(std::make_pair(name, value));
    }

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// `base` with `path` appended to its path ("https://h/v1" + "/models" -> "https://h/v1/models").
inline QUrl appendPath(QUrl base, const QString& path)
{
    QString joined = base.path();
    while (joined.endsWith(QLatin1Char('/')))
        joined.chop(1);
    base.setPath(joined + path);
    return base;
}

} // namespace kurabe::inference::remote
