// `kurabe compare`: the same prompts to several models, measured and saved with the GUI's
// comparisons.
//   kurabe compare --target SPEC [--target SPEC ...] (--prompt TEXT ... | --prompts FILE)
//                  [--system T] [--seed S] [--temp T] [-n N] [--check SPEC ...] [--title T]
//                  [--tag T ...] [--out FILE.csv|.json|.md|.html] [--backend NAME] [--ctx N]
//                  [--data-dir DIR] [--json]
//   kurabe compare list [--tag T] [--json]
//   kurabe compare show ID [--out FILE] [--json]
//   kurabe compare vote ID --prompt N --a I --b J --outcome a|b|tie|both_bad
//   kurabe compare rate ID --prompt N --target I [--rating 1-5 | --clear] [--note TEXT]
//   kurabe compare leaderboard [--tag T] [--json]
// Progress goes to stderr, the result table (or JSON) to stdout. Ctrl-C cancels what still
// runs and keeps what finished.
#pragma once

#include "storage/sqlite/database.h"

#include <QCommandLineOption>
#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace kurabe::cli {

int run_compare_command(const QStringList& args);

// Shared by compare_command.cpp (running a comparison) and compare_saved_command.cpp (the
// subcommands on saved comparisons).
namespace compare_cli {

QCommandLineOption data_dir_option();
QCommandLineOption json_option();

struct OpenedStore
{
    QString data_dir;
    std::unique_ptr<storage::Database> database; // null when opening failed
    QString error;
};
OpenedStore open_store(const QString& requested_data_dir);

void print_json(const QJsonObject& object);

int list(const QStringList& args);
int show(const QStringList& args);
int vote(const QStringList& args);
int rate(const QStringList& args);
int leaderboard(const QStringList& args);

} // namespace compare_cli

} // namespace kurabe::cli
