// `kurabe template (-m FILE | --template FILE.jinja) --messages FILE.json
// [--no-generation-prompt] [--bos S] [--eos S] [--now "YYYY-MM-DD HH:MM:SS"]`: prints the
// rendered prompt text; exits 3 with the template's own message when the template raises.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_template_command(const QStringList& args);

} // namespace kurabe::cli
