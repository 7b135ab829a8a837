// Resources compiled into the binary (resources/CMakeLists.txt lists them).
#pragma once

#include <QIcon>

namespace kurabe::resources {

QIcon app_icon(); // the window and desktop icon (icons/kurabe.svg)

} // namespace kurabe::resources
