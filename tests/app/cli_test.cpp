// The kurabe binary as a user runs it from a terminal: no display, clear output, exit codes.
#include "common/kurabe_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using kurabe::test::KurabeRun;
using kurabe::test::run_kurabe;

class CliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version()
    {
        const KurabeRun run = run_kurabe({QStringLiteral("--version")});
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.startsWith(QStringLiteral("kurabe 0.")), qPrintable(run.out));
    }

    void help_lists_every_command()
    {
        const KurabeRun run = run_kurabe({QStringLiteral("--help")});
        QCOMPARE(run.exit_code, 0);
        for (const char* command : {"generate", "chat", "logits", "tokenize", "template", "bench",
                                    "compare", "catalog", "models", "devices", "serve"}) {
            QVERIFY2(run.out.contains(QStringLiteral("  %1 ").arg(QLatin1String(command))),
                     command);
        }
    }

    void unknown_command_is_a_usage_error()
    {
        const KurabeRun run = run_kurabe({QStringLiteral("frobnicate")});
        QCOMPARE(run.exit_code, 2);
        QVERIFY(run.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    }

    void pending_command_says_so()
    {
        const KurabeRun run = run_kurabe({QStringLiteral("serve")});
        QCOMPARE(run.exit_code, 1);
        QVERIFY(run.err.contains(QStringLiteral("not yet available")));
    }

    void devices_lists_and_tests_the_chosen_device()
    {
        const KurabeRun run = run_kurabe({QStringLiteral("devices")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("chosen: ")));
        QVERIFY(run.out.contains(QStringLiteral("maxStorageBufferRange")));
        QVERIFY(run.out.contains(QStringLiteral("subgroup size")));
        QVERIFY(run.out.contains(QStringLiteral("self-test: add over 1000003 elements: ok")));
    }

    void devices_json()
    {
        const KurabeRun run = run_kurabe({QStringLiteral("devices"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonArray devices = doc.object().value(QStringLiteral("devices")).toArray();
        QVERIFY(!devices.isEmpty());
        const int chosen = doc.object().value(QStringLiteral("chosen")).toInt(-1);
        QVERIFY(chosen >= 0 && chosen < devices.size());
        const QJsonObject first = devices.at(0).toObject();
        for (const char* key : {"name", "type", "memory_heaps", "subgroup_size",
                                "max_storage_buffer_range", "fp16", "int8"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QVERIFY(doc.object()
                    .value(QStringLiteral("self_test"))
                    .toObject()
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void lavapipe_is_listed_when_it_is_the_test_device()
    {
        const QString icd = qEnvironmentVariable("VK_ICD_FILENAMES");
        if (!icd.contains(QStringLiteral("lvp_icd")))
            QSKIP("SKIPPED: the tests are not running on lavapipe (VK_ICD_FILENAMES unset)");
        const KurabeRun run = run_kurabe({QStringLiteral("devices")});
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.contains(QStringLiteral("llvmpipe")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("(cpu)")));
    }

    void unknown_device_request_fails_clearly()
    {
        const KurabeRun run = run_kurabe(
            {QStringLiteral("devices"), QStringLiteral("--device"), QStringLiteral("no-such-gpu")});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no Vulkan device matches 'no-such-gpu'")),
                 qPrintable(run.err));
    }

    void no_vulkan_driver_fails_clearly()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QTemporaryDir empty;
        const QString missing = empty.path() + QStringLiteral("/none.json");
        env.insert(QStringLiteral("VK_ICD_FILENAMES"), missing);
        env.insert(QStringLiteral("VK_DRIVER_FILES"), missing);
        env.remove(QStringLiteral("KURABE_VK_VALIDATION"));
        const KurabeRun run = run_kurabe({QStringLiteral("devices")}, {}, env);
        QVERIFY2(run.exit_code == 1, qPrintable(run.err)); // a clean failure, not a crash
        QVERIFY2(run.err.contains(QStringLiteral("Vulkan")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("CPU")));
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
