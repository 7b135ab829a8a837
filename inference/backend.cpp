#include "inference/backend.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace kurabe::inference {

namespace {

void put(QJsonObject& json, const char* key, const std::optional<double>& value)
{
    if (value)
        json.insert(QLatin1String(key), *value);
}

void put(QJsonObject& json, const char* key, const std::optional<int>& value)
{
    if (value)
        json.insert(QLatin1String(key), *value);
}

std::optional<double> number(const QJsonObject& json, const char* key)
{
    const QJsonValue value = json.value(QLatin1String(key));
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

std::optional<int> integer(const QJsonObject& json, const char* key)
{
    const QJsonValue value = json.value(QLatin1String(key));
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d != static_cast<double>(static_cast<int>(d)))
        return std::nullopt;
    return static_cast<int>(d);
}

constexpr std::array<std::pair<FinishReason, const char*>, 7> kFinishNames = {{
    {FinishReason::None, ""},
    {FinishReason::Stop, "stop"},
    {FinishReason::Length, "length"},
    {FinishReason::Cancelled, "cancelled"},
    {FinishReason::Error, "error"},
    {FinishReason::ContentFilter, "content_filter"},
    {FinishReason::ToolCalls, "tool_calls"},
}};

} // namespace

QJsonObject SamplingParams::toJson() const
{
    QJsonObject json;
    put(json, "temperature", temperature);
    put(json, "top_p", top_p);
    put(json, "top_k", top_k);
    put(json, "min_p", min_p);
    put(json, "repeat_penalty", repeat_penalty);
    put(json, "presence_penalty", presence_penalty);
    put(json, "frequency_penalty", frequency_penalty);
    // A seed is a 64-bit integer; JSON numbers are doubles, so it travels as decimal text.
    if (seed)
        json.insert(QStringLiteral("seed"), QString::number(*seed));
    put(json, "max_tokens", max_tokens);
    if (!stop.isEmpty())
        json.insert(QStringLiteral("stop"), QJsonArray::fromStringList(stop));
    return json;
}

SamplingParams SamplingParams::fromJson(const QJsonObject& json)
{
    SamplingParams params;
    params.temperature = number(json, "temperature");
    params.top_p = number(json, "top_p");
    params.top_k = integer(json, "top_k");
    params.min_p = number(json, "min_p");
    params.repeat_penalty = number(json, "repeat_penalty");
    params.presence_penalty = number(json, "presence_penalty");
    params.frequency_penalty = number(json, "frequency_penalty");
    bool ok = false;
    const quint64 seed = json.value(QStringLiteral("seed")).toString().toULongLong(&ok);
    if (ok)
        params.seed = seed;
    params.max_tokens = integer(json, "max_tokens");
    for (const QJsonValue& value : json.value(QStringLiteral("stop")).toArray()) {
        if (value.isString())
            params.stop.append(value.toString());
    }
    return params;
}

QString finishReasonName(FinishReason reason)
{
    for (const auto& [value, name] : kFinishNames) {
        if (value == reason)
            return QString::fromLatin1(name);
    }
    return QString();
}

FinishReason finishReasonFromName(const QString& name)
{
    for (const auto& [value, text] : kFinishNames) {
        if (name == QLatin1String(text))
            return value;
    }
    return FinishReason::None;
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QString();
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Permission:
        return QStringLiteral("permission");
    case ErrorKind::NotFound:
        return QStringLiteral("not_found");
    case ErrorKind::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorKind::Overloaded:
        return QStringLiteral("overloaded");
    case ErrorKind::SpendCap:
        return QStringLiteral("spend_cap");
    case ErrorKind::BadRequest:
        return QStringLiteral("bad_request");
    case ErrorKind::Server:
        return QStringLiteral("server");
    case ErrorKind::Network:
        return QStringLiteral("network");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    }
    return QString();
}

} // namespace kurabe::inference
