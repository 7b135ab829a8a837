// `kurabe bench (-m FILE | --synthetic SHAPE:TYPE) [--backend cpu] [-p N] [-n N] [-r N]
// [--threads N] [--json]`: prompt-processing and generation speed, llama-bench style, with the
// memory bandwidth the generation speed implies (weight bytes read per token x tokens/s).
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_bench_command(const QStringList& args);

} // namespace kurabe::cli
