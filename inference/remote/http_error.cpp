#include "inference/remote/http_error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <utility>

namespace kurabe::inference::remote {

namespace {

// Provider messages are shown to people; a runaway body (an HTML error page) is cut. Characters.
constexpr qsizetype kMaxMessageChars = 400;

// Whole seconds from a duration such as "12s", "12.5s" or "1.2s"; nullopt when it is not one.
std::optional<int> durationSeconds(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*s\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double seconds = match.captured(1).toDouble();
    if (seconds > 86400.0)
        return std::nullopt;
    return static_cast<int>(std::ceil(seconds));
}

// Gemini says when to come back in two places: a google.rpc.RetryInfo detail
// ({"@type":".../google.rpc.RetryInfo","retryDelay":"12s"}) and its message ("Please retry in
// 12.3s.").
std::optional<int> geminiRetryDelay(const QJsonObject& error)
{
    for (const QJsonValue& detail : error.value(QStringLiteral("details")).toArray()) {
        const QJsonObject object = detail.toObject();
        if (object.value(QStringLiteral("@type")).toString().endsWith(QLatin1String("RetryInfo"))) {
            if (auto seconds =
                    durationSeconds(object.value(QStringLiteral("retryDelay")).toString()))
                return seconds;
        }
    }
    static const QRegularExpression retry_in(QStringLiteral("retry in (\\d+(?:\\.\\d+)?)\\s*s"),
                                             QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match =
        retry_in.match(error.value(QStringLiteral("message")).toString());
    if (match.hasMatch())
        return durationSeconds(match.captured(1) + QLatin1Char('s'));
    return std::nullopt;
}

QString clip(QString text)
{
    text = text.simplified();
    if (text.size() > kMaxMessageChars)
        text = text.left(kMaxMessageChars) + QStringLiteral("…");
    return text;
}

bool mentionsSpendCap(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("insufficient_quota|billing|credit balance|insufficient (balance|credits)|"
                       "spend(ing)? (cap|limit)|exceeded your current quota"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(text).hasMatch();
}

// The kind a provider's error type or code names, or None when it names nothing known.
ErrorKind kindFromType(const QString& type)
{
    static const QList<std::pair<const char*, ErrorKind>> table = {
        {"authentication_error", ErrorKind::Auth},
        {"invalid_api_key", ErrorKind::Auth},
        {"UNAUTHENTICATED", ErrorKind::Auth},
        {"permission_error", ErrorKind::Permission},
        {"PERMISSION_DENIED", ErrorKind::Permission},
        {"not_found_error", ErrorKind::NotFound},
        {"model_not_found", ErrorKind::NotFound},
        {"NOT_FOUND", ErrorKind::NotFound},
        {"rate_limit_error", ErrorKind::RateLimited},
        {"rate_limit_exceeded", ErrorKind::RateLimited},
        {"RESOURCE_EXHAUSTED", ErrorKind::RateLimited},
        {"overloaded_error", ErrorKind::Overloaded},
        {"UNAVAILABLE", ErrorKind::Overloaded},
        {"insufficient_quota", ErrorKind::SpendCap},
        {"billing_error", ErrorKind::SpendCap},
        {"invalid_request_error", ErrorKind::BadRequest},
        {"INVALID_ARGUMENT", ErrorKind::BadRequest},
        {"FAILED_PRECONDITION", ErrorKind::BadRequest},
        {"api_error", ErrorKind::Server},
        {"server_error", ErrorKind::Server},
        {"INTERNAL", ErrorKind::Server},
    };
    for (const auto& [name, kind] : table) {
        if (type == QLatin1String(name))
            return kind;
    }
    return ErrorKind::None;
}

ErrorKind kindFromStatus(int status)
{
    switch (status) {
    case 400:
    case 413:
    case 422:
        return ErrorKind::BadRequest;
    case 401:
        return ErrorKind::Auth;
    case 402:
        return ErrorKind::SpendCap;
    case 403:
        return ErrorKind::Permission;
    case 404:
        return ErrorKind::NotFound;
    case 408:
        return ErrorKind::Timeout;
    case 429:
        return ErrorKind::RateLimited;
    case 503:
    case 529:
        return ErrorKind::Overloaded;
    default:
        break;
    }
    if (status >= 500)
        return ErrorKind::Server;
    return ErrorKind::BadRequest;
}

QString hintFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Auth:
        return QStringLiteral("the API key was refused; check it with `kurabe providers test`");
    case ErrorKind::Permission:
        return QStringLiteral("this key may not use this model or endpoint");
    case ErrorKind::NotFound:
        return QStringLiteral("the model or endpoint does not exist; check the model id and "
                              "base URL");
    case ErrorKind::RateLimited:
        return QStringLiteral("rate limited by the provider");
    case ErrorKind::Overloaded:
        return QStringLiteral("the provider is overloaded; try again shortly");
    case ErrorKind::SpendCap:
        return QStringLiteral("the account's quota or credit is used up; check billing with "
                              "the provider");
    case ErrorKind::BadRequest:
        return QStringLiteral("the provider rejected the request");
    case ErrorKind::Server:
        return QStringLiteral("the provider had an internal error");
    default:
        return QString();
    }
}

struct ParsedError
{
    QString message;
    QString type; // type, code or status, whichever the provider sent
    std::optional<int> retry_after_seconds;
    bool spend_cap = false;
};

ParsedError parseErrorValue(const QJsonValue& value)
{
    ParsedError parsed;
    if (value.isString()) { // Ollama: {"error":"model 'x' not found"}
        parsed.message = value.toString();
        parsed.spend_cap = mentionsSpendCap(parsed.message);
        return parsed;
    }
    QJsonObject error = value.toObject();
    if (error.value(QStringLiteral("error")).isObject())
        error = error.value(QStringLiteral("error")).toObject();
    else if (error.value(QStringLiteral("error")).isString())
        return parseErrorValue(error.value(QStringLiteral("error")));
    parsed.message = error.value(QStringLiteral("message")).toString();
    const QString type = error.value(QStringLiteral("type")).toString();
    const QJsonValue code_value = error.value(QStringLiteral("code"));
    const QString code = code_value.isString() ? code_value.toString() : QString();
    const QString status = error.value(QStringLiteral("status")).toString();
    // The most specific name first: OpenAI's code ("insufficient_quota") beats its type.
    for (const QString& name : {code, type, status}) {
        if (!name.isEmpty() && kindFromType(name) != ErrorKind::None) {
            parsed.type = name;
            break;
        }
    }
    parsed.retry_after_seconds = geminiRetryDelay(error);
    // Gemini words its per-minute limits as "exceeded your current quota" too, but says when
    // to come back; a quota with a retry delay is a rate limit, not a spent budget.
    parsed.spend_cap = mentionsSpendCap(code) || mentionsSpendCap(type) ||
                       (mentionsSpendCap(parsed.message) && !parsed.retry_after_seconds);
    return parsed;
}

ProviderError build(ErrorKind kind, const QString& prefix, const ParsedError& parsed)
{
    ProviderError error;
    error.kind = kind;
    error.retry_after_seconds = parsed.retry_after_seconds;
    QString message = prefix + hintFor(kind);
    if (!parsed.message.isEmpty())
        message += QStringLiteral(" (provider says: %1)").arg(clip(parsed.message));
    error.message = message;
    return error;
}

} // namespace

std::optional<int> parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int seconds = trimmed.toInt(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<int>(seconds) : std::nullopt;
    // An HTTP date (RFC 9110 IMF-fixdate): "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    const qint64 delta = now.secsTo(when);
    return static_cast<int>(std::clamp<qint64>(delta, 0, 86400));
}

ProviderError classifyHttpError(int status, const QByteArray& body,
                                const QByteArray& retry_after_header, const QDateTime& now)
{
    ParsedError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject())
        parsed = parseErrorValue(document.object());
    else if (!body.trimmed().isEmpty() && !body.trimmed().startsWith('<'))
        parsed.message = QString::fromUtf8(body); // a plain-text body; HTML pages say nothing
    ErrorKind kind = kindFromStatus(status);
    const ErrorKind named = kindFromType(parsed.type);
    // The status decides, except where the body is more precise: a 429 or 400 that is really a
    // spent quota, or a 5xx the provider calls overloaded.
    if (parsed.spend_cap && (status == 429 || status == 400 || status == 402 || status == 403))
        kind = ErrorKind::SpendCap;
    else if (named == ErrorKind::Overloaded && status >= 500)
        kind = ErrorKind::Overloaded;
    if (auto header = parseRetryAfter(retry_after_header, now))
        parsed.retry_after_seconds = header;
    return build(kind, QStringLiteral("HTTP %1: ").arg(status), parsed);
}

ProviderError classifyErrorObject(const QJsonValue& error, int status_hint)
{
    const ParsedError parsed = parseErrorValue(error);
    ErrorKind kind = kindFromType(parsed.type);
    if (parsed.spend_cap)
        kind = ErrorKind::SpendCap;
    if (kind == ErrorKind::None) {
        QJsonObject object = error.toObject();
        if (object.value(QStringLiteral("error")).isObject())
            object = object.value(QStringLiteral("error")).toObject();
        const int code = object.value(QStringLiteral("code")).toInt(status_hint);
        kind = code >= 400 ? kindFromStatus(code) : ErrorKind::Server;
    }
    return build(kind, QStringLiteral("error in the stream: "), parsed);
}

bool isRetryable(ErrorKind kind)
{
    return kind == ErrorKind::RateLimited || kind == ErrorKind::Overloaded ||
           kind == ErrorKind::Server;
}

} // namespace kurabe::inference::remote
