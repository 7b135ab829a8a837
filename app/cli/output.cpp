#include "cli/output.h"

#include <cstdio>

namespace kurabe::cli {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString& command, const QString& message, int code)
{
    out().flush();
    err() << "kurabe " << command << ": " << message << Qt::endl;
    return code;
}

} // namespace kurabe::cli
