#include "inference/remote/ndjson_parser.h"

#include <utility>

namespace kurabe::inference::remote {

namespace {

bool isBlank(const QByteArray& line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

} // namespace

void NdjsonParser::feed(QByteArrayView bytes, std::vector<QByteArray>& lines)
{
    while (!bytes.isEmpty() && !error_) {
        const qsizetype newline = bytes.indexOf('\n');
        const qsizetype length = newline < 0 ? bytes.size() : newline;
        if (line_.size() + length > kMaxLineBytes) {
            error_ = QStringLiteral("a JSON line is longer than %1 MiB")
                         .arg(kMaxLineBytes / (1024 * 1024));
            return;
        }
        line_.append(bytes.first(length));
        if (newline < 0)
            return;
        bytes = bytes.sliced(newline + 1);
        emitLine(lines);
    }
}

void NdjsonParser::finish(std::vector<QByteArray>& lines)
{
    if (!error_)
        emitLine(lines);
}

void NdjsonParser::emitLine(std::vector<QByteArray>& lines)
{
    QByteArray line = std::exchange(line_, QByteArray());
    if (line.endsWith('\r'))
        line.chop(1);
    if (!isBlank(line))
        lines.push_back(std::move(line));
}

} // namespace kurabe::inference::remote
