// `kurabe catalog` as a user runs it, against a throwaway --data-dir: the JSON list carries
// every entry of the real catalog with every field, each filter keeps exactly the entries the
// raw JSON says match, `show` prints one entry, a user's edit in the database survives the
// next start, and download errors are plain and leave nothing behind.
#include "catalog/speed_probe.h"
#include "common/kurabe_process.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/catalog_store.h"
#include "storage/stores/settings_store.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using kurabe::test::run_kurabe;

namespace {

std::vector<QJsonObject> raw_entries()
{
    std::vector<QJsonObject> entries;
    const QDir dir(QStringLiteral(KURABE_SOURCE_DIR "/resources/catalog"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            for (const QJsonValue& entry :
                 QJsonDocument::fromJson(file.readAll()).object().value("entries").toArray())
                entries.push_back(entry.toObject());
        }
    }
    return entries;
}

QStringList keys_where(const std::function<bool(const QJsonObject&)>& matches)
{
    QStringList keys;
    for (const QJsonObject& entry : raw_entries()) {
        if (matches(entry))
            keys.append(entry.value("key").toString());
    }
    keys.sort();
    return keys;
}

} // namespace

class CatalogCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QStringList data() const { return {QStringLiteral("--data-dir"), dir_.path()}; }

    QJsonArray list_json(const QStringList& args)
    {
        const auto run = run_kurabe(QStringList{"catalog", "--json"} + args + data());
        if (run.exit_code != 0)
            qWarning() << run.err;
        return QJsonDocument::fromJson(run.out_bytes).array();
    }

private Q_SLOTS:
    void the_json_list_has_every_entry_with_every_field()
    {
        const QJsonArray list = list_json({});
        const std::vector<QJsonObject> raw = raw_entries();
        QCOMPARE(list.size(), static_cast<qsizetype>(raw.size()));
        QStringList keys;
        for (const QJsonValue& entry : list) {
            keys.append(entry.toObject().value("key").toString());
            QCOMPARE(entry.toObject().keys(), raw.front().keys());
        }
        QCOMPARE(keys, keys_where([](const QJsonObject&) { return true; }));
    }

    void filters_keep_the_matching_entries_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("local") << QStringList{"--local"}
                               << keys_where([](auto& e) { return e.value("local").isObject(); });
        QTest::addRow("open weights")
            << QStringList{"--open-weights"}
            << keys_where([](auto& e) { return e.value("open_weights").toBool(); });
        QTest::addRow("permissive")
            << QStringList{"--license-kind", "permissive"} << keys_where([](auto& e) {
                   return e.value("license").toObject().value("kind") ==
                          QLatin1String("permissive");
               });
        QTest::addRow("--license alias")
            << QStringList{"--license", "proprietary"} << keys_where([](auto& e) {
                   return e.value("license").toObject().value("kind") ==
                          QLatin1String("proprietary");
               });
        QTest::addRow("min context")
            << QStringList{"--min-context", "131072"}
            << keys_where([](auto& e) { return e.value("context_length").toDouble() >= 131072; });
        QTest::addRow("search + local")
            << QStringList{"--search", "QWEN", "--local"} << keys_where([](auto& e) {
                   return e.value("local").isObject() &&
                          (e.value("name").toString().contains("qwen", Qt::CaseInsensitive) ||
                           e.value("key").toString().contains("qwen") ||
                           e.value("family").toString().contains("qwen", Qt::CaseInsensitive) ||
                           e.value("developer").toString().contains("qwen", Qt::CaseInsensitive) ||
                           e.value("description")
                               .toObject()
                               .value("en")
                               .toString()
                               .contains("qwen", Qt::CaseInsensitive) ||
                           e.value("description")
                               .toObject()
                               .value("ja")
                               .toString()
                               .contains("qwen", Qt::CaseInsensitive));
               });
        const QString developer = raw_entries().front().value("developer").toString();
        QTest::addRow("developer")
            << QStringList{"--developer", developer}
            << keys_where([&](auto& e) { return e.value("developer").toString() == developer; });
    }

    void filters_keep_the_matching_entries()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, expected);
        QVERIFY(!expected.isEmpty());
        QStringList keys;
        for (const QJsonValue& entry : list_json(args))
            keys.append(entry.toObject().value("key").toString());
        QCOMPARE(keys, expected);
    }

    void the_text_list_names_each_model()
    {
        const auto run = run_kurabe(QStringList{"catalog", "list", "--local"} + data());
        QCOMPARE(run.exit_code, 0);
        const QStringList local = keys_where([](auto& e) { return e.value("local").isObject(); });
        for (const QString& key : local)
            QVERIFY2(run.out.contains(key), qPrintable(key));
        QVERIFY(run.out.contains(
            QStringLiteral("%1 of %2 models").arg(local.size()).arg(raw_entries().size())));
    }

    void show_prints_one_entry()
    {
        const QJsonObject first = raw_entries().front();
        const QString key = first.value("key").toString();
        auto run = run_kurabe(QStringList{"catalog", "show", key, "--json"} + data());
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out_bytes).object(), first);
        run = run_kurabe(QStringList{"catalog", "show", key} + data());
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.contains(first.value("name").toString()));
        QVERIFY(run.out.contains(first.value("description").toObject().value("ja").toString()));
    }

    void a_user_edit_survives_the_next_start()
    {
        QVERIFY(run_kurabe(QStringList{"catalog"} + data()).exit_code == 0); // synced once
        QJsonObject edited = raw_entries().back();
        const QString key = edited.value("key").toString();
        edited.insert("name", QStringLiteral("My renamed model"));
        {
            auto database = kurabe::storage::open_kurabe_database(
                kurabe::storage::database_path(dir_.path()), kurabe::storage::OpenMode::ReadWrite);
            QVERIFY2(database, qPrintable(database.message()));
            kurabe::storage::CatalogStore store(**database);
            QVERIFY(store.save_user_entry(key, edited));
        }
        const auto run = run_kurabe(QStringList{"catalog", "show", key, "--json"} + data());
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out_bytes).object().value("name").toString(),
                 QStringLiteral("My renamed model"));
    }

    void measure_times_a_tensor_type_here_and_keeps_it()
    {
        const auto run = run_kurabe(
            QStringList{"catalog", "measure", "Q8_0", "--backend", "cpu", "--json"} + data());
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonArray results = QJsonDocument::fromJson(run.out_bytes).array();
        QCOMPARE(results.size(), 1);
        const QJsonObject m = results.at(0).toObject();
        QCOMPARE(m.value("tensor_type").toString(), QStringLiteral("Q8_0"));
        QCOMPARE(m.value("device").toString(), QStringLiteral("CPU"));
        QVERIFY(m.value("tokens_per_second").toDouble() > 0);
        QVERIFY(m.value("bytes_per_token").toDouble() > 100e6); // llama-1b at 8.5 bits a weight
        QCOMPARE(m.value("gb_per_s").toDouble(), m.value("tokens_per_second").toDouble() *
                                                     m.value("bytes_per_token").toDouble() / 1e9);
        // Kept in the profile: the catalog's estimates (GUI) read it from there.
        auto database = kurabe::storage::open_kurabe_database(
            kurabe::storage::database_path(dir_.path()), kurabe::storage::OpenMode::ReadOnly);
        QVERIFY(database.ok());
        kurabe::storage::SettingsStore settings(**database);
        const auto kept = kurabe::catalog::load_speed_measurements(settings);
        QCOMPARE(kept.size(), size_t{1});
        QCOMPARE(kept.front().tokens_per_second, m.value("tokens_per_second").toDouble());
    }

    void errors_are_plain_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exit_code");
        QTest::addColumn<QString>("message");
        const QString closed =
            keys_where([](auto& e) { return !e.value("local").isObject(); }).front();
        const QString local =
            keys_where([](auto& e) { return e.value("local").isObject(); }).front();
        QTest::addRow("unknown key") << QStringList{"catalog", "show", "no-such-model"} << 1
                                     << "no catalog entry \"no-such-model\"";
        QTest::addRow("no downloads")
            << QStringList{"catalog", "download", closed} << 1 << "has no local downloads";
        QTest::addRow("unknown quant") << QStringList{"catalog", "download", local + ":Q9_X"} << 2
                                       << "has no Q9_X download; available:";
        QTest::addRow("bad license kind") << QStringList{"catalog", "--license-kind", "free"} << 2
                                          << "--license-kind must be one of";
        QTest::addRow("bad context") << QStringList{"catalog", "--min-context", "lots"} << 2
                                     << "--min-context needs a number";
        QTest::addRow("stray argument")
            << QStringList{"catalog", "list", "extra"} << 2 << "unexpected arguments";
        QTest::addRow("measure an unknown type")
            << QStringList{"catalog", "measure", "Q9_X"} << 2 << "no tensor type \"Q9_X\"";
    }

    void errors_are_plain()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exit_code);
        QFETCH(QString, message);
        const auto run = run_kurabe(args + data());
        QCOMPARE(run.exit_code, exit_code);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        QVERIFY(!QDir(dir_.filePath("models")).exists()); // nothing downloaded, nothing half-made
    }
};

QTEST_GUILESS_MAIN(CatalogCliTest)
#include "catalog_cli_test.moc"
