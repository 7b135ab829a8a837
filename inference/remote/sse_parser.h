// An incremental parser for Server-Sent Events (the WHATWG "text/event-stream" format), the
// framing OpenAI, Anthropic and Gemini stream in. Bytes arrive in chunks cut anywhere — inside
// a line, between CR and LF, inside a UTF-8 sequence — and the events that come out are the same
// however the stream was cut, because lines are assembled as bytes and decoded only once an
// event is complete.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

namespace kurabe::inference::remote {

struct SseEvent
{
    QString event; // the "event:" field; "message" when the server named none
    QString data;  // the "data:" lines joined with '\n'
    QString id;    // the last "id:" seen so far (it persists across events, as the spec says)
    bool operator==(const SseEvent&) const = default;
};

class SseParser
{
public:
    // A single line or event larger than this is refused: a server that never ends a line
    // must not grow memory without bound. Bytes.
    static constexpr qsizetype kMaxEventBytes = 8 * 1024 * 1024;

    // Parses the next chunk of the stream and appends every event it completes to `events`.
    // After an error (see error()) further input is ignored.
    void feed(QByteArrayView bytes, std::vector<SseEvent>& events);

    // The stream's last "retry:" value in milliseconds, if it sent one.
    std::optional<int> retryMs() const { return retry_ms_; }
    // Set when the stream broke the parser's limits; the message says how.
    const std::optional<QString>& error() const { return error_; }
    // True when a partial line or an undispatched event is buffered: at the end of the
    // stream that data is discarded (as the spec requires), so callers can report it.
    bool hasPendingData() const { return !line_.isEmpty() || !data_.isEmpty(); }

private:
    void feedBytes(QByteArrayView bytes, std::vector<SseEvent>& events);
    void processLine(std::vector<SseEvent>& events);

    QByteArray line_;  // the current line so far, without its terminator
    QByteArray data_;  // data lines of the current event, each followed by '\n'
    QByteArray event_; // the current event's type
    QString last_id_;
    bool has_data_ = false;
    bool after_cr_ = false; // the previous byte was CR, so an LF right after it ends nothing
    int bom_matched_ = 0;   // bytes of a leading UTF-8 BOM matched so far; -1 once past it
    std::optional<int> retry_ms_;
    std::optional<QString> error_;
};

} // namespace kurabe::inference::remote
