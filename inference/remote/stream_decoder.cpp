#include "inference/remote/stream_decoder.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace kurabe::inference::remote {

void StreamDecoder::feed(QByteArrayView bytes, std::vector<StreamEvent>& events)
{
    if (!done_)
        decode(bytes, events);
}

void StreamDecoder::finish(std::vector<StreamEvent>& events)
{
    if (!done_)
        decodeEnd(events);
    if (!done_)
        endedEarly(events);
}

void StreamDecoder::emitText(std::vector<StreamEvent>& events, const QString& text)
{
    if (done_ || text.isEmpty())
        return;
    text_chars_ += text.size();
    StreamEvent event;
    event.kind = StreamEvent::Kind::TextDelta;
    event.text = text;
    events.push_back(std::move(event));
}

void StreamDecoder::emitReasoning(std::vector<StreamEvent>& events, const QString& text)
{
    if (done_ || text.isEmpty())
        return;
    text_chars_ += text.size();
    StreamEvent event;
    event.kind = StreamEvent::Kind::ReasoningDelta;
    event.text = text;
    events.push_back(std::move(event));
}

void StreamDecoder::emitUsage(std::vector<StreamEvent>& events, const Usage& usage)
{
    if (done_)
        return;
    StreamEvent event;
    event.kind = StreamEvent::Kind::Usage;
    event.usage = usage;
    events.push_back(std::move(event));
}

void StreamDecoder::emitFinish(std::vector<StreamEvent>& events, FinishReason reason)
{
    if (done_)
        return;
    done_ = true;
    StreamEvent event;
    event.kind = StreamEvent::Kind::Finish;
    event.finish = reason;
    events.push_back(std::move(event));
}

void StreamDecoder::emitError(std::vector<StreamEvent>& events, ErrorKind kind,
                              const QString& message, std::optional<int> retry_after_seconds)
{
    if (done_)
        return;
    done_ = true;
    StreamEvent event;
    event.kind = StreamEvent::Kind::Error;
    event.error = kind;
    event.text = message;
    event.retry_after_seconds = retry_after_seconds;
    events.push_back(std::move(event));
}

void StreamDecoder::emitMalformed(std::vector<StreamEvent>& events, const QString& what)
{
    emitError(events, ErrorKind::Protocol,
              QStringLiteral("the server's stream broke its format after %1 characters of "
                             "text: %2")
                  .arg(text_chars_)
                  .arg(what));
}

void StreamDecoder::endedEarly(std::vector<StreamEvent>& events)
{
    emitMalformed(events, QStringLiteral("the stream ended before its final event"));
}

std::optional<QJsonObject> StreamDecoder::parseObject(std::vector<StreamEvent>& events,
                                                      const QByteArray& payload)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError) {
        emitMalformed(events, QStringLiteral("malformed JSON (%1 at byte %2)")
                                  .arg(error.errorString())
                                  .arg(error.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        emitMalformed(events, QStringLiteral("a JSON payload is not an object"));
        return std::nullopt;
    }
    return document.object();
}

std::optional<int64_t> jsonInt(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    // Token counts and durations: whole, non-negative and well inside int64's range.
    if (!std::isfinite(d) || d < 0 || d > 9.0e15 || d != std::floor(d))
        return std::nullopt;
    return static_cast<int64_t>(d);
}

} // namespace kurabe::inference::remote
