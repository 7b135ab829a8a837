// The translation from one provider's response body (bytes, as they arrive) to Kurabe's event
// model. Each provider has a decoder; they are pure (no network, no clocks), so recorded wire
// samples test them byte for byte.
//
// Contract: a decoder emits deltas and usage in order, then exactly one terminal event — Finish
// or Error — after which it ignores further input. finish() (end of body) always leads to a
// terminal event: the stream's own, or a Protocol error when it ended before its final event.
#pragma once

#include "inference/stream_event.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

#include <memory>
#include <optional>
#include <vector>

namespace kurabe::inference::remote {

class StreamDecoder
{
public:
    virtual ~StreamDecoder() = default;

    // Decodes the next chunk of the body, appending the events it completes.
    void feed(QByteArrayView bytes, std::vector<StreamEvent>& events);
    // The body ended; appends the terminal event if none came yet.
    void finish(std::vector<StreamEvent>& events);
    // A terminal event was emitted.
    bool done() const { return done_; }

protected:
    virtual void decode(QByteArrayView bytes, std::vector<StreamEvent>& events) = 0;
    // End of body. Implementations emit their pending terminal event or call endedEarly().
    virtual void decodeEnd(std::vector<StreamEvent>& events) = 0;

    void emitText(std::vector<StreamEvent>& events, const QString& text);
    void emitReasoning(std::vector<StreamEvent>& events, const QString& text);
    void emitUsage(std::vector<StreamEvent>& events, const Usage& usage);
    void emitFinish(std::vector<StreamEvent>& events, FinishReason reason);
    void emitError(std::vector<StreamEvent>& events, ErrorKind kind, const QString& message,
                   std::optional<int> retry_after_seconds = std::nullopt);
    // A payload that is not a JSON object: a Protocol error naming what was wrong and how much
    // text had already arrived (that text was emitted and is kept by the caller).
    void emitMalformed(std::vector<StreamEvent>& events, const QString& what);
    void endedEarly(std::vector<StreamEvent>& events);

    // Parses `payload` as a JSON object; on failure emits a Protocol error and returns nullopt.
    std::optional<QJsonObject> parseObject(std::vector<StreamEvent>& events,
                                           const QByteArray& payload);

private:
    bool done_ = false;
    qsizetype text_chars_ = 0; // text and reasoning characters emitted so far
};

// Maps an integer-valued JSON number to int64; anything else is unset.
std::optional<int64_t> jsonInt(const QJsonValue& value);

} // namespace kurabe::inference::remote
