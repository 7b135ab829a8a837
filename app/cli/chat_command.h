#pragma once

#include <QStringList>

namespace kurabe::cli {

// kurabe chat (-m FILE | --provider NAME --model M) [--conversation ID] [--system TEXT]
//             [--temp T] [--seed S] [-n N] [--message TEXT] [--json] [--data-dir DIR]
int run_chat_command(const QStringList& args);

} // namespace kurabe::cli
