// Export and import: everything or one conversation/comparison as zstd JSON Lines; export ->
// import into an empty database -> export is byte-identical; import into a database with data
// renumbers ids; a damaged, truncated or inconsistent file changes nothing and says where it
// broke; secrets cannot enter through an import.
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

// Conversations with a branched tree, a comparison with results and votes, a provider, model
// files, settings of each type and a user catalog entry.
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
    const qint64 comparison = comparisons.create(setup).value();
    const Comparison loaded = comparisons.comparison(comparison).value();
    const qint64 result =
        comparisons.start_result(comparison, loaded.prompts[0].id, loaded.targets[1].id).value();
    if (!comparisons.finish_result(result, QStringLiteral("古池や"), metrics) ||
        !comparisons.set_rating(result, 5) ||
        !comparisons.add_vote(comparison, loaded.prompts[0].id, loaded.targets[1].id) ||
        !comparisons.add_vote(comparison, loaded.prompts[1].id, std::nullopt)) {
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
        "count(*) FROM comparison_votes) || ' ' || (SELECT count(*) FROM providers) || ' ' || "
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
        QCOMPARE(exported->records.settings, 4);
        QCOMPARE(exported->records.catalog_entries, 1); // built-in entries are not user data
    }

    void the_file_is_versioned_json_lines()
    {
        const QList<QByteArray> lines = decompressed(export_path_).split('\n');
        QVERIFY(lines.size() > 3);
        QCOMPARE(
            lines.front(),
            QByteArray(R"({"format":"kurabe-export","scope":"all","type":"header","version":1})"));
        QCOMPARE(lines.at(lines.size() - 2), QByteArray(R"({"records":23,"type":"end"})"));
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
        QCOMPARE(imported->imported.total(), 23);
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
    }

    void one_conversation_or_comparison_exports_alone_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<qint64>("conversations");
        QTest::addColumn<qint64>("comparisons");
        QTest::addRow("conversation") << int(ExportScope::Conversation) << qint64(1) << qint64(0);
        QTest::addRow("comparison") << int(ExportScope::Comparison) << qint64(0) << qint64(1);
    }

    void one_conversation_or_comparison_exports_alone()
    {
        QFETCH(int, scope);
        QFETCH(qint64, conversations);
        QFETCH(qint64, comparisons);
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
        const QByteArray good = read_file(export_path_);
        const QByteArray text = decompressed(export_path_);
        QList<QByteArray> lines = text.split('\n');
        auto compressed = [this](const QByteArray& plain) {
            const QString path = dir_.filePath(QStringLiteral("scratch.zst"));
            write_compressed(path, plain);
            return read_file(path);
        };
        auto with_line = [&](int index, const QByteArray& line) {
            QList<QByteArray> changed = lines;
            changed[index] = line;
            return compressed(changed.join('\n'));
        };
        QTest::addRow("empty file") << QByteArray() << "is empty";
        QTest::addRow("not zstd") << text << "damaged or not zstd";
        QTest::addRow("truncated to half") << good.left(good.size() / 2) << "cut short";
        QTest::addRow("last byte missing") << good.left(good.size() - 1) << "cut short";
        QByteArray flipped = good;
        flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
        QTest::addRow("a flipped byte") << flipped << "damaged";
        QTest::addRow("bad JSON on line 3")
            << with_line(2, "{\"type\":\"setting\",") << "line 3 (byte";
        QTest::addRow("without its end record")
            << compressed(text.left(text.lastIndexOf("{\"records\"")))
            << "without its \"end\" record";
        QTest::addRow("a newer version")
            << with_line(0,
                         R"({"format":"kurabe-export","scope":"all","type":"header","version":2})")
            << "export format version 2";
        QTest::addRow("not an export") << compressed("{\"hello\":1}\n") << "not a Kurabe export";
        QTest::addRow("a wrong count")
            << with_line(lines.size() - 2, R"({"records":3,"type":"end"})") << "counts 3 records";
        QTest::addRow("a field of the wrong type")
            << compressed(QByteArray(text).replace("\"role\":\"assistant\"", "\"role\":7"))
            << "\"role\" must be text";
        QTest::addRow("a secret in provider options")
            << compressed(
                   decompressed(export_path_).replace("\"timeout_s\":60", "\"api_key\":\"sk-1\""))
            << "looks like a secret";
    }

    void a_bad_file_changes_nothing_and_says_where()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
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
