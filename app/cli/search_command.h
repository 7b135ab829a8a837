// `kurabe search TEXT [--limit N] [--json] [--data-dir DIR]`: every saved message, comparison
// prompt and comparison answer containing TEXT, best first, with its conversation or comparison
// and a snippet (the match in [brackets]).
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_search_command(const QStringList& args);

} // namespace kurabe::cli
