// `kurabe template` renders every shared chat template for every reference conversation
// exactly as ../shared/reference/templates.json says, failing the same way where it raises.
#include "common/kurabe_process.h"
#include "common/test_data.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject reference_templates()
{
    QFile file(kurabe::test::reference_dir() + QStringLiteral("/templates.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

using kurabe::test::KurabeRun;
using kurabe::test::run_kurabe;

class TemplateCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void renders_like_the_reference_data()
    {
        QTest::addColumn<QString>("template_file");
        QTest::addColumn<QByteArray>("conversation");
        QTest::addColumn<QJsonObject>("expected");
        const QJsonObject root = reference_templates();
        if (root.isEmpty()) {
            QTest::addRow("no-data") << QString() << QByteArray() << QJsonObject();
            return;
        }
        const QJsonArray conversations = root.value(QStringLiteral("conversations")).toArray();
        const QJsonObject renders = root.value(QStringLiteral("renders")).toObject();
        for (auto it = renders.begin(); it != renders.end(); ++it) {
            const QJsonArray results = it.value().toArray();
            for (qsizetype i = 0; i < results.size(); ++i)
                QTest::addRow("%s #%d", qPrintable(it.key()), static_cast<int>(i))
                    << it.key()
                    << QJsonDocument(conversations.at(i).toObject()).toJson(QJsonDocument::Compact)
                    << results.at(i).toObject();
        }
    }

    void renders_like_the_reference()
    {
        QFETCH(QString, template_file);
        QFETCH(QByteArray, conversation);
        QFETCH(QJsonObject, expected);
        KURABE_REQUIRE_DATA(models);
        const QString messages = dir_.filePath(QStringLiteral("conversation.json"));
        QFile file(messages);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(conversation);
        file.close();

        const KurabeRun run = run_kurabe(
            {QStringLiteral("template"), QStringLiteral("--template"),
             models + QStringLiteral("/templates/") + template_file, QStringLiteral("--messages"),
             messages, QStringLiteral("--now"), QStringLiteral("2026-11-22 12:00:00")});
        if (expected.contains(QStringLiteral("error"))) {
            const QString message = expected.value(QStringLiteral("error")).toString();
            QVERIFY2(run.exit_code != 0, "the template should have failed");
            QVERIFY2(run.err.contains(message), qPrintable(run.err));
            return;
        }
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QCOMPARE(run.out, expected.value(QStringLiteral("text")).toString());
    }

    void raise_exception_exits_3_with_the_templates_message()
    {
        KURABE_REQUIRE_DATA(models);
        const QString messages = dir_.filePath(QStringLiteral("system.json"));
        QFile file(messages);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}])");
        file.close();
        const KurabeRun run =
            run_kurabe({QStringLiteral("template"), QStringLiteral("--template"),
                        models + QStringLiteral("/templates/google-gemma-2-2b-it.jinja"),
                        QStringLiteral("--messages"), messages});
        QCOMPARE(run.exit_code, 3);
        QCOMPARE(run.err.trimmed(), QStringLiteral("System role not supported"));
    }

    void a_models_own_template_is_used()
    {
        KURABE_REQUIRE_DATA(models);
        const QJsonObject root = reference_templates();
        const QString messages = dir_.filePath(QStringLiteral("qwen.json"));
        QFile file(messages);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(
            QJsonDocument(root.value(QStringLiteral("conversations")).toArray().at(1).toObject())
                .toJson());
        file.close();
        const KurabeRun run = run_kurabe({QStringLiteral("template"), QStringLiteral("-m"),
                                          models + QStringLiteral("/ref/ref-qwen2-bpe-Q8_0.gguf"),
                                          QStringLiteral("--messages"), messages});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QString expected = root.value(QStringLiteral("renders"))
                                     .toObject()
                                     .value(QStringLiteral("Qwen-Qwen2.5-7B-Instruct.jinja"))
                                     .toArray()
                                     .at(1)
                                     .toObject()
                                     .value(QStringLiteral("text"))
                                     .toString();
        QCOMPARE(run.out, expected);
    }

    void a_base_model_has_no_template()
    {
        KURABE_REQUIRE_DATA(models);
        const QString messages = dir_.filePath(QStringLiteral("hello.json"));
        QFile file(messages);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"([{"role":"user","content":"Hello"}])");
        file.close();
        const KurabeRun run = run_kurabe({QStringLiteral("template"), QStringLiteral("-m"),
                                          models + QStringLiteral("/real/stories260K.gguf"),
                                          QStringLiteral("--messages"), messages});
        QCOMPARE(run.exit_code, 1);
        QVERIFY(run.err.contains(QStringLiteral("no chat template")));
    }
};

QTEST_GUILESS_MAIN(TemplateCliTest)
#include "template_cli_test.moc"
