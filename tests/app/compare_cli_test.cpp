// `kurabe compare` end to end: the real stories260K model with two presets and the fake
// provider (added with `kurabe providers add`), a JSON Lines prompt set, an HTML report, the
// comparison in the database, votes, the leaderboard, and the errors a user can make.
#include "common/test_data.h"
#include "compare/prompt_set.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "storage/schema/schema.h"
#include "storage/stores/comparison_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using kurabe::test::MockProviderServer;
using kurabe::test::MockResponse;

namespace {

struct CliRun
{
    int exit_code = -1;
    QString out;
    QString err;
};

} // namespace

class CompareCliTest : public QObject
{
    Q_OBJECT

    QString model_;
    QTemporaryDir dir_;

    // Runs kurabe without blocking the event loop, so the fake provider here keeps serving.
    CliRun kurabe(const QStringList& args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("KURABE_KEYSTORE"), QStringLiteral("file"));
        env.insert(QStringLiteral("KURABE_SECRETS_PASSPHRASE"), QStringLiteral("test passphrase"));
        env.insert(QStringLiteral("MOCK_KEY"), QStringLiteral("sk-compare-test"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(KURABE_BINARY),
                      args + QStringList{QStringLiteral("--data-dir"), dir_.path()});
        process.closeWriteChannel();
        CliRun run;
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 300000)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        model_ = models + QStringLiteral("/real/stories260K.gguf");
        QVERIFY(dir_.isValid());
    }

    void compares_votes_and_ranks()
    {
        MockProviderServer server;
        const CliRun added =
            kurabe({"providers", "add", "mock", "--kind", "openai-compatible", "--base-url",
                    server.url(QStringLiteral("/v1")).toString(), "--key-env", "MOCK_KEY"});
        QVERIFY2(added.exit_code == 0, qPrintable(added.err));
        for (int i = 0; i < 2; ++i) {
            MockResponse response;
            response.body = kurabe::test::kOpenAiStream;
            server.enqueue(response);
        }
        const QString prompts = dir_.filePath(QStringLiteral("prompts.jsonl"));
        {
            QFile file(prompts);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"prompt\":\"Once upon a time\",\"checks\":[\"contains:Hello\"]}\n"
                       "\"The <b>little</b> dog\"\n");
        }
        const QString report = dir_.filePath(QStringLiteral("report.html"));
        const CliRun run = kurabe({"compare",
                                   "--target",
                                   "local:" + model_ + ":greedy",
                                   "--target",
                                   "local:" + model_ + ":creative",
                                   "--target",
                                   "provider:mock/tiny",
                                   "--prompts",
                                   prompts,
                                   "--seed",
                                   "3",
                                   "-n",
                                   "8",
                                   "--backend",
                                   "cpu",
                                   "--tag",
                                   "cli",
                                   "--title",
                                   "CLI test",
                                   "--out",
                                   report,
                                   "--json"});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("6/6")), qPrintable(run.err)); // progress
        QCOMPARE(server.requests.size(), 2);

        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value("title").toString(), QStringLiteral("CLI test"));
        const QJsonArray results = json.value("results").toArray();
        QCOMPARE(results.size(), 6);
        int passed = 0, checked = 0;
        for (const QJsonValue& value : results) {
            const QJsonObject result = value.toObject();
            QVERIFY(!result.value("content").toString().isEmpty());
            QVERIFY(result.value("tokens_out").toInteger() > 0);
            QVERIFY(result.contains("wall_ms"));
            for (const QJsonValue& check :
                 result.value("details").toObject().value("checks").toArray()) {
                ++checked;
                passed += check.toObject().value("passed").toBool() ? 1 : 0;
            }
        }
        // The check is on prompt 1 only; of its three answers only the provider's says Hello.
        QCOMPARE(checked, 3);
        QCOMPARE(passed, 1);
        QCOMPARE(json.value("targets").toArray()[0].toObject().value("label").toString(),
                 QStringLiteral("stories260K.gguf · greedy"));
        const qint64 id = json.value("id").toInteger();

        QFile html(report);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(page.contains(QStringLiteral("The &lt;b&gt;little&lt;/b&gt; dog")));

        // The same comparison is in the database the GUI reads, with its tag.
        const CliRun listed = kurabe({"compare", "list", "--tag", "cli", "--json"});
        QCOMPARE(listed.exit_code, 0);
        const QJsonArray rows =
            QJsonDocument::fromJson(listed.out.toUtf8()).object().value("comparisons").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("id").toInteger(), id);

        const QString csv = dir_.filePath(QStringLiteral("again.csv"));
        const CliRun shown = kurabe({"compare", "show", QString::number(id), "--out", csv});
        QCOMPARE(shown.exit_code, 0);
        QVERIFY(shown.out.contains(QStringLiteral("stories260K.gguf · creative")));
        QFile csv_file(csv);
        QVERIFY(csv_file.open(QIODevice::ReadOnly));
        QString error;
        const auto records =
            kurabe::app::parse_csv_records(QString::fromUtf8(csv_file.readAll()), &error);
        QVERIFY2(records, qPrintable(error));
        QCOMPARE(records->size(), size_t{7});

        // A rating and a comment on one answer.
        const CliRun rated = kurabe({"compare", "rate", QString::number(id), "--prompt", "2",
                                     "--target", "3", "--rating", "4", "--note", "polite"});
        QVERIFY2(rated.exit_code == 0, qPrintable(rated.err));
        const CliRun bad_rating = kurabe({"compare", "rate", QString::number(id), "--prompt", "1",
                                          "--target", "1", "--rating", "9"});
        QCOMPARE(bad_rating.exit_code, 1);
        QVERIFY2(bad_rating.err.contains(QStringLiteral("1 to 5")), qPrintable(bad_rating.err));
        const QJsonArray rated_results =
            QJsonDocument::fromJson(
                kurabe({"compare", "show", QString::number(id), "--json"}).out.toUtf8())
                .object()
                .value("results")
                .toArray();
        int ratings = 0;
        for (const QJsonValue& value : rated_results) {
            const QJsonObject result = value.toObject();
            if (result.contains("rating")) {
                ++ratings;
                QCOMPARE(result.value("rating").toInt(), 4);
                QCOMPARE(result.value("note").toString(), QStringLiteral("polite"));
                QCOMPARE(result.value("content").toString(), QStringLiteral("Hello, world"));
            }
        }
        QCOMPARE(ratings, 1);

        // Votes: greedy beats the provider on prompt 1; on prompt 2 greedy and the provider are
        // both bad and greedy beats creative. Greedy: 2.5 wins of 3 games, first.
        for (const QStringList& vote :
             {QStringList{"--prompt", "1", "--a", "1", "--b", "3", "--outcome", "a"},
              QStringList{"--prompt", "2", "--a", "3", "--b", "1", "--outcome", "both_bad"},
              QStringList{"--prompt", "2", "--a", "2", "--b", "1", "--outcome", "b"}}) {
            const CliRun voted = kurabe(QStringList{"compare", "vote", QString::number(id)} + vote);
            QVERIFY2(voted.exit_code == 0, qPrintable(voted.err));
        }
        const CliRun board = kurabe({"compare", "leaderboard", "--tag", "cli", "--json"});
        QCOMPARE(board.exit_code, 0);
        const QJsonObject ranked = QJsonDocument::fromJson(board.out.toUtf8()).object();
        QCOMPARE(ranked.value("votes").toInt(), 3);
        const QJsonArray leaders = ranked.value("leaderboard").toArray();
        QCOMPARE(leaders.size(), 3);
        const QJsonObject first = leaders[0].toObject();
        QCOMPARE(first.value("target").toString(), QStringLiteral("stories260K.gguf · greedy"));
        QCOMPARE(first.value("wins").toDouble(), 2.5);
        QCOMPARE(first.value("games").toInt(), 3);
        for (const QJsonValue& value : leaders) {
            const QJsonObject row = value.toObject();
            QVERIFY(row.value("ci_low").toDouble() <= row.value("rating").toDouble());
            QVERIFY(row.value("rating").toDouble() <= row.value("ci_high").toDouble());
        }
        const CliRun empty = kurabe({"compare", "leaderboard", "--tag", "nothing"});
        QCOMPARE(empty.exit_code, 0);
        QVERIFY(empty.out.contains(QStringLiteral("no votes yet")));
    }

    void a_failed_answer_is_saved_and_reported()
    {
        const CliRun run = kurabe(
            {"compare", "--target", "local:" + dir_.filePath("missing.gguf"), "--prompt", "hi"});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("1 of 1 answers failed")), qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("missing.gguf")));
    }

    void mistakes_are_explained_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::addRow("bad target")
            << QStringList{"compare", "--target", "gpt", "--prompt", "x"} << 2 << "is not a target";
        QTest::addRow("no prompt")
            << QStringList{"compare", "--target", "local:a.gguf"} << 2 << "usage: kurabe compare";
        QTest::addRow("bad check") << QStringList{"compare", "--target", "local:a.gguf", "--prompt",
                                                  "x",       "--check",  "short"}
                                   << 2 << "is not a check";
        QTest::addRow("bad out") << QStringList{"compare", "--target", "local:a.gguf", "--prompt",
                                                "x",       "--out",    "r.pdf"}
                                 << 2 << ".csv, .json, .md or .html";
        QTest::addRow("missing prompts file")
            << QStringList{"compare", "--target", "local:a.gguf", "--prompts", "/nonexistent.csv"}
            << 1 << "/nonexistent.csv";
        QTest::addRow("unknown comparison")
            << QStringList{"compare", "show", "999"} << 1 << "does not exist";
        QTest::addRow("vote for one target")
            << QStringList{"compare", "vote", "1", "--prompt",  "1",  "--a",
                           "1",       "--b",  "1", "--outcome", "tie"}
            << 2 << "two different targets";
    }

    void mistakes_are_explained()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, says);
        const CliRun run = kurabe(args);
        QCOMPARE(run.exit_code, code);
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(CompareCliTest)
#include "compare_cli_test.moc"
