// kurabe: the application window, or a command-line tool when given a command.
#include "app_context.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "storage/data_dir.h"
#include "ui/main_window.h"
#include "ui/ui_language.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

namespace {

QStringList arguments_of(int argc, char** argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

int run_gui(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Kurabe"));
    QApplication::setApplicationVersion(QStringLiteral(KURABE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("kurabe"));

    QCommandLineParser parser;
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Keep all data in DIR."), QStringLiteral("DIR"));
    parser.addOption(data_dir);
    if (!parser.parse(QApplication::arguments()))
        return kurabe::cli::fail(QStringLiteral("(window)"),
                                 parser.errorText() + QStringLiteral(" (see kurabe --help)"),
                                 kurabe::cli::Usage);

    const kurabe::storage::DataDir dir = kurabe::storage::open_data_dir(parser.value(data_dir));
    if (dir.path.isEmpty())
        return kurabe::cli::fail(QStringLiteral("(window)"), dir.error);

    // Window state lives with the rest of the profile, so --data-dir gives a clean one.
    QSettings settings(dir.path + QStringLiteral("/window.ini"), QSettings::IniFormat);
    auto context = kurabe::app::AppContext::open(dir.path);
    if (!context)
        return kurabe::cli::fail(QStringLiteral("(window)"), context.message());
    // The language is fixed for the run: every widget takes its text when it is built.
    const auto language =
        (*context)->settings().text(kurabe::ui::kUiLanguageSetting, kurabe::ui::kSystemLanguage);
    const QString problem = kurabe::ui::install_ui_translations(
        app, kurabe::ui::resolve_ui_language(language ? *language : kurabe::ui::kSystemLanguage,
                                             qEnvironmentVariable("KURABE_LANG")));
    if (!problem.isEmpty())
        qWarning("kurabe: %s", qPrintable(problem));
    kurabe::ui::MainWindow window(settings, **context);
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char** argv)
{
    const QStringList args = arguments_of(argc, argv);
    if (kurabe::cli::wants_cli(args)) {
        QCoreApplication app(argc, argv); // no display needed
        QCoreApplication::setApplicationName(QStringLiteral("kurabe"));
        QCoreApplication::setApplicationVersion(QStringLiteral(KURABE_VERSION));
        return kurabe::cli::run(args);
    }
    return run_gui(argc, argv);
}
