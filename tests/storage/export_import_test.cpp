// Export and import: everything or one conversation/comparison as zstd JSON Lines; export ->
// import into an empty database -> export is byte-identical; import into a database with data
// renumbers ids; a damaged, truncated or inconsistent file changes nothing and says where it
// broke; secrets cannot enter through an import; files of format version 1 still import.
#include "storage/schema/schema.h"
#include "storage/stores/comparison_store.h"
#include "storage/stores/conversation_store.h"
#include "storage/stores/model_file_store.h"
#include "storage/stores/provider_store.h"
#include "storage/stores/settings_store.h"
#include "storage/transfer/exporter.h"
#include "storage/transfer/importer.h"
#include "storage/transfer/zstd_file.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

std::unique_ptr<Database> open_database(const QString& path)
{
    StorageResult<std::unique_ptr<Database>> opened =
        open_kurabe_database(path, OpenMode::ReadWrite);
    if (!opened) {
        qWarning("%s", qPrintable(opened.message()));
        return nullptr;
    }
    return std::move(opened).value();
}

// Conversations with a branched tree, a comparison with a measured result, votes, pair votes and
// tags, a provider, model files, settings of each type and a user catalog entry.
bool fill(Database& database)
{
    qint64 clock = 1'700'000'000'000;
    auto tick = [&clock] { return clock += 1234; };
    ConversationStore conversations(database, tick);
    const qint64 trip = conversations
                            .create({QStringLiteral("旅行の計画"), QStringLiteral("丁寧に"),
                                     QJsonObject{{QStringLiteral("kind"), QStringLiteral("local")}},
                                     QJsonObject{{QStringLiteral("temperature"), 0.7}}})
                            .value();
    const qint64 question =
        conversations
            .add_message(trip, std::nullopt,
                         {MessageRole::User, QStringLiteral("京都で\"三日\"\n何を見る?"), {}, {}})
            .value();
    const qint64 first =
        conversations
            .add_message(trip, question, {MessageRole::Assistant, QStringLiteral("金閣寺"), {}, {}})
            .value();
    const qint64 second =
        conversations
            .add_message(trip, question,
                         {MessageRole::Assistant, QStringLiteral("伏見稲荷"), {}, {}})
            .value();
    MessageMetrics metrics;
    metrics.tokens_in = 21;
    metrics.tokens_out = 7;
    metrics.ttft_ms = 123.456;
    metrics.tokens_per_s = 1.0 / 3.0;
    metrics.cost_usd = 0.0001;
    metrics.finish_reason = QStringLiteral("stop");
    if (!conversations.finish_message(second, QStringLiteral("伏見稲荷と清水寺"), metrics) ||
        !conversations.set_active(first) || !conversations.set_pinned(trip, true)) {
        return false;
    }
    (void)conversations.add_message(trip, first,
                                    {MessageRole::User, QStringLiteral("ありがとう"), {}, {}});
    const qint64 old = conversations.create({QStringLiteral("Old"), {}, {}, {}}).value();
    (void)conversations.add_message(
        old, std::nullopt, {MessageRole::System, QStringLiteral("tab\tand \x01 control"), {}, {}});
    (void)conversations.set_archived(old, true);

    ComparisonStore comparisons(database, tick);
    NewComparison setup{QStringLiteral("Q4 vs Q8"), QStringLiteral("note"), {}, {}};
    setup.targets = {
        {QStringLiteral("Q4"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("local")}}, {}},
        {QStringLiteral("Q8"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("local")}}, {}}};
    setup.prompts = {{QString(), QStringLiteral("俳句")},
                     {QStringLiteral("short"), QStringLiteral("KV cache?")}};
    const qint64 comparison =
        comparisons.create(setup, {QStringLiteral("俳句"), QStringLiteral("bench")}).value();
    const Comparison loaded = comparisons.comparison(comparison).value();
    const qint64 result =
        comparisons.start_result(comparison, loaded.prompts[0].id, loaded.targets[1].id).value();
    ResultMeasurements measurements;
    measurements.prompt_tokens_per_s = 812.25;
    measurements.wall_ms = 1.0 / 7.0;
    measurements.details = QJsonObject{{QStringLiteral("backend"), QStringLiteral("vulkan")},
                                       {QStringLiteral("quantization"), QStringLiteral("Q8_0")}};
    const qint64 q4 = loaded.targets[0].id;
    const qint64 q8 = loaded.targets[1].id;
    if (!comparisons.finish_result(result, QStringLiteral("古池や"), metrics, measurements) ||
        !comparisons.set_rating(result, 5) ||
        !comparisons.add_vote(comparison, loaded.prompts[0].id, q8) ||
        !comparisons.add_vote(comparison, loaded.prompts[1].id, std::nullopt) ||
        !comparisons.add_pair_vote(comparison, loaded.prompts[0].id, q4, q8,
                                   PairOutcome::ABetter) ||
        !comparisons.add_pair_vote(comparison, loaded.prompts[1].id, q8, q4,
                                   PairOutcome::BothBad)) {
        return false;
    }

    ProviderStore providers(database, tick);
    ModelFileStore models(database, tick);
    SettingsStore settings(database);
    const qint64 model = models.add(QStringLiteral("/models/a.gguf"), 1000).value();
    if (!providers.add({QStringLiteral("openai"), QStringLiteral("OpenAI"),
                        QStringLiteral("https://api.openai.com/v1"),
                        QJsonObject{{QStringLiteral("timeout_s"), 60}},
                        QStringLiteral("kurabe/OpenAI")}) ||
        !models.update_summary(
            model, 1000, QStringLiteral("ab").repeated(32),
            QJsonObject{{QStringLiteral("architecture"), QStringLiteral("llama")}}) ||
        !models.touch_last_used(model) || !models.add(QStringLiteral("/models/b.gguf"), 5) ||
        !settings.set_boolean(QStringLiteral("ui.dark"), true) ||
        !settings.set_integer(QStringLiteral("chat.max_tokens"), 2048) ||
        !settings.set_real(QStringLiteral("chat.temperature"), 2.0) ||
        !settings.set_text(QStringLiteral("ui.language"), QStringLiteral("ja"))) {
        return false;
    }
    return database
        .run_script("INSERT INTO catalog_entries (key, builtin, user_edited, payload, updated_at) "
                    "VALUES ('mine', 0, 0, '{\"name\":\"My model\"}', 5), "
                    "('builtin-untouched', 1, 0, '{}', 5)",
                    QStringLiteral("test"))
        .ok();
}

// Row counts of every table and the total text length: equal fingerprints, equal contents
// for the purposes of "nothing changed".
QString fingerprint(Database& database)
{
    StorageResult<Query> query = database.query(
        "SELECT (SELECT count(*) FROM conversations) || ' ' || (SELECT count(*) FROM messages) || "
        "' ' || (SELECT total(length(content)) FROM messages) || ' ' || (SELECT count(*) FROM "
        "comparisons) || ' ' || (SELECT count(*) FROM comparison_results) || ' ' || (SELECT "
        "count(*) FROM comparison_votes) || ' ' || (SELECT count(*) FROM comparison_pair_votes) "
        "|| ' ' || (SELECT count(*) FROM comparison_tags) || ' ' || (SELECT count(*) FROM "
        "providers) || ' ' || "
        "(SELECT count(*) FROM model_files) || ' ' || (SELECT count(*) FROM settings) || ' ' || "
        "(SELECT count(*) FROM catalog_entries)",
        QStringLiteral("test"));
    if (!query || !query->next().value()) {
        return QStringLiteral("<error>");
    }
    return query->text(0);
}

QByteArray read_file(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray decompressed(const QString& path)
{
    StorageResult<std::unique_ptr<ZstdLineReader>> reader = ZstdLineReader::open(path);
    QByteArray text;
    for (;;) {
        StorageResult<std::optional<QByteArray>> line = (*reader)->next_line();
        if (!line || !*line) {
            return text;
        }
        text += **line + '\n';
    }
}

bool write_compressed(const QString& path, const QByteArray& text)
{
    StorageResult<std::unique_ptr<ZstdFileWriter>> writer = ZstdFileWriter::create(path);
    return writer && (*writer)->write(text).ok() && (*writer)->finish().ok();
}

bool write_plain(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList path_texts(Database& database, qint64 conversation)
{
    QStringList texts;
    for (const Message& message : ConversationStore(database).active_path(conversation).value()) {
        texts.append(message.content);
    }
    return texts;
}

} // namespace

class ExportImportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        source_ = open_database(dir_.filePath(QStringLiteral("source.sqlite")));
        QVERIFY(source_);
        QVERIFY(fill(*source_));
        export_path_ = dir_.filePath(QStringLiteral("all.jsonl.zst"));
        StorageResult<ExportSummary> exported =
            export_to_file(*source_, ExportScope::Everything, 0, export_path_);
        QVERIFY2(exported, qPrintable(exported.message()));
        QCOMPARE(exported->records.conversations, 2);
        QCOMPARE(exported->records.messages, 5);
        QCOMPARE(exported->records.comparison_results, 1);
        QCOMPARE(exported->records.comparison_pair_votes, 2);
        QCOMPARE(exported->records.comparison_tags, 2);
        QCOMPARE(exported->records.settings, 4);
        QCOMPARE(exported->records.catalog_entries, 1); // built-in entries are not user data
    }

    void the_file_is_versioned_json_lines()
    {
        const QList<QByteArray> lines = decompressed(export_path_).split('\n');
        QVERIFY(lines.size() > 3);
        QCOMPARE(
            lines.front(),
            QByteArray(R"({"format":"kurabe-export","scope":"all","type":"header","version":2})"));
        QCOMPARE(lines.at(lines.size() - 2), QByteArray(R"({"records":27,"type":"end"})"));
        QVERIFY(lines.back().isEmpty());
        // The keychain reference is exported; no secret exists in the database to export.
        QVERIFY(decompressed(export_path_).contains(R"("keychain_ref":"kurabe/OpenAI")"));
    }

    void export_import_export_is_byte_identical()
    {
        auto target = open_database(dir_.filePath(QStringLiteral("empty.sqlite")));
        QVERIFY(target);
        StorageResult<ImportSummary> imported = import_from_file(*target, export_path_);
        QVERIFY2(imported, qPrintable(imported.message()));
        QCOMPARE(imported->imported.messages, 5);
        QCOMPARE(imported->skipped.total(), 0);
        QCOMPARE(imported->imported.total(), 27);
        const QString again = dir_.filePath(QStringLiteral("again.jsonl.zst"));
        QVERIFY(export_to_file(*target, ExportScope::Everything, 0, again).ok());
        QCOMPARE(decompressed(again), decompressed(export_path_));
        QCOMPARE(read_file(again), read_file(export_path_));
        // The branch choices survive: the older answer is still the active one.
        QCOMPARE(path_texts(*target, imported->conversation_ids.front()),
                 (QStringList{QStringLiteral("京都で\"三日\"\n何を見る?"), QStringLiteral("金閣寺"),
                              QStringLiteral("ありがとう")}));
    }

    void importing_into_a_database_with_data_renumbers_ids()
    {
        auto target = open_database(dir_.filePath(QStringLiteral("busy.sqlite")));
        QVERIFY(target);
        QVERIFY(fill(*target));
        StorageResult<ImportSummary> imported = import_from_file(*target, export_path_);
        QVERIFY2(imported, qPrintable(imported.message()));
        QCOMPARE(imported->imported.conversations, 2);
        QCOMPARE(imported->imported.comparison_votes, 2);
        // Same names: the rows already here are kept.
        QCOMPARE(imported->skipped.providers, 1);
        QCOMPARE(imported->skipped.settings, 4);
        QCOMPARE(imported->skipped.model_files, 2);
        QCOMPARE(imported->skipped.catalog_entries, 1);
        QCOMPARE(ConversationStore(*target).count(ArchiveFilter::All).value(), 4);
        const qint64 copy = imported->conversation_ids.front();
        QVERIFY(copy > 2);
        QCOMPARE(path_texts(*target, copy), path_texts(*source_, 1));
        const Comparison comparison =
            ComparisonStore(*target).comparison(imported->comparison_ids.front()).value();
        QCOMPARE(comparison.results.size(), size_t{1});
        QCOMPARE(comparison.results[0].rating, std::optional<int>(5));
        QCOMPARE(comparison.results[0].metrics.tokens_per_s, std::optional<double>(1.0 / 3.0));
        QCOMPARE(comparison.votes[0].winner_target_id,
                 std::optional<qint64>(comparison.targets[1].id));
        const ResultMeasurements& measured = comparison.results[0].measurements;
        QCOMPARE(measured.prompt_tokens_per_s, std::optional<double>(812.25));
        QCOMPARE(measured.wall_ms, std::optional<double>(1.0 / 7.0));
        QCOMPARE(measured.details.value(QStringLiteral("quantization")).toString(),
                 QStringLiteral("Q8_0"));
        // The pair votes point at this copy's prompts and targets, in the file's order.
        QCOMPARE(comparison.pair_votes.size(), size_t{2});
        QCOMPARE(comparison.pair_votes[0].prompt_id, comparison.prompts[0].id);
        QCOMPARE(comparison.pair_votes[0].target_a_id, comparison.targets[0].id);
        QCOMPARE(comparison.pair_votes[0].target_b_id, comparison.targets[1].id);
        QCOMPARE(comparison.pair_votes[0].outcome, PairOutcome::ABetter);
        QCOMPARE(comparison.pair_votes[1].prompt_id, comparison.prompts[1].id);
        QCOMPARE(comparison.pair_votes[1].target_a_id, comparison.targets[1].id);
        QCOMPARE(comparison.pair_votes[1].outcome, PairOutcome::BothBad);
        QCOMPARE(comparison.tags, (QStringList{QStringLiteral("bench"), QStringLiteral("俳句")}));
        QCOMPARE(imported->imported.comparison_pair_votes, 2);
        QCOMPARE(imported->imported.comparison_tags, 2);
    }

    // A file of format version 1 (before pair votes, tags and result measurements) imports:
    // the measurements read as not measured.
    void a_version_1_file_still_imports()
    {
        QByteArray old_text;
        qint64 records = 0;
        for (const QByteArray& line : decompressed(export_path_).split('\n')) {
            QJsonObject record = QJsonDocument::fromJson(line).object();
            const QString type = record.value(QStringLiteral("type")).toString();
            if (type.isEmpty() || type == QLatin1String("comparison_pair_vote") ||
                type == QLatin1String("comparison_tag")) {
                continue;
            }
            if (type == QLatin1String("header")) {
                record.insert(QStringLiteral("version"), 1);
            } else if (type == QLatin1String("end")) {
                record.insert(QStringLiteral("records"), records);
            } else {
                ++records;
            }
            for (const char* added : {"prompt_tokens_per_s", "wall_ms", "details"}) {
                record.remove(QLatin1String(added));
            }
            old_text += QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
        }
        QVERIFY(!old_text.contains("pair_vote"));
        QVERIFY(!old_text.contains("wall_ms"));
        const QString path = dir_.filePath(QStringLiteral("version1.jsonl.zst"));
        QVERIFY(write_compressed(path, old_text));
        auto target = open_database(dir_.filePath(QStringLiteral("from-version1.sqlite")));
        QVERIFY(target);
        StorageResult<ImportSummary> imported = import_from_file(*target, path);
        QVERIFY2(imported, qPrintable(imported.message()));
        QCOMPARE(imported->imported.total(), 23);
        QCOMPARE(imported->imported.comparison_results, 1);
        const Comparison comparison =
            ComparisonStore(*target).comparison(imported->comparison_ids.front()).value();
        QCOMPARE(comparison.results[0].rating, std::optional<int>(5));
        QCOMPARE(comparison.results[0].measurements.prompt_tokens_per_s, std::nullopt);
        QCOMPARE(comparison.results[0].measurements.wall_ms, std::nullopt);
        QVERIFY(comparison.results[0].measurements.details.isEmpty());
        QVERIFY(comparison.pair_votes.empty());
        QVERIFY(comparison.tags.isEmpty());
    }

    void one_conversation_or_comparison_exports_alone_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<qint64>("conversations");
        QTest::addColumn<qint64>("comparisons");
        QTest::addColumn<qint64>("pair_votes_and_tags");
        QTest::addRow("conversation")
            << int(ExportScope::Conversation) << qint64(1) << qint64(0) << qint64(0);
        QTest::addRow("comparison")
            << int(ExportScope::Comparison) << qint64(0) << qint64(1) << qint64(4);
    }

    void one_conversation_or_comparison_exports_alone()
    {
        QFETCH(int, scope);
        QFETCH(qint64, conversations);
        QFETCH(qint64, comparisons);
        QFETCH(qint64, pair_votes_and_tags);
        const QString path = dir_.filePath(QStringLiteral("one.jsonl.zst"));
        StorageResult<ExportSummary> exported =
            export_to_file(*source_, static_cast<ExportScope>(scope), 1, path);
        QVERIFY2(exported, qPrintable(exported.message()));
        QCOMPARE(exported->records.providers + exported->records.settings, 0);
        auto target = open_database(dir_.filePath(QStringLiteral("one-%1.sqlite").arg(scope)));
        StorageResult<ImportSummary> imported = import_from_file(*target, path);
        QVERIFY2(imported, qPrintable(imported.message()));
        QCOMPARE(imported->scope, static_cast<ExportScope>(scope));
        QCOMPARE(imported->imported.conversations, conversations);
        QCOMPARE(imported->imported.comparisons, comparisons);
        QCOMPARE(exported->records.comparison_pair_votes + exported->records.comparison_tags,
                 pair_votes_and_tags);
        QCOMPARE(imported->imported.comparison_pair_votes + imported->imported.comparison_tags,
                 pair_votes_and_tags);
        QCOMPARE(imported->imported.total(), exported->records.total());
    }

    void exporting_a_missing_conversation_writes_no_file()
    {
        const QString path = dir_.filePath(QStringLiteral("missing.jsonl.zst"));
        StorageResult<ExportSummary> exported =
            export_to_file(*source_, ExportScope::Conversation, 999, path);
        QVERIFY(!exported);
        QCOMPARE(exported.error().kind, StorageErrorKind::NotFound);
        QVERIFY(!QFile::exists(path));
    }

    void a_bad_file_changes_nothing_and_says_where_data()
    {
        QTest::addColumn<QByteArray>("bytes"); // the file as written
        QTest::addColumn<QString>("says");
        QTest::addColumn<int>("line"); // the line the message must name; 0: none
        const QByteArray good = read_file(export_path_);
        const QByteArray text = decompressed(export_path_);
        QList<QByteArray> lines = text.split('\n');
        auto compressed = [this](const QByteArray& plain) {
            const QString path = dir_.filePath(QStringLiteral("scratch.zst"));
            write_compressed(path, plain);
            return read_file(path);
        };
        auto with_line = [&](qsizetype index, const QByteArray& line) {
            QList<QByteArray> changed = lines;
            changed[index] = line;
            return compressed(changed.join('\n'));
        };
        // The index of the first line holding `part`.
        auto line_with = [&lines](const QByteArray& part) {
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (lines[i].contains(part)) {
                    return i;
                }
            }
            return qsizetype{-1};
        };
        auto edited = [&](const QByteArray& part, const QByteArray& from, const QByteArray& to) {
            const qsizetype index = line_with(part);
            QByteArray changed = lines[index];
            changed.replace(from, to);
            return with_line(index, changed);
        };
        const QByteArray pair_vote = R"("type":"comparison_pair_vote")";
        const int pair_vote_line = int(line_with(pair_vote)) + 1;
        const QByteArray tag = R"("type":"comparison_tag")";
        const int tag_line = int(line_with(tag)) + 1;
        const QByteArray result = R"("type":"comparison_result")";
        const int result_line = int(line_with(result)) + 1;
        QVERIFY(pair_vote_line > 1 && tag_line > pair_vote_line && result_line > 1);
        QVERIFY(lines[pair_vote_line - 1].contains(R"("outcome":"a")"));
        QVERIFY(lines[pair_vote_line - 1].contains(R"("target_a":1,"target_b":2)"));

        QTest::addRow("empty file") << QByteArray() << "is empty" << 0;
        QTest::addRow("not zstd") << text << "damaged or not zstd" << 0;
        QTest::addRow("truncated to half") << good.left(good.size() / 2) << "cut short" << 0;
        QTest::addRow("last byte missing") << good.left(good.size() - 1) << "cut short" << 0;
        QByteArray flipped = good;
        flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
        QTest::addRow("a flipped byte") << flipped << "damaged" << 0;
        QTest::addRow("bad JSON on line 3")
            << with_line(2, "{\"type\":\"setting\",") << "not valid JSON" << 3;
        QTest::addRow("without its end record")
            << compressed(text.left(text.lastIndexOf("{\"records\"")))
            << "without its \"end\" record" << 0;
        QTest::addRow("a newer version")
            << with_line(0,
                         R"({"format":"kurabe-export","scope":"all","type":"header","version":3})")
            << "export format version 3" << 1;
        QTest::addRow("not an export")
            << compressed("{\"hello\":1}\n") << "not a Kurabe export" << 1;
        QTest::addRow("a wrong count")
            << with_line(lines.size() - 2, R"({"records":3,"type":"end"})") << "counts 3 records"
            << int(lines.size() - 1);
        QTest::addRow("a field of the wrong type")
            << compressed(QByteArray(text).replace("\"role\":\"assistant\"", "\"role\":7"))
            << "\"role\" must be text" << 0;
        QTest::addRow("a secret in provider options")
            << compressed(
                   decompressed(export_path_).replace("\"timeout_s\":60", "\"api_key\":\"sk-1\""))
            << "looks like a secret" << 0;
        QTest::addRow("an unknown pair vote outcome")
            << edited(pair_vote, R"("outcome":"a")", R"("outcome":"draw")")
            << "\"outcome\": \"draw\" is not one of" << pair_vote_line;
        QTest::addRow("a pair vote without its outcome")
            << edited(pair_vote, R"("outcome":"a",)", "") << "\"outcome\" (text) is missing"
            << pair_vote_line;
        QTest::addRow("a pair vote naming an unknown target")
            << edited(pair_vote, R"("target_b":2)", R"("target_b":9)")
            << "\"target_b\": comparison_target 9 is not an earlier record" << pair_vote_line;
        QTest::addRow("a pair vote naming an unknown prompt")
            << edited(pair_vote, R"("prompt":1)", R"("prompt":5)")
            << "\"prompt\": comparison_prompt 5 is not an earlier record" << pair_vote_line;
        QTest::addRow("a pair vote of one target against itself")
            << edited(pair_vote, R"("target_b":2)", R"("target_b":1)") << "two different targets"
            << pair_vote_line;
        QTest::addRow("a tag of an unknown comparison")
            << edited(tag, R"("comparison":1)", R"("comparison":4)")
            << "comparison 4 is not an earlier record" << tag_line;
        QTest::addRow("an empty tag") << edited(tag, R"("tag":"bench")", R"("tag":"")")
                                      << "\"tag\": \"\" is empty" << tag_line;
        QList<QByteArray> doubled = lines;
        doubled.insert(tag_line, lines[tag_line - 1]);
        doubled[doubled.size() - 2] = QByteArray(R"({"records":28,"type":"end"})");
        QTest::addRow("a tag given twice")
            << compressed(doubled.join('\n')) << "tagged \"bench\" twice" << tag_line + 1;
        QTest::addRow("a negative wall time")
            << edited(result, R"("wall_ms":0.14)", R"("wall_ms":-0.14)")
            << "\"wall_ms\" must not be negative" << result_line;
        QTest::addRow("details that are not an object")
            << edited(result, R"("details":{)", R"("details":7,"x":{)")
            << "\"details\" must be an object" << result_line;
    }

    void a_bad_file_changes_nothing_and_says_where()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        QFETCH(int, line);
        auto target = open_database(dir_.filePath(QStringLiteral("victim.sqlite")));
        QVERIFY(target);
        if (fingerprint(*target).startsWith(QStringLiteral("0 "))) {
            QVERIFY(fill(*target));
        }
        const QString before = fingerprint(*target);
        const QString path = dir_.filePath(QStringLiteral("bad.jsonl.zst"));
        QVERIFY(write_plain(path, bytes));
        StorageResult<ImportSummary> imported = import_from_file(*target, path);
        QVERIFY(!imported);
        QVERIFY2(imported.message().contains(says), qPrintable(imported.message()));
        QVERIFY2(imported.message().contains(path), qPrintable(imported.message()));
        if (line > 0) {
            QVERIFY2(imported.message().contains(QStringLiteral(": line %1 (byte ").arg(line)),
                     qPrintable(imported.message()));
        }
        QVERIFY2(imported.message().endsWith(QStringLiteral("nothing was imported")),
                 qPrintable(imported.message()));
        QCOMPARE(fingerprint(*target), before);
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Database> source_;
    QString export_path_;
};

QTEST_GUILESS_MAIN(ExportImportTest)
#include "export_import_test.moc"
