// `kurabe import FILE [--json] [--data-dir DIR]`: adds what an export file holds, all or
// nothing; a damaged or truncated file changes nothing, says where it broke and exits non-zero.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_import_command(const QStringList& args);

} // namespace kurabe::cli
