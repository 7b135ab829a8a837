// The engine's command-line tools on the shared test models, run as a user runs them.
#include "common/kurabe_process.h"
#include "common/test_data.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject read_json(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

using kurabe::test::KurabeRun;
using kurabe::test::run_kurabe;

class EngineCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void models_inspect_describes_a_real_model()
    {
        KURABE_REQUIRE_DATA(models);
        const KurabeRun run = run_kurabe({QStringLiteral("models"), QStringLiteral("inspect"),
                                          models + QStringLiteral("/real/stories260K.gguf"),
                                          QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject info = QJsonDocument::fromJson(run.out_bytes).object();
        QCOMPARE(info.value(QStringLiteral("architecture")).toString(), QStringLiteral("llama"));
        QCOMPARE(info.value(QStringLiteral("n_layer")).toInt(), 5);
        QCOMPARE(info.value(QStringLiteral("n_embd")).toInt(), 64);
        QCOMPARE(info.value(QStringLiteral("n_head")).toInt(), 8);
        QCOMPARE(info.value(QStringLiteral("n_head_kv")).toInt(), 4);
        QCOMPARE(info.value(QStringLiteral("n_vocab")).toInt(), 512);
        QVERIFY(info.value(QStringLiteral("chat_template")).isNull());
        QVERIFY(info.value(QStringLiteral("runnable")).toBool());
        QVERIFY(info.value(QStringLiteral("parameters")).toInteger() > 200'000);
    }

    void models_inspect_reports_a_broken_file()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/broken.gguf");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("GGUF\x03\x00\x00\x00garbage", 15);
        file.close();
        const KurabeRun run =
            run_kurabe({QStringLiteral("models"), QStringLiteral("inspect"), path});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("broken.gguf")), qPrintable(run.err));
    }

    void tokenize_prints_ids()
    {
        KURABE_REQUIRE_DATA(models);
        const KurabeRun run = run_kurabe({QStringLiteral("tokenize"), QStringLiteral("-m"),
                                          models + QStringLiteral("/real/stories260K.gguf")},
                                         "Once upon a time");
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QCOMPARE(run.out_bytes.trimmed(), QByteArray("[1, 403, 407, 261, 378]"));
        const KurabeRun raw = run_kurabe({QStringLiteral("tokenize"), QStringLiteral("-m"),
                                          models + QStringLiteral("/real/stories260K.gguf"),
                                          QStringLiteral("--no-bos")},
                                         "Once upon a time");
        QCOMPARE(raw.out_bytes.trimmed(), QByteArray("[403, 407, 261, 378]"));
    }

    void logits_matches_the_reference_schema_and_values()
    {
        KURABE_REQUIRE_DATA(models);
        const QString reference = kurabe::test::reference_dir();
        const KurabeRun run = run_kurabe({QStringLiteral("logits"), QStringLiteral("-m"),
                                          models + QStringLiteral("/real/stories260K.gguf"),
                                          QStringLiteral("--prompts"),
                                          reference + QStringLiteral("/stories_visible.txt"),
                                          QStringLiteral("--greedy"), QStringLiteral("64")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject ours = QJsonDocument::fromJson(run.out_bytes).object();
        const QJsonObject expected =
            read_json(reference + QStringLiteral("/oracle/stories260K.json"));
        QCOMPARE(ours.value(QStringLiteral("model")), expected.value(QStringLiteral("model")));
        QCOMPARE(ours.value(QStringLiteral("n_vocab")), expected.value(QStringLiteral("n_vocab")));
        const QJsonArray our_cases = ours.value(QStringLiteral("cases")).toArray();
        const QJsonArray cases = expected.value(QStringLiteral("cases")).toArray();
        QCOMPARE(our_cases.size(), cases.size());
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QJsonObject a = our_cases.at(i).toObject(), b = cases.at(i).toObject();
            for (const char* key : {"prompt", "add_special", "tokens", "greedy", "greedy_text"})
                QVERIFY2(a.value(QLatin1String(key)) == b.value(QLatin1String(key)), key);
            const QJsonArray top_a = a.value(QStringLiteral("top")).toArray();
            const QJsonArray top_b = b.value(QStringLiteral("top")).toArray();
            QCOMPARE(top_a.size(), top_b.size());
            for (qsizetype p = 0; p < top_b.size(); ++p) {
                const QJsonArray first_a = top_a.at(p).toArray().at(0).toArray();
                const QJsonArray first_b = top_b.at(p).toArray().at(0).toArray();
                QCOMPARE(top_a.at(p).toArray().size(), 20);
                QCOMPARE(first_a.at(0).toInt(), first_b.at(0).toInt());
                QVERIFY(std::abs(first_a.at(1).toDouble() - first_b.at(1).toDouble()) < 0.25);
            }
        }
    }

    void generate_continues_once_upon_a_time_like_the_reference()
    {
        KURABE_REQUIRE_DATA(models);
        const QJsonObject expected =
            read_json(kurabe::test::reference_dir() + QStringLiteral("/oracle/stories260K.json"));
        const QJsonObject first =
            expected.value(QStringLiteral("cases")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("prompt")).toString(),
                 QStringLiteral("Once upon a time"));
        const KurabeRun run =
            run_kurabe({QStringLiteral("generate"), QStringLiteral("-m"),
                        models + QStringLiteral("/real/stories260K.gguf"), QStringLiteral("-p"),
                        QStringLiteral("Once upon a time"), QStringLiteral("-n"),
                        QStringLiteral("64"), QStringLiteral("--temp"), QStringLiteral("0")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QCOMPARE(run.out, first.value(QStringLiteral("greedy_text")).toString());
        QVERIFY2(run.err.contains(QStringLiteral("tokens/s")), qPrintable(run.err));
    }

    void generate_json_carries_the_text_and_timings()
    {
        KURABE_REQUIRE_DATA(models);
        const QJsonObject expected =
            read_json(kurabe::test::reference_dir() + QStringLiteral("/oracle/stories260K.json"));
        const QJsonObject first =
            expected.value(QStringLiteral("cases")).toArray().at(0).toObject();
        const KurabeRun run = run_kurabe(
            {QStringLiteral("generate"), QStringLiteral("-m"),
             models + QStringLiteral("/real/stories260K.gguf"), QStringLiteral("-p"),
             QStringLiteral("Once upon a time"), QStringLiteral("-n"), QStringLiteral("64"),
             QStringLiteral("--temp"), QStringLiteral("0"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject result = QJsonDocument::fromJson(run.out_bytes).object();
        QCOMPARE(result.value(QStringLiteral("text")).toString(),
                 first.value(QStringLiteral("greedy_text")).toString());
        QCOMPARE(result.value(QStringLiteral("prompt_tokens")).toInt(), 5);
        QCOMPARE(result.value(QStringLiteral("generated_tokens")).toInt(), 64);
        QCOMPARE(result.value(QStringLiteral("finish_reason")).toString(),
                 QStringLiteral("length"));
        QVERIFY(result.value(QStringLiteral("generation_tokens_per_second")).toDouble() > 0);
    }

    void same_seed_same_text()
    {
        KURABE_REQUIRE_DATA(models);
        const QStringList args = {QStringLiteral("generate"),
                                  QStringLiteral("-m"),
                                  models + QStringLiteral("/real/stories260K.gguf"),
                                  QStringLiteral("-p"),
                                  QStringLiteral("Lily went"),
                                  QStringLiteral("-n"),
                                  QStringLiteral("40"),
                                  QStringLiteral("--temp"),
                                  QStringLiteral("0.9"),
                                  QStringLiteral("--seed")};
        const KurabeRun a = run_kurabe(args + QStringList{QStringLiteral("7")});
        const KurabeRun b = run_kurabe(args + QStringList{QStringLiteral("7")});
        const KurabeRun c = run_kurabe(args + QStringList{QStringLiteral("8")});
        QVERIFY2(a.exit_code == 0, qPrintable(a.err));
        QVERIFY(!a.out.isEmpty());
        QCOMPARE(a.out, b.out);
        QVERIFY(a.out != c.out);
    }

    void generate_with_chat_on_a_base_model_says_plain_completion()
    {
        KURABE_REQUIRE_DATA(models);
        const KurabeRun run = run_kurabe(
            {QStringLiteral("generate"), QStringLiteral("-m"),
             models + QStringLiteral("/real/stories260K.gguf"), QStringLiteral("-p"),
             QStringLiteral("Once upon a time"), QStringLiteral("--chat"), QStringLiteral("-n"),
             QStringLiteral("8"), QStringLiteral("--temp"), QStringLiteral("0")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("no chat template: plain completion")),
                 qPrintable(run.err));
    }

    void bench_reports_prompt_and_generation_speed()
    {
        KURABE_REQUIRE_DATA(models);
        const KurabeRun run =
            run_kurabe({QStringLiteral("bench"), QStringLiteral("-m"),
                        models + QStringLiteral("/real/stories260K.gguf"), QStringLiteral("-p"),
                        QStringLiteral("32"), QStringLiteral("-n"), QStringLiteral("16"),
                        QStringLiteral("-r"), QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonArray tests = QJsonDocument::fromJson(run.out_bytes).array();
        QCOMPARE(tests.size(), 2);
        QCOMPARE(tests.at(0).toObject().value(QStringLiteral("n_prompt")).toInt(), 32);
        QCOMPARE(tests.at(1).toObject().value(QStringLiteral("n_gen")).toInt(), 16);
        for (const QJsonValue& t : tests) {
            const QJsonObject o = t.toObject();
            QVERIFY(o.value(QStringLiteral("avg_ts")).toDouble() > 0);
            QVERIFY(o.contains(QStringLiteral("stddev_ts")));
            QCOMPARE(o.value(QStringLiteral("backend")).toString(), QStringLiteral("cpu"));
            QVERIFY(o.value(QStringLiteral("model_size")).toInteger() > 1'000'000);
        }
        QVERIFY(tests.at(1).toObject().value(QStringLiteral("gbps")).toDouble() > 0);
    }
};

QTEST_GUILESS_MAIN(EngineCliTest)
#include "engine_cli_test.moc"
