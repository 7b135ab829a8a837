// `kurabe devices [--json] [--device NAME|INDEX] [--no-self-test]`: the Vulkan devices, what
// each offers, which one Kurabe chooses, and a self-test dispatch on the chosen one.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_devices_command(const QStringList& args);

} // namespace kurabe::cli
