// `kurabe search`, `kurabe export` and `kurabe import` run as a user runs them, against a
// throwaway --data-dir: ranked hits with titles and snippets, an export that imports into
// another data directory, and a bad file that exits non-zero and changes nothing.
#include "common/kurabe_process.h"
#include "storage/schema/schema.h"
#include "storage/stores/comparison_store.h"
#include "storage/stores/conversation_store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using kurabe::test::KurabeRun;
using kurabe::test::run_kurabe;
using namespace kurabe::storage;

namespace {

bool fill(const QString& data_dir)
{
    StorageResult<std::unique_ptr<Database>> database =
        open_kurabe_database(database_path(data_dir), OpenMode::ReadWrite);
    if (!database) {
        return false;
    }
    ConversationStore conversations(**database);
    const qint64 llm = conversations.create({QStringLiteral("LLMとは"), {}, {}, {}}).value();
    const qint64 question =
        conversations
            .add_message(llm, std::nullopt,
                         {MessageRole::User, QStringLiteral("LLMって何?"), {}, {}})
            .value();
    const QJsonObject target{
        {"kind", "local"}, {"name", "stories260K"}, {"device", "CPU (2 threads)"}};
    const qint64 answer =
        conversations
            .add_message(llm, question,
                         {MessageRole::Assistant, QString(), target, {{"temperature", 0}}})
            .value();
    MessageMetrics metrics;
    metrics.tokens_out = 9;
    metrics.ttft_ms = 12.4;
    metrics.tokens_per_s = 31.24;
    metrics.finish_reason = QStringLiteral("stop");
    if (!conversations.finish_message(answer, QStringLiteral("大規模言語モデルのことです。"),
                                      metrics))
        return false;
    if (!conversations.set_system_prompt(llm, QStringLiteral("Answer in ```one``` line.")))
        return false;
    const qint64 kyoto = conversations.create({QStringLiteral("Kyoto trip"), {}, {}, {}}).value();
    (void)conversations.add_message(
        kyoto, std::nullopt, {MessageRole::User, QStringLiteral("Temples in Kyoto?"), {}, {}});
    ComparisonStore comparisons(**database);
    return comparisons
        .create(
            {QStringLiteral("haiku"), {}, {}, {{QString(), QStringLiteral("Kyoto haiku please")}}})
        .ok();
}

QStringList dir_args(const QTemporaryDir& dir)
{
    return {QStringLiteral("--data-dir"), dir.path()};
}

QJsonObject json_of(const KurabeRun& run)
{
    return QJsonDocument::fromJson(run.out_bytes).object();
}

} // namespace

class StorageCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(fill(source_.path())); }

    void search_finds_japanese_and_english_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("hits");
        QTest::addColumn<QString>("first_title");
        QTest::addColumn<QString>("first_kind");
        QTest::addRow("Japanese substring") << "言語モデル" << 1 << "LLMとは"
                                            << "message";
        QTest::addRow("English, message and comparison") << "kyoto" << 2 << ""
                                                         << "";
        QTest::addRow("comparison prompt") << "haiku please" << 1 << "haiku"
                                           << "comparison_prompt";
        QTest::addRow("nothing") << "Osaka" << 0 << ""
                                 << "";
    }

    void search_finds_japanese_and_english()
    {
        QFETCH(QString, query);
        QFETCH(int, hits);
        QFETCH(QString, first_title);
        QFETCH(QString, first_kind);
        const KurabeRun run =
            run_kurabe(QStringList{QStringLiteral("search"), query, QStringLiteral("--json")} +
                       dir_args(source_));
        QCOMPARE(run.exit_code, 0);
        const QJsonArray found = json_of(run).value(QStringLiteral("hits")).toArray();
        QCOMPARE(found.size(), hits);
        if (!first_title.isEmpty()) {
            const QJsonObject hit = found.first().toObject();
            QCOMPARE(hit.value(QStringLiteral("title")).toString(), first_title);
            QCOMPARE(hit.value(QStringLiteral("kind")).toString(), first_kind);
            QVERIFY2(hit.value(QStringLiteral("snippet"))
                         .toString()
                         .contains(QLatin1Char('[') + query.section(QLatin1Char(' '), 0, 0) +
                                   QLatin1Char(']')),
                     qPrintable(hit.value(QStringLiteral("snippet")).toString()));
            QVERIFY(hit.contains(QStringLiteral("rank")));
        }
    }

    void search_prints_titles_and_snippets()
    {
        const KurabeRun run =
            run_kurabe(QStringList{QStringLiteral("search"), QStringLiteral("言語モデル")} +
                       dir_args(source_));
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.startsWith(QStringLiteral("1. conversation 1 \"LLMとは\", message 2\n")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("大規模[言語モデル]のことです。")),
                 qPrintable(run.out));
        const KurabeRun limited =
            run_kurabe(QStringList{QStringLiteral("search"), QStringLiteral("kyoto"),
                                   QStringLiteral("--limit"), QStringLiteral("1")} +
                       dir_args(source_));
        QCOMPARE(limited.exit_code, 0);
        QCOMPARE(limited.out.count(QStringLiteral("1. ")), 1);
        QVERIFY(!limited.out.contains(QStringLiteral("2. ")));
    }

    void export_then_import_into_another_data_dir()
    {
        const QString file = files_.filePath(QStringLiteral("all.jsonl.zst"));
        const KurabeRun exported =
            run_kurabe(QStringList{QStringLiteral("export"), QStringLiteral("-o"), file,
                                   QStringLiteral("--json")} +
                       dir_args(source_));
        QVERIFY2(exported.exit_code == 0, qPrintable(exported.err));
        const QJsonObject records = json_of(exported).value(QStringLiteral("records")).toObject();
        QCOMPARE(records.value(QStringLiteral("conversations")).toInt(), 2);
        QCOMPARE(records.value(QStringLiteral("messages")).toInt(), 3);
        QCOMPARE(records.value(QStringLiteral("comparison_prompts")).toInt(), 1);
        QVERIFY(QFile::exists(file));

        QTemporaryDir target;
        const KurabeRun imported =
            run_kurabe(QStringList{QStringLiteral("import"), file} + dir_args(target));
        QVERIFY2(imported.exit_code == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.startsWith(QStringLiteral(
                     "imported 2 conversations (3 messages), 1 comparison (0 models, 1 prompt, "
                     "0 answers, 0 votes) from ")),
                 qPrintable(imported.out));
        const KurabeRun search =
            run_kurabe(QStringList{QStringLiteral("search"), QStringLiteral("言語モデル"),
                                   QStringLiteral("--json")} +
                       dir_args(target));
        QCOMPARE(json_of(search).value(QStringLiteral("hits")).toArray().size(), 1);

        // One conversation alone.
        const QString one = files_.filePath(QStringLiteral("one.jsonl.zst"));
        const KurabeRun exported_one =
            run_kurabe(QStringList{QStringLiteral("export"), one, QStringLiteral("--conversation"),
                                   QStringLiteral("2")} +
                       dir_args(source_));
        QVERIFY2(exported_one.exit_code == 0, qPrintable(exported_one.err));
        QVERIFY2(
            exported_one.out.startsWith(QStringLiteral("exported 1 conversation (1 message) to ")),
            qPrintable(exported_one.out));
    }

    void a_bad_file_exits_non_zero_and_changes_nothing()
    {
        const QString file = files_.filePath(QStringLiteral("cut.jsonl.zst"));
        QVERIFY(run_kurabe(QStringList{QStringLiteral("export"), QStringLiteral("-o"), file} +
                           dir_args(source_))
                    .exit_code == 0);
        QFile cut(file);
        QVERIFY(cut.open(QIODevice::ReadWrite));
        QVERIFY(cut.resize(cut.size() * 2 / 3));
        cut.close();
        const KurabeRun imported =
            run_kurabe(QStringList{QStringLiteral("import"), file} + dir_args(source_));
        QCOMPARE(imported.exit_code, 1);
        QVERIFY2(imported.err.contains(QStringLiteral("cut short")), qPrintable(imported.err));
        QVERIFY2(imported.err.contains(QStringLiteral("nothing was imported")),
                 qPrintable(imported.err));
        const KurabeRun search =
            run_kurabe(QStringList{QStringLiteral("search"), QStringLiteral("kyoto"),
                                   QStringLiteral("--json")} +
                       dir_args(source_));
        QCOMPARE(json_of(search).value(QStringLiteral("hits")).toArray().size(), 2);
    }

    void usage_errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::addRow("search without text")
            << QStringList{QStringLiteral("search")} << "say what to search for";
        QTest::addRow("a bad limit") << QStringList{QStringLiteral("search"), QStringLiteral("x"),
                                                    QStringLiteral("--limit"), QStringLiteral("0")}
                                     << "--limit";
        QTest::addRow("export without a file")
            << QStringList{QStringLiteral("export")} << "name one file";
        QTest::addRow("both scopes")
            << QStringList{QStringLiteral("export"),         QStringLiteral("f"),
                           QStringLiteral("--conversation"), QStringLiteral("1"),
                           QStringLiteral("--comparison"),   QStringLiteral("1")}
            << "cannot be combined";
        QTest::addRow("import without a file")
            << QStringList{QStringLiteral("import")} << "name one file";
    }

    void usage_errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const KurabeRun run = run_kurabe(args + dir_args(source_));
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
    }

    // One conversation for sharing: Markdown (by file name or --format, or to stdout) with the
    // model and measurements under each answer, and a JSON document scripts can read.
    void share_one_conversation_as_markdown_and_json()
    {
        const QString md = files_.filePath(QStringLiteral("llm.md"));
        const KurabeRun written =
            run_kurabe(QStringList{QStringLiteral("export"), QStringLiteral("--conversation"),
                                   QStringLiteral("1"), QStringLiteral("-o"), md} +
                       dir_args(source_));
        QVERIFY2(written.exit_code == 0, qPrintable(written.err));
        QFile file(md);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(text.startsWith(QStringLiteral("# LLMとは\n")), qPrintable(text));
        // The system prompt's own backticks cannot close its fence.
        QVERIFY2(text.contains(QStringLiteral("````text\nAnswer in ```one``` line.\n````")),
                 qPrintable(text));
        const qsizetype user = text.indexOf(QStringLiteral("## User\n\nLLMって何?"));
        const qsizetype assistant = text.indexOf(QStringLiteral(
            "## Assistant — stories260K (CPU (2 threads))\n\n大規模言語モデルのことです。"));
        QVERIFY2(user > 0 && assistant > user, qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(
                     "<sub>9 tokens · first token 12 ms · 31.2 tokens/s · stop</sub>")),
                 qPrintable(text));

        const KurabeRun to_stdout =
            run_kurabe(QStringList{QStringLiteral("export"), QStringLiteral("--conversation"),
                                   QStringLiteral("1"), QStringLiteral("--format"),
                                   QStringLiteral("md"), QStringLiteral("-")} +
                       dir_args(source_));
        QCOMPARE(to_stdout.exit_code, 0);
        QCOMPARE(to_stdout.out, text);

        const KurabeRun json =
            run_kurabe(QStringList{QStringLiteral("export"), QStringLiteral("--conversation"),
                                   QStringLiteral("1"), QStringLiteral("--format"),
                                   QStringLiteral("json"), QStringLiteral("-")} +
                       dir_args(source_));
        QCOMPARE(json.exit_code, 0);
        const QJsonObject doc = json_of(json);
        QCOMPARE(doc.value(QStringLiteral("format")).toString(),
                 QStringLiteral("kurabe-conversation"));
        QCOMPARE(doc.value(QStringLiteral("title")).toString(), QStringLiteral("LLMとは"));
        const QJsonArray messages = doc.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        const QJsonObject answer = messages[1].toObject();
        QCOMPARE(answer.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(answer.value(QStringLiteral("model")).toString(),
                 QStringLiteral("stories260K (CPU (2 threads))"));
        QCOMPARE(answer.value(QStringLiteral("metrics"))
                     .toObject()
                     .value(QStringLiteral("tokens_out"))
                     .toInt(),
                 9);

        // Sharing formats are for one conversation; an unknown format is named.
        const KurabeRun everything = run_kurabe(
            QStringList{QStringLiteral("export"), files_.filePath(QStringLiteral("all.md"))} +
            dir_args(source_));
        QCOMPARE(everything.exit_code, 2);
        QVERIFY2(everything.err.contains(QStringLiteral("--conversation")),
                 qPrintable(everything.err));
        const KurabeRun unknown = run_kurabe(
            QStringList{QStringLiteral("export"), QStringLiteral("--conversation"),
                        QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("pdf"),
                        files_.filePath(QStringLiteral("x.pdf"))} +
            dir_args(source_));
        QCOMPARE(unknown.exit_code, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("unknown format 'pdf'")),
                 qPrintable(unknown.err));
    }

    void a_missing_conversation_or_file_fails_clearly()
    {
        const KurabeRun exported = run_kurabe(
            QStringList{QStringLiteral("export"), files_.filePath(QStringLiteral("x.zst")),
                        QStringLiteral("--conversation"), QStringLiteral("99")} +
            dir_args(source_));
        QCOMPARE(exported.exit_code, 1);
        QVERIFY2(exported.err.contains(QStringLiteral("conversation 99 does not exist")),
                 qPrintable(exported.err));
        const KurabeRun imported = run_kurabe(
            QStringList{QStringLiteral("import"), files_.filePath(QStringLiteral("nope.zst"))} +
            dir_args(source_));
        QCOMPARE(imported.exit_code, 1);
        QVERIFY2(imported.err.contains(QStringLiteral("does not exist")), qPrintable(imported.err));
    }

private:
    QTemporaryDir source_;
    QTemporaryDir files_;
};

QTEST_GUILESS_MAIN(StorageCliTest)
#include "storage_cli_test.moc"
