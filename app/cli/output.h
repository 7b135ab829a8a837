// stdout/stderr for CLI commands as UTF-8 text streams.
#pragma once

#include <QTextStream>

namespace kurabe::cli {

QTextStream& out(); // stdout
QTextStream& err(); // stderr

// Prints "kurabe COMMAND: MESSAGE" on stderr and returns `code`.
int fail(const QString& command, const QString& message, int code = 1);

} // namespace kurabe::cli
