// Saved target sets (app/compare/target_set.h): the JSON document round-trips every kind of
// target and every fair-run option, bad documents are refused with a reason, and sets saved in
// a profile's settings are found again by a new connection (a restart), replaced by name and
// removed.
#include "compare/target_set.h"
#include "storage/schema/schema.h"
#include "storage/stores/settings_store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe;
using app::TargetSet;
using app::TargetSpec;

namespace {

TargetSpec local(const QString& path, const QString& preset)
{
    TargetSpec spec;
    spec.kind = TargetSpec::Kind::Local;
    spec.path = path;
    spec.preset = preset;
    return spec;
}

TargetSpec remote(const QString& provider, const QString& model, const QString& preset)
{
    TargetSpec spec;
    spec.kind = TargetSpec::Kind::Provider;
    spec.provider = provider;
    spec.model = model;
    spec.preset = preset;
    return spec;
}

TargetSet sample_set()
{
    TargetSet set;
    set.name = QStringLiteral("small models");
    set.targets = {
        local(QStringLiteral("/m/stories260K.gguf"), QStringLiteral("greedy")),
        local(QStringLiteral("/m/stories260K.gguf"), QStringLiteral("creative")),
        remote(QStringLiteral("ollama"), QStringLiteral("llama3.2:1b"), QStringLiteral("default"))};
    set.fair.seed = 42;
    set.fair.temperature = 0.3;
    set.fair.max_tokens = 64;
    return set;
}

std::unique_ptr<storage::Database> open_database(const QString& dir)
{
    auto database =
        storage::open_kurabe_database(storage::database_path(dir), storage::OpenMode::ReadWrite);
    if (!database) {
        qWarning() << database.message();
        return nullptr;
    }
    return std::move(*database);
}

} // namespace

class CompareTargetSetsTest : public QObject
{
    Q_OBJECT

private slots:
    void documentRoundTrips_data()
    {
        QTest::addColumn<bool>("seed");
        QTest::addColumn<bool>("temperature");
        QTest::addColumn<bool>("max_tokens");
        QTest::addRow("all options") << true << true << true;
        QTest::addRow("no shared seed") << false << true << true;
        QTest::addRow("no shared temperature") << true << false << true;
        QTest::addRow("no options") << false << false << false;
    }

    void documentRoundTrips()
    {
        QFETCH(bool, seed);
        QFETCH(bool, temperature);
        QFETCH(bool, max_tokens);
        TargetSet set = sample_set();
        if (!seed)
            set.fair.seed.reset();
        if (!temperature)
            set.fair.temperature.reset();
        if (!max_tokens)
            set.fair.max_tokens.reset();
        TargetSet other;
        other.name = QStringLiteral("one remote");
        other.targets = {remote(QStringLiteral("router"), QStringLiteral("meta/llama-3"),
                                QStringLiteral("balanced"))};

        const QString text = app::target_sets_to_json({set, other});
        const QJsonObject root = QJsonDocument::fromJson(text.toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), app::kTargetSetsVersion);
        QString error;
        const std::optional<std::vector<TargetSet>> read = app::target_sets_from_json(text, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->size(), size_t{2});
        QVERIFY((*read)[0] == set);
        QVERIFY((*read)[1] == other);
        QCOMPARE((*read)[0].targets[2].model, QStringLiteral("llama3.2:1b"));
        QCOMPARE((*read)[0].fair.seed.has_value(), seed);
    }

    void badDocumentsAreRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::addRow("not json") << "{sets"
                                  << "not a JSON object";
        QTest::addRow("an array") << "[]"
                                  << "not a JSON object";
        QTest::addRow("no version") << R"({"sets":[]})"
                                    << "no version";
        QTest::addRow("newer version") << R"({"version":2,"sets":[]})"
                                       << "newer";
        QTest::addRow("no name") << R"({"version":1,"sets":[{"targets":[]}]})"
                                 << "no name";
        QTest::addRow("no targets") << R"({"version":1,"sets":[{"name":"a"}]})"
                                    << "no list of targets";
        QTest::addRow("bad preset")
            << R"({"version":1,"sets":[{"name":"a","targets":[{"kind":"local","path":"/m",
                  "preset":"wild"}]}]})"
            << "preset";
        QTest::addRow("negative seed")
            << R"({"version":1,"sets":[{"name":"a","targets":[],"seed":-1}]})"
            << "seed";
        QTest::addRow("fractional seed")
            << R"({"version":1,"sets":[{"name":"a","targets":[],"seed":1.5}]})"
            << "seed";
        QTest::addRow("zero max tokens")
            << R"({"version":1,"sets":[{"name":"a","targets":[],"max_tokens":0}]})"
            << "max_tokens";
        QTest::addRow("text temperature")
            << R"({"version":1,"sets":[{"name":"a","targets":[],"temperature":"hot"}]})"
            << "temperature";
    }

    void badDocumentsAreRefused()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!app::target_sets_from_json(text, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void setsPersistInTheProfile()
    {
        QTemporaryDir dir;
        QString error;
        {
            auto database = open_database(dir.path());
            QVERIFY(database);
            storage::SettingsStore settings(*database);
            const std::optional<std::vector<TargetSet>> none =
                app::load_target_sets(settings, &error);
            QVERIFY2(none, qPrintable(error));
            QVERIFY(none->empty());

            TargetSet unnamed = sample_set();
            unnamed.name = QStringLiteral("  ");
            QVERIFY(!app::save_target_set(settings, unnamed, &error));
            QVERIFY2(error.contains(QStringLiteral("name")), qPrintable(error));
            TargetSet empty = sample_set();
            empty.targets.clear();
            QVERIFY(!app::save_target_set(settings, empty, &error));

            QVERIFY2(app::save_target_set(settings, sample_set(), &error), qPrintable(error));
            TargetSet first = sample_set();
            first.name = QStringLiteral("a first set");
            first.targets.pop_back();
            QVERIFY2(app::save_target_set(settings, first, &error), qPrintable(error));
            // The same name again replaces the set.
            TargetSet replaced = sample_set();
            replaced.fair.seed = 7;
            QVERIFY2(app::save_target_set(settings, replaced, &error), qPrintable(error));
        }
        // A new connection, as after a restart: sorted by name, the replacement kept.
        auto database = open_database(dir.path());
        QVERIFY(database);
        storage::SettingsStore settings(*database);
        std::optional<std::vector<TargetSet>> sets = app::load_target_sets(settings, &error);
        QVERIFY2(sets, qPrintable(error));
        QCOMPARE(sets->size(), size_t{2});
        QCOMPARE((*sets)[0].name, QStringLiteral("a first set"));
        QCOMPARE((*sets)[0].targets.size(), size_t{2});
        QCOMPARE((*sets)[1].name, QStringLiteral("small models"));
        QCOMPARE((*sets)[1].fair.seed, std::optional<quint64>(7));
        QCOMPARE((*sets)[1].targets, sample_set().targets);

        QVERIFY2(app::remove_target_set(settings, QStringLiteral("small models"), &error),
                 qPrintable(error));
        QVERIFY(app::remove_target_set(settings, QStringLiteral("never saved"), &error));
        sets = app::load_target_sets(settings, &error);
        QVERIFY2(sets, qPrintable(error));
        QCOMPARE(sets->size(), size_t{1});
        QCOMPARE((*sets)[0].name, QStringLiteral("a first set"));

        // A damaged document is reported, not taken as "no sets".
        QVERIFY(settings.set_text(app::kTargetSetsSetting, QStringLiteral("{oops")));
        QVERIFY(!app::load_target_sets(settings, &error));
        QVERIFY2(error.contains(QStringLiteral("JSON")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(CompareTargetSetsTest)
#include "compare_target_sets_test.moc"
