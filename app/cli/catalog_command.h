// `kurabe catalog`: browse the model catalog and download a model from it.
//   kurabe catalog [list] [--search TEXT] [--developer D] [--license-kind K] [--open-weights]
//                  [--min-context N] [--local] [--json] [--data-dir DIR]
//   kurabe catalog show KEY [--json] [--data-dir DIR]
//   kurabe catalog download KEY[:QUANT] [--quant Q] [--dir DIR] [--json] [--data-dir DIR]
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_catalog_command(const QStringList& args);

} // namespace kurabe::cli
