#include "stream_child_text.h"

QString stream_piece(int index)
{
    return QStringLiteral("片%1 ").arg(index);
}
