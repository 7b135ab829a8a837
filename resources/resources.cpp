#include "resources.h"

namespace kurabe::resources {

QIcon app_icon()
{
    return QIcon(QStringLiteral(":/icons/kurabe.svg"));
}

} // namespace kurabe::resources
