// The command-line interface: `kurabe COMMAND [ARGS]`. Runs without a display.
#pragma once

#include <QString>
#include <QStringList>

namespace kurabe::cli {

// One subcommand. `run` gets the arguments after the command name and returns the exit code.
struct Command
{
    const char* name;
    const char* summary;
    const char* pending; // null when available; otherwise which issue brings it
    int (*run)(const QStringList& args);
};

const std::vector<Command>& commands();

// True when argv asks for the CLI (a command name, --help or --version) rather than the GUI.
bool wants_cli(const QStringList& args);

// Runs the CLI on args (without the program name); returns the process exit code.
int run(const QStringList& args);

// Exit codes shared by every command.
enum ExitCode
{
    Ok = 0,
    Failure = 1,
    Usage = 2,
    TemplateRaised = 3
};

} // namespace kurabe::cli
