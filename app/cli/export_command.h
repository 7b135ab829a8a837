// `kurabe export [--conversation ID | --comparison ID] -o FILE.jsonl.zst [--json]
// [--data-dir DIR]`: everything (or one conversation or comparison) as an export file
// (docs/export-format.md). FILE may also be given without -o.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_export_command(const QStringList& args);

} // namespace kurabe::cli
