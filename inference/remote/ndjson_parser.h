// An incremental splitter for newline-delimited JSON (Ollama's native streaming format): one
// JSON value per line. Lines are assembled as bytes, so a chunk boundary inside a line or inside
// a UTF-8 sequence changes nothing. Blank lines are skipped; a trailing CR is dropped.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

namespace kurabe::inference::remote {

class NdjsonParser
{
public:
    // Longest accepted line, in bytes: a server that never ends a line must not grow memory
    // without bound.
    static constexpr qsizetype kMaxLineBytes = 8 * 1024 * 1024;

    // Appends every complete, non-blank line in the next chunk to `lines` (without the '\n').
    void feed(QByteArrayView bytes, std::vector<QByteArray>& lines);
    // The stream ended: a last line without a newline is still a line.
    void finish(std::vector<QByteArray>& lines);

    const std::optional<QString>& error() const { return error_; }

private:
    void emitLine(std::vector<QByteArray>& lines);

    QByteArray line_;
    std::optional<QString> error_;
};

} // namespace kurabe::inference::remote
