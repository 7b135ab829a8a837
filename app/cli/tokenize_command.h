// `kurabe tokenize -m FILE [--no-bos] [--no-parse-special]`: stdin's text as token ids, one
// JSON array on one line.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_tokenize_command(const QStringList& args);

} // namespace kurabe::cli
