// `kurabe models inspect FILE [--json]`: what a GGUF model file holds.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_models_command(const QStringList& args);

} // namespace kurabe::cli
