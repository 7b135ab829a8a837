// Where the shared test data lives: $KURABE_TEST_DATA, or ../shared/models beside the project.
// Tests that need it and cannot find it skip with a message that says so (KURABE_REQUIRE_DATA).
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace kurabe::test {

// The models folder (holding real/, ref/, vocab/, templates/), or empty when absent.
inline QString models_dir()
{
    const QString env = qEnvironmentVariable("KURABE_TEST_DATA");
    QStringList candidates;
    if (!env.isEmpty())
        candidates << env;
    candidates << QStringLiteral(KURABE_SOURCE_DIR "/../shared/models");
    for (const QString& dir : candidates) {
        if (QFileInfo(dir + QStringLiteral("/README.md")).isFile())
            return QDir(dir).absolutePath();
    }
    return {};
}

// The reference outputs folder (../shared/reference), or empty when absent.
inline QString reference_dir()
{
    const QString models = models_dir();
    if (models.isEmpty())
        return {};
    const QString dir = QDir(models).absoluteFilePath(QStringLiteral("../reference"));
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

} // namespace kurabe::test

// Skips the current test, loudly, when the shared models folder is missing.
#define KURABE_REQUIRE_DATA(var)                                                                   \
    const QString var = kurabe::test::models_dir();                                                \
    if (var.isEmpty())                                                                             \
    QSKIP("SKIPPED: shared test data not found (set KURABE_TEST_DATA or put it at "                \
          "../shared/models)")
