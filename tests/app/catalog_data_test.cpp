// The catalog data: every real file in resources/catalog/ passes the full schema check (types,
// allowed values, dates, sha256 format, https links, unique keys, English and Japanese
// descriptions, at least one source), the compiled-in copy matches the source tree, and the
// checker itself catches each kind of bad field.
#include "catalog/catalog_loader.h"
#include "catalog/catalog_parser.h"
#include "catalog_example_entry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::catalog;

namespace {

const QString k_catalog_dir = QStringLiteral(KURABE_SOURCE_DIR "/resources/catalog");

QStringList catalog_files()
{
    const QDir dir(k_catalog_dir);
    QStringList paths;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths.append(dir.filePath(name));
    return paths;
}

// Sets the value at a path such as "license.kind" or "local.variants[0].sha256"; an undefined
// value removes the field.
QJsonValue with_value(const QJsonValue& node, QStringList path, const QJsonValue& value)
{
    QString step = path.takeFirst();
    int index = -1;
    if (step.endsWith(QLatin1Char(']'))) {
        const qsizetype open = step.indexOf(QLatin1Char('['));
        index = step.mid(open + 1, step.size() - open - 2).toInt();
        step = step.left(open);
    }
    QJsonObject object = node.toObject();
    QJsonValue child = object.value(step);
    if (index >= 0) {
        QJsonArray array = child.toArray();
        array[index] = path.isEmpty() ? value : with_value(array.at(index), path, value);
        child = array;
    } else {
        child = path.isEmpty() ? value : with_value(child, path, value);
    }
    if (child.isUndefined())
        object.remove(step);
    else
        object.insert(step, child);
    return object;
}

QByteArray catalog_file_bytes(const QJsonArray& entries)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schema_version"), 1},
                                     {QStringLiteral("entries"), entries}})
        .toJson();
}

} // namespace

class CatalogDataTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void the_catalog_has_files()
    {
        QVERIFY2(!catalog_files().isEmpty(), qPrintable(k_catalog_dir));
    }

    void every_file_is_valid_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : catalog_files())
            QTest::addRow("%s", qPrintable(QFileInfo(path).fileName())) << path;
    }

    void every_file_is_valid()
    {
        QFETCH(QString, path);
        const CatalogLoad load = load_catalog_files({path});
        QVERIFY2(load.problems.isEmpty(), qPrintable(load.problems.join(QLatin1Char('\n'))));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const qsizetype listed =
            QJsonDocument::fromJson(file.readAll()).object().value("entries").toArray().size();
        QVERIFY(listed > 0);
        QCOMPARE(static_cast<qsizetype>(load.entries.size()), listed);
    }

    void keys_are_unique_across_files()
    {
        const CatalogLoad load = load_catalog_directory(k_catalog_dir);
        QVERIFY2(load.problems.isEmpty(), qPrintable(load.problems.join(QLatin1Char('\n'))));
        QVERIFY(!load.entries.empty());
    }

    void the_compiled_in_catalog_matches_the_source_tree()
    {
        const CatalogLoad source = load_catalog_directory(k_catalog_dir);
        const CatalogLoad builtin = load_builtin_catalog();
        QVERIFY2(builtin.problems.isEmpty(), qPrintable(builtin.problems.join(QLatin1Char('\n'))));
        QCOMPARE(builtin.entries.size(), source.entries.size());
        for (size_t i = 0; i < source.entries.size(); ++i) {
            QCOMPARE(builtin.entries[i].key, source.entries[i].key);
            QCOMPARE(builtin.entries[i].json, source.entries[i].json);
        }
    }

    void the_example_entry_is_valid()
    {
        QStringList problems;
        const std::optional<CatalogEntry> entry =
            parse_catalog_entry(catalog_example_entry(), QStringLiteral("test"), &problems);
        QVERIFY2(entry, qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(entry->parameters_total, 1230000000);
        QCOMPARE(entry->context_length, 131072);
        QVERIFY(!entry->max_output_tokens);
        QCOMPARE(entry->input_modalities, QStringList({"text", "image"}));
        QVERIFY(!entry->tool_use);
        QCOMPARE(entry->local->variants.at(0).size_bytes, 807694464);
        QCOMPARE(entry->remote.at(0).price_output_per_mtok, 0.2);
        QVERIFY(entry->runs_locally());
    }

    void a_bad_field_is_rejected_and_named_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        const QJsonValue missing;
        QTest::addRow("missing field") << "family" << missing;
        QTest::addRow("unknown field") << "colour" << QJsonValue("red");
        QTest::addRow("key with capitals") << "key" << QJsonValue("Example-1B");
        QTest::addRow("empty name") << "name" << QJsonValue("");
        QTest::addRow("unknown kind") << "kind" << QJsonValue("chatbot");
        QTest::addRow("bad date") << "release_date" << QJsonValue("2024-13-01");
        QTest::addRow("date as words") << "release_date" << QJsonValue("September 2024");
        QTest::addRow("fractional count") << "parameters.total" << QJsonValue(1.5);
        QTest::addRow("count as text") << "context_length" << QJsonValue("128k");
        QTest::addRow("active > total") << "parameters.active" << QJsonValue(2e9);
        QTest::addRow("negative tokens") << "max_output_tokens" << QJsonValue(-1);
        QTest::addRow("spdx with spaces") << "license.spdx" << QJsonValue("Apache 2.0");
        QTest::addRow("license link http") << "license.url" << QJsonValue("http://x.org/l");
        QTest::addRow("commercial maybe") << "license.commercial_use" << QJsonValue("maybe");
        QTest::addRow("license kind") << "license.kind" << QJsonValue("free");
        QTest::addRow("open weights text") << "open_weights" << QJsonValue("yes");
        QTest::addRow("modality smell") << "modalities.input" << QJsonValue(QJsonArray{"smell"});
        QTest::addRow("no input") << "modalities.input" << QJsonValue(QJsonArray{});
        QTest::addRow("reasoning text") << "reasoning" << QJsonValue("sometimes");
        QTest::addRow("language name") << "languages" << QJsonValue(QJsonArray{"English"});
        QTest::addRow("language twice") << "languages" << QJsonValue(QJsonArray{"en", "en"});
        QTest::addRow("no english") << "description.en" << QJsonValue("");
        QTest::addRow("ja not japanese") << "description.ja" << QJsonValue("A small model.");
        QTest::addRow("no sources") << "sources" << QJsonValue(QJsonArray{});
        QTest::addRow("source ftp") << "sources[0].url" << QJsonValue("ftp://example.com/x");
        QTest::addRow("as_of partial") << "as_of" << QJsonValue("2026-11");
        QTest::addRow("architecture") << "local.architecture" << QJsonValue("Llama");
        QTest::addRow("variant http")
            << "local.variants[0].url"
            << QJsonValue("http://huggingface.co/ex/ex-GGUF/resolve/main/ex.Q4_K_M.gguf");
        QTest::addRow("url not the file")
            << "local.variants[0].url"
            << QJsonValue("https://huggingface.co/ex/ex-GGUF/resolve/main/other.gguf");
        QTest::addRow("not gguf") << "local.variants[0].file_name" << QJsonValue("ex.bin");
        QTest::addRow("sha256 upper")
            << "local.variants[0].sha256"
            << QJsonValue("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
        QTest::addRow("sha256 short") << "local.variants[0].sha256" << QJsonValue("abc123");
        QTest::addRow("size zero") << "local.variants[0].size_bytes" << QJsonValue(0);
        QTest::addRow("no variants") << "local.variants" << QJsonValue(QJsonArray{});
        QTest::addRow("local but closed") << "open_weights" << QJsonValue(false);
        QTest::addRow("provider") << "remote[0].provider" << QJsonValue("acme");
        QTest::addRow("negative price") << "remote[0].price_input_per_mtok" << QJsonValue(-1);
        QTest::addRow("price undated") << "remote[0].price_as_of" << QJsonValue("");
    }

    void a_bad_field_is_rejected_and_named()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        const QJsonObject entry =
            with_value(catalog_example_entry(), field.split(QLatin1Char('.')), value).toObject();
        QStringList problems;
        QVERIFY(!parse_catalog_entry(entry, QStringLiteral("models-x.json"), &problems));
        QVERIFY(!problems.isEmpty());
        // The message names the file, the entry and the field.
        QString top_field = field.split(QLatin1Char('.')).first();
        if (field == QLatin1String("open_weights"))
            top_field = QStringLiteral("local"); // downloads need open weights
        bool named = false;
        for (const QString& problem : problems) {
            named = named || (problem.startsWith(QLatin1String("models-x.json: entry \"")) &&
                              problem.contains(top_field.section(QLatin1Char('['), 0, 0)));
        }
        QVERIFY2(named, qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void a_key_used_in_two_files_is_rejected()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString& name : {QStringLiteral("a.json"), QStringLiteral("b.json")}) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(catalog_file_bytes({catalog_example_entry()}));
        }
        const CatalogLoad load = load_catalog_directory(dir.path());
        QCOMPARE(load.entries.size(), size_t(1));
        QCOMPARE(load.problems.size(), 1);
        QVERIFY2(load.problems.at(0).contains(QLatin1String("already used in")),
                 qPrintable(load.problems.at(0)));
        QVERIFY(load.problems.at(0).contains(dir.filePath(QStringLiteral("a.json"))));
    }

    void a_bad_file_is_reported_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not json") << QByteArray("{\"schema_version\": 1, ") << "not valid JSON";
        QTest::addRow("newer schema")
            << QByteArray("{\"schema_version\": 2, \"entries\": []}") << "schema_version";
        QTest::addRow("no entries") << QByteArray("{\"schema_version\": 1}") << "entries";
        QTest::addRow("entry not object")
            << QByteArray("{\"schema_version\": 1, \"entries\": [3]}") << "entries[0]";
    }

    void a_bad_file_is_reported()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QStringList problems;
        QVERIFY(parse_catalog_file(bytes, QStringLiteral("f.json"), &problems).empty());
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.at(0).startsWith(QLatin1String("f.json: ")) &&
                     problems.at(0).contains(expected),
                 qPrintable(problems.at(0)));
    }
};

QTEST_GUILESS_MAIN(CatalogDataTest)
#include "catalog_data_test.moc"
