// Turns a failed HTTP response (status, body, Retry-After) or a provider's error object inside a
// stream into one typed error of the event model, with a message a user can act on. The body is
// read for each provider's error shape: OpenAI {"error":{"message","type","code"}}, Anthropic
// {"type":"error","error":{"type","message"}}, Gemini {"error":{"code","message","status",
// "details":[RetryInfo]}}, Ollama {"error":"text"}.
#pragma once

#include "inference/stream_event.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace kurabe::inference::remote {

struct ProviderError
{
    ErrorKind kind = ErrorKind::None;
    QString message;
    std::optional<int> retry_after_seconds;
};

// A Retry-After header value — delay seconds or an HTTP date — as whole seconds from `now`.
std::optional<int> parseRetryAfter(const QByteArray& value, const QDateTime& now);

// The error for an HTTP status >= 400 with its body and Retry-After header value (may be empty).
ProviderError classifyHttpError(int status, const QByteArray& body,
                                const QByteArray& retry_after_header, const QDateTime& now);

// The error for an error object a provider sent inside an otherwise successful stream (the
// value of its "error" member, or the whole object). `status_hint` is 0 when none is known.
ProviderError classifyErrorObject(const QJsonValue& error, int status_hint = 0);

// Whether a request that failed with `kind` may be sent again (before any text was shown).
bool isRetryable(ErrorKind kind);

} // namespace kurabe::inference::remote
