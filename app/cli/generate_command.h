// `kurabe generate -m FILE -p TEXT [--chat] [-n N] [--temp T] [--top-k K] [--top-p P]
// [--min-p P] [--repeat-penalty R] [--seed S] [--threads N] [--backend cpu]`: streams the
// continuation to stdout, then the timings to stderr.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_generate_command(const QStringList& args);

} // namespace kurabe::cli
