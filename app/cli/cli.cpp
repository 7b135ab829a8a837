#include "cli/cli.h"

#include "cli/bench_command.h"
#include "cli/catalog_command.h"
#include "cli/chat_command.h"
#include "cli/compare_command.h"
#include "cli/devices_command.h"
#include "cli/export_command.h"
#include "cli/generate_command.h"
#include "cli/import_command.h"
#include "cli/logits_command.h"
#include "cli/models_command.h"
#include "cli/output.h"
#include "cli/providers_command.h"
#include "cli/search_command.h"
#include "cli/template_command.h"
#include "cli/tokenize_command.h"
#include "version.h"

#include <QCoreApplication>

namespace kurabe::cli {

namespace {

int not_yet(const char* name, const char* pending)
{
    return fail(QString::fromLatin1(name),
                QStringLiteral("not yet available (%1)").arg(QString::fromLatin1(pending)));
}

// Commands still to come share one runner that names the work that brings them.
#define KURABE_PENDING(name, summary, pending)                                                     \
    Command                                                                                        \
    {                                                                                              \
        name, summary, pending, [](const QStringList&) { return not_yet(name, pending); }          \
    }

} // namespace

const std::vector<Command>& commands()
{
    static const std::vector<Command> list = {
        Command{"generate", "generate text from a local model or a remote provider", nullptr,
                &run_generate_command},
        Command{"chat", "chat in the terminal, saved with the GUI's conversations", nullptr,
                &run_chat_command},
        Command{"logits", "print the top logits for prompts, in the reference JSON schema", nullptr,
                &run_logits_command},
        Command{"tokenize", "tokenize stdin with a model's vocabulary", nullptr,
                &run_tokenize_command},
        Command{"template", "render a chat template for a conversation", nullptr,
                &run_template_command},
        Command{"bench", "measure prompt and generation speed (tokens/s, GB/s)", nullptr,
                &run_bench_command},
        Command{"compare", "send prompts to several models and tabulate the answers", nullptr,
                &run_compare_command},
        Command{"catalog", "browse the model catalog and download models from it", nullptr,
                &run_catalog_command},
        Command{"models", "inspect local GGUF model files (models inspect FILE)", nullptr,
                &run_models_command},
        Command{"devices", "list the Vulkan devices and the one Kurabe uses", nullptr,
                &run_devices_command},
        Command{"providers", "add, list, test and remove remote API providers", nullptr,
                &run_providers_command},
        Command{"search", "search every saved message and comparison", nullptr,
                &run_search_command},
        Command{"export", "export conversations and comparisons (zstd JSON Lines)", nullptr,
                &run_export_command},
        Command{"import", "import an export file, all or nothing", nullptr, &run_import_command},
        KURABE_PENDING("serve", "serve local models over an OpenAI-compatible HTTP API",
                       "planned, not scheduled yet"),
    };
    return list;
}

#undef KURABE_PENDING

static const Command* find_command(const QString& name)
{
    for (const Command& command : commands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

static void print_help(QTextStream& stream)
{
    stream << "Kurabe " KURABE_VERSION " - chat with local LLMs, compare models side by side, "
              "browse a model catalog\n\n"
              "Usage:\n"
              "  kurabe [--data-dir DIR]      open the application window\n"
              "  kurabe COMMAND [ARGS...]     run a command without a window\n"
              "  kurabe --version | --help\n\n"
              "Commands:\n";
    for (const Command& command : commands()) {
        QString line = QStringLiteral("  %1").arg(QString::fromLatin1(command.name), -12);
        line += QString::fromLatin1(command.summary);
        if (command.pending)
            line += QStringLiteral(" [not yet available]");
        stream << line << '\n';
    }
    stream << "\nEvery command prints plain text, or JSON with --json; `kurabe COMMAND --help` "
              "describes one.\n";
    stream.flush();
}

bool wants_cli(const QStringList& args)
{
    if (args.isEmpty())
        return false;
    const QString& first = args.front();
    return first == QLatin1String("--help") || first == QLatin1String("-h") ||
           first == QLatin1String("--version") || first == QLatin1String("help") ||
           find_command(first) != nullptr || !first.startsWith(QLatin1Char('-'));
}

int run(const QStringList& args)
{
    if (args.isEmpty() || args.front() == QLatin1String("--help") ||
        args.front() == QLatin1String("-h") || args.front() == QLatin1String("help")) {
        print_help(out());
        return Ok;
    }
    if (args.front() == QLatin1String("--version")) {
        out() << "kurabe " KURABE_VERSION << '\n';
        out().flush();
        return Ok;
    }
    const Command* command = find_command(args.front());
    if (!command) {
        err() << "kurabe: unknown command '" << args.front() << "'\n\n";
        print_help(err());
        return Usage;
    }
    return command->run(args.mid(1));
}

} // namespace kurabe::cli
