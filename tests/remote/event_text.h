// Test helpers: events written as short strings ("T:Hello", "R:thinking", "U:in,out,cached",
// "F:stop", "E:rate_limited/30"), so expected streams read as one list, and a decoder run over
// a wire sample cut at every byte offset (and at every pair of offsets for short samples).
#pragma once

#include "inference/backend.h"
#include "inference/remote/stream_decoder.h"

#include <QStringList>
#include <QTest>

#include <functional>
#include <memory>

namespace kurabe::test {

inline QString optionalText(const std::optional<int64_t>& value)
{
    return value ? QString::number(*value) : QStringLiteral("-");
}

inline QString eventText(const inference::StreamEvent& event)
{
    using Kind = inference::StreamEvent::Kind;
    switch (event.kind) {
    case Kind::TextDelta:
        return QStringLiteral("T:") + event.text;
    case Kind::ReasoningDelta:
        return QStringLiteral("R:") + event.text;
    case Kind::Usage:
        return QStringLiteral("U:%1,%2,%3")
            .arg(optionalText(event.usage.input_tokens), optionalText(event.usage.output_tokens),
                 optionalText(event.usage.cached_input_tokens));
    case Kind::Finish:
        return QStringLiteral("F:") + inference::finishReasonName(event.finish);
    case Kind::Error:
        return QStringLiteral("E:") + inference::errorKindName(event.error) +
               (event.retry_after_seconds ? QStringLiteral("/%1").arg(*event.retry_after_seconds)
                                          : QString());
    }
    return QString();
}

// Deltas are compared one by one: each comes from one whole SSE event or NDJSON line, so how
// the bytes were cut must not change even how the text is split into deltas.
inline QStringList eventTexts(const std::vector<inference::StreamEvent>& events)
{
    QStringList texts;
    for (const inference::StreamEvent& event : events)
        texts.append(eventText(event));
    return texts;
}

using DecoderFactory = std::function<std::unique_ptr<inference::remote::StreamDecoder>()>;

inline QStringList decodeChunks(const DecoderFactory& make, const QList<QByteArray>& chunks)
{
    auto decoder = make();
    std::vector<inference::StreamEvent> events;
    for (const QByteArray& chunk : chunks)
        decoder->feed(chunk, events);
    decoder->finish(events);
    return eventTexts(events);
}

// Decodes `wire` whole, then cut at every offset (and every pair of offsets when it is short),
// and fails the test at the first cut that changes the events. Returns the events.
inline QStringList decodeEverySplit(const DecoderFactory& make, const QByteArray& wire)
{
    const QStringList whole = decodeChunks(make, {wire});
    for (qsizetype i = 0; i <= wire.size(); ++i) {
        const QStringList split = decodeChunks(make, {wire.left(i), wire.mid(i)});
        if (split != whole) {
            qWarning("cut at byte %lld changed the events", static_cast<long long>(i));
            return split;
        }
    }
    if (wire.size() <= 400) {
        for (qsizetype i = 0; i <= wire.size(); ++i) {
            for (qsizetype j = i; j <= wire.size(); ++j) {
                const QStringList split =
                    decodeChunks(make, {wire.left(i), wire.mid(i, j - i), wire.mid(j)});
                if (split != whole) {
                    qWarning("cuts at bytes %lld and %lld changed the events",
                             static_cast<long long>(i), static_cast<long long>(j));
                    return split;
                }
            }
        }
    }
    QList<QByteArray> bytes;
    for (char c : wire)
        bytes.append(QByteArray(1, c));
    const QStringList byte_by_byte = decodeChunks(make, bytes);
    if (byte_by_byte != whole) {
        qWarning("feeding byte by byte changed the events");
        return byte_by_byte;
    }
    return whole;
}

} // namespace kurabe::test
