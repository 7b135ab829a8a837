// Runs the built kurabe binary the way a user does from a terminal, without a display, and
// collects what it printed.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace kurabe::test {

struct KurabeRun
{
    int exit_code = -1;   // -1: did not finish in time; -2: crashed
    QByteArray out_bytes; // stdout exactly as written
    QString out;          // stdout as UTF-8 text
    QString err;          // stderr as UTF-8 text
};

inline KurabeRun run_kurabe(const QStringList& args, const QByteArray& input = {},
                            QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                            int timeout_ms = 300'000)
{
    // CLI commands must not need a display: take every way to reach one away.
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(KURABE_BINARY), args);
    process.write(input);
    process.closeWriteChannel();
    KurabeRun run;
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out_bytes = process.readAllStandardOutput();
    run.out = QString::fromUtf8(run.out_bytes);
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace kurabe::test
