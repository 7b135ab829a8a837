#include "inference/remote/sse_parser.h"

#include <algorithm>
#include <utility>

namespace kurabe::inference::remote {

namespace {

constexpr char kBom[3] = {'\xEF', '\xBB', '\xBF'};

bool allDigits(QByteArrayView value)
{
    return !value.isEmpty() &&
           std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

void SseParser::feed(QByteArrayView bytes, std::vector<SseEvent>& events)
{
    if (error_)
        return;
    // A BOM may start the stream; it can be split across chunks, so it is matched byte by
    // byte and the bytes matched so far are replayed as content when it turns out not to be one.
    while (bom_matched_ >= 0 && !bytes.isEmpty()) {
        if (bytes.front() == kBom[bom_matched_]) {
            bytes = bytes.sliced(1);
            if (++bom_matched_ == 3)
                bom_matched_ = -1;
            continue;
        }
        const int matched = bom_matched_;
        bom_matched_ = -1;
        feedBytes(QByteArrayView(kBom, matched), events);
    }
    feedBytes(bytes, events);
}

void SseParser::feedBytes(QByteArrayView bytes, std::vector<SseEvent>& events)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && !error_) {
        if (after_cr_) {
            after_cr_ = false;
            if (bytes[pos] == '\n') {
                ++pos;
                continue;
            }
        }
        const auto begin = bytes.begin() + pos;
        const auto end =
            std::find_if(begin, bytes.end(), [](char c) { return c == '\r' || c == '\n'; });
        const qsizetype length = end - begin;
        if (line_.size() + length > kMaxEventBytes) {
            error_ = QStringLiteral("a server-sent event line is longer than %1 MiB")
                         .arg(kMaxEventBytes / (1024 * 1024));
            return;
        }
        line_.append(bytes.sliced(pos, length));
        pos += length;
        if (end == bytes.end())
            return;
        after_cr_ = *end == '\r';
        ++pos;
        processLine(events);
    }
}

void SseParser::processLine(std::vector<SseEvent>& events)
{
    const QByteArray line = std::exchange(line_, QByteArray());
    if (line.isEmpty()) {
        // A blank line dispatches the event; one without data lines is dropped (keep-alive).
        if (has_data_) {
            QByteArray data = std::exchange(data_, QByteArray());
            data.chop(1); // the '\n' after the last data line
            events.push_back(
                SseEvent{event_.isEmpty() ? QStringLiteral("message") : QString::fromUtf8(event_),
                         QString::fromUtf8(data), last_id_});
        }
        data_.clear();
        event_.clear();
        has_data_ = false;
        return;
    }
    if (line.front() == ':')
        return; // a comment
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field =
        colon < 0 ? QByteArrayView(line) : QByteArrayView(line).first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : QByteArrayView(line).sliced(colon + 1);
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);

    if (field == "data") {
        if (data_.size() + value.size() + 1 > kMaxEventBytes) {
            error_ = QStringLiteral("a server-sent event is larger than %1 MiB")
                         .arg(kMaxEventBytes / (1024 * 1024));
            return;
        }
        data_.append(value);
        data_.append('\n');
        has_data_ = true;
    } else if (field == "event") {
        event_ = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            last_id_ = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool ok = false;
        const int ms = value.toByteArray().toInt(&ok);
        if (allDigits(value) && ok)
            retry_ms_ = ms;
    }
    // Any other field is ignored, as the spec requires.
}

} // namespace kurabe::inference::remote
