// The Catalog page on the real catalog data (resources/catalog): the table and filter models
// pass QAbstractItemModelTester, each filter widget narrows the rows to exactly the entries the
// raw JSON says match, sorting orders numbers as numbers with unknown values last, and picking
// a row shows its details.
#include "catalog/catalog_loader.h"
#include "catalog/speed_probe.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/settings_store.h"
#include "ui/catalog/catalog_details.h"
#include "ui/catalog/catalog_filter_model.h"
#include "ui/catalog/catalog_page.h"
#include "ui/catalog/catalog_table_model.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace kurabe;
using ui::CatalogTableModel;

namespace {

const QString k_catalog_dir = QStringLiteral(KURABE_SOURCE_DIR "/resources/catalog");

// The entries as plain JSON, read without the code under test.
std::vector<QJsonObject> raw_entries()
{
    std::vector<QJsonObject> entries;
    const QDir dir(k_catalog_dir);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QJsonValue& entry :
             QJsonDocument::fromJson(file.readAll()).object().value("entries").toArray())
            entries.push_back(entry.toObject());
    }
    return entries;
}

int count_raw(const std::function<bool(const QJsonObject&)>& matches)
{
    int count = 0;
    for (const QJsonObject& entry : raw_entries())
        count += matches(entry) ? 1 : 0;
    return count;
}

catalog::MachineMemory machine_with_ram(qint64 gib)
{
    catalog::MachineMemory machine;
    machine.ram_total_bytes = gib * 1024 * 1024 * 1024;
    return machine;
}

std::unique_ptr<ui::CatalogPage> make_page(const catalog::MachineMemory& machine)
{
    catalog::CatalogLoad load = catalog::load_catalog_directory(k_catalog_dir);
    catalog::CatalogSnapshot snapshot;
    snapshot.entries = std::move(load.entries);
    snapshot.problems = load.problems;
    return std::make_unique<ui::CatalogPage>(std::move(snapshot), machine, QString());
}

void choose(QComboBox* box, const QVariant& value)
{
    QVERIFY(box);
    const int index = box->findData(value);
    QVERIFY2(index >= 0, qPrintable(value.toString()));
    box->setCurrentIndex(index);
}

} // namespace

class CatalogPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!raw_entries().empty(), qPrintable(k_catalog_dir)); }

    void models_pass_the_item_model_tester()
    {
        auto page = make_page(machine_with_ram(16));
        QAbstractItemModelTester source(page->table_model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxy(page->filter_model(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(page->table_model()->rowCount(), static_cast<int>(raw_entries().size()));
        for (int column = 0; column < CatalogTableModel::ColumnCount; ++column) {
            page->table()->sortByColumn(column, Qt::DescendingOrder);
            page->table()->sortByColumn(column, Qt::AscendingOrder);
        }
        page->findChild<QLineEdit*>("catalog-search")->setText(QStringLiteral("instruct"));
        page->findChild<QCheckBox*>("catalog-runs-locally")->setChecked(true);
        page->table_model()->set_machine(machine_with_ram(2));
        page->findChild<QLineEdit*>("catalog-search")->clear();
    }

    void each_filter_narrows_to_the_matching_entries_data()
    {
        QTest::addColumn<QString>("widget");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("expected");
        const auto text = [](const QJsonObject& e, const char* field) {
            return e.value(field).toString();
        };
        QTest::addRow("search qwen")
            << "catalog-search" << QVariant("qwen") << count_raw([&](auto& e) {
                   const QJsonObject d = e.value("description").toObject();
                   for (const QString& s :
                        {text(e, "name"), text(e, "key"), text(e, "developer"), text(e, "family"),
                         d.value("en").toString(), d.value("ja").toString()})
                       if (s.contains(QLatin1String("qwen"), Qt::CaseInsensitive))
                           return true;
                   return false;
               });
        QTest::addRow("open weights")
            << "catalog-open-weights" << QVariant(true)
            << count_raw([](auto& e) { return e.value("open_weights").toBool(); });
        QTest::addRow("closed weights")
            << "catalog-open-weights" << QVariant(false)
            << count_raw([](auto& e) { return !e.value("open_weights").toBool(); });
        for (const char* kind : {"permissive", "copyleft", "restricted", "proprietary"}) {
            QTest::addRow("license %s", kind)
                << "catalog-license-kind" << QVariant(kind) << count_raw([kind](auto& e) {
                       return e.value("license").toObject().value("kind").toString() ==
                              QLatin1String(kind);
                   });
        }
        QTest::addRow("commercial yes")
            << "catalog-commercial-use" << QVariant("yes") << count_raw([](auto& e) {
                   return e.value("license").toObject().value("commercial_use").toString() == "yes";
               });
        QTest::addRow("context >= 128K")
            << "catalog-min-context" << QVariant(qint64(131072))
            << count_raw([](auto& e) { return e.value("context_length").toDouble() >= 131072; });
        QTest::addRow("image") << "catalog-modality" << QVariant("image") << count_raw([](auto& e) {
            const QJsonObject m = e.value("modalities").toObject();
            return m.value("input").toArray().contains("image") ||
                   m.value("output").toArray().contains("image");
        });
        QTest::addRow("reasoning")
            << "catalog-reasoning" << QVariant(true)
            << count_raw([](auto& e) { return e.value("reasoning").toBool(false) == true; });
        QTest::addRow("runs locally")
            << "catalog-runs-locally" << QVariant(true)
            << count_raw([](auto& e) { return e.value("local").isObject(); });
        QTest::addRow("1B to 10B")
            << "catalog-parameters" << QVariant(QPointF(1, 10)) << count_raw([](auto& e) {
                   const double total =
                       e.value("parameters").toObject().value("total").toDouble(-1);
                   return total >= 1e9 && total <= 10e9;
               });
        const QString developer = raw_entries().front().value("developer").toString();
        QTest::addRow("developer %s", qPrintable(developer))
            << "catalog-developer" << QVariant(developer)
            << count_raw([&](auto& e) { return e.value("developer").toString() == developer; });
    }

    void each_filter_narrows_to_the_matching_entries()
    {
        QFETCH(QString, widget);
        QFETCH(QVariant, value);
        QFETCH(int, expected);
        auto page = make_page(machine_with_ram(16));
        const int all = page->filter_model()->rowCount();
        if (widget == QLatin1String("catalog-search")) {
            QTest::keyClicks(page->findChild<QLineEdit*>(widget), value.toString());
        } else if (widget == QLatin1String("catalog-runs-locally")) {
            page->findChild<QCheckBox*>(widget)->setChecked(true);
        } else if (widget == QLatin1String("catalog-parameters")) {
            page->findChild<QDoubleSpinBox*>("catalog-min-parameters")
                ->setValue(value.toPointF().x());
            page->findChild<QDoubleSpinBox*>("catalog-max-parameters")
                ->setValue(value.toPointF().y());
        } else {
            choose(page->findChild<QComboBox*>(widget), value);
        }
        QCOMPARE(page->filter_model()->rowCount(), expected);
        QVERIFY(expected < all || widget == QLatin1String("catalog-search"));
    }

    void fits_this_machine_depends_on_its_memory()
    {
        const int local = count_raw([](auto& e) { return e.value("local").isObject(); });
        QVERIFY(local > 0);
        int previous = -1;
        for (const qint64 gib : {1, 4, 16, 256}) {
            auto page = make_page(machine_with_ram(gib));
            page->findChild<QCheckBox*>("catalog-fits-machine")->setChecked(true);
            const int fitting = page->filter_model()->rowCount();
            QVERIFY2(fitting >= previous, qPrintable(QString::number(gib)));
            QVERIFY(fitting <= local);
            previous = fitting;
        }
        QVERIFY(previous > 0); // 256 GiB fits at least the smallest local model
        auto tiny = make_page(machine_with_ram(0));
        tiny->findChild<QCheckBox*>("catalog-fits-machine")->setChecked(true);
        QCOMPARE(tiny->filter_model()->rowCount(), 0); // unknown memory: nothing claimed to fit
    }

    void numbers_sort_as_numbers_with_unknown_last_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        for (const int column :
             {int(CatalogTableModel::Parameters), int(CatalogTableModel::Context),
              int(CatalogTableModel::Download)}) {
            QTest::addRow("column %d ascending", column) << column << Qt::AscendingOrder;
            QTest::addRow("column %d descending", column) << column << Qt::DescendingOrder;
        }
    }

    void numbers_sort_as_numbers_with_unknown_last()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        auto page = make_page(machine_with_ram(16));
        page->table()->sortByColumn(column, order);
        const QAbstractItemModel* model = page->filter_model();
        bool seen_unknown = false;
        std::optional<qint64> previous;
        int known = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QVariant value = model->index(row, column).data(CatalogTableModel::kSortRole);
            if (!value.isValid()) {
                seen_unknown = true;
                continue;
            }
            QVERIFY2(!seen_unknown, "a known value after an unknown one");
            const qint64 number = value.toLongLong();
            if (previous)
                QVERIFY(order == Qt::AscendingOrder ? *previous <= number : *previous >= number);
            previous = number;
            ++known;
        }
        QVERIFY(known > 1);
    }

    void choosing_a_row_shows_its_details()
    {
        auto page = make_page(machine_with_ram(16));
        page->findChild<QCheckBox*>("catalog-runs-locally")->setChecked(true);
        QTableView* table = page->table();
        table->selectRow(0);
        const QModelIndex source = page->filter_model()->mapToSource(table->currentIndex());
        const catalog::CatalogEntry* entry = page->table_model()->entry(source.row());
        QVERIFY(entry);
        QVERIFY(page->details()->entry());
        QCOMPARE(page->details()->entry()->key, entry->key);
        const QString html = page->details()->html();
        QVERIFY(html.contains(entry->name.toHtmlEscaped()));
        QVERIFY(html.contains(entry->local->variants.front().file_name));
        QVERIFY(html.contains(QLatin1String("Estimates, not measurements")));
        QVERIFY(html.contains(QLatin1String("GB/s")));
        auto* variants = page->details()->findChild<QComboBox*>("catalog-variant");
        QCOMPARE(variants->count(), static_cast<int>(entry->local->variants.size()));
    }

    void the_download_button_asks_for_the_chosen_variant()
    {
        auto page = make_page(machine_with_ram(16));
        page->findChild<QCheckBox*>("catalog-runs-locally")->setChecked(true);
        page->table()->selectRow(0);
        const catalog::CatalogEntry entry = *page->details()->entry();
        auto* variants = page->details()->findChild<QComboBox*>("catalog-variant");
        variants->setCurrentIndex(variants->count() - 1);
        QSignalSpy asked(page->details(), &ui::CatalogDetails::downloadRequested);
        QTest::mouseClick(page->details()->findChild<QPushButton*>("catalog-download"),
                          Qt::LeftButton);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(0).toString(), entry.key);
        QCOMPARE(asked.at(0).at(1).toString(), entry.local->variants.back().quantization);
        // This page has no data folder (make_page): the refusal is shown, nothing starts.
        auto* status = page->details()->findChild<QLabel*>("catalog-download-status");
        QVERIFY2(status->text().contains(QLatin1String("no data folder")),
                 qPrintable(status->text()));
    }

    void measured_speeds_fill_the_speed_column()
    {
        // A measurement kept in the profile before the page opens.
        QTemporaryDir dir;
        {
            auto database = storage::open_kurabe_database(storage::database_path(dir.path()),
                                                          storage::OpenMode::ReadWrite);
            QVERIFY(database.ok());
            storage::SettingsStore settings(**database);
            catalog::SpeedMeasurement m;
            m.device = QStringLiteral("CPU");
            m.backend = QStringLiteral("cpu");
            m.tensor_type = QStringLiteral("Q4_K");
            m.shape = QStringLiteral("llama-1b");
            m.tokens_per_second = 10;
            m.bytes_per_token = 600e6; // 6 GB/s
            m.measured_at = QDateTime::currentDateTimeUtc();
            QVERIFY(catalog::record_speed_measurement(settings, m).ok());
        }
        catalog::CatalogLoad load = catalog::load_catalog_directory(k_catalog_dir);
        catalog::CatalogSnapshot snapshot;
        snapshot.entries = std::move(load.entries);
        ui::CatalogPage page(std::move(snapshot), machine_with_ram(16), dir.path());

        // The first local entry with a Q4_K_M file of known size.
        const catalog::CatalogEntry* chosen = nullptr;
        const catalog::LocalVariant* q4 = nullptr;
        for (const catalog::CatalogEntry& entry : page.table_model()->entries()) {
            if (!entry.local || entry.parameters_active)
                continue;
            for (const catalog::LocalVariant& variant : entry.local->variants)
                if (variant.quantization == QLatin1String("Q4_K_M") && variant.size_bytes)
                    q4 = &variant;
            if (q4) {
                chosen = &entry;
                break;
            }
        }
        QVERIFY(chosen);
        page.findChild<QLineEdit*>("catalog-search")->setText(chosen->key);
        page.table()->selectRow(0);
        QCOMPARE(page.details()->entry()->key, chosen->key);
        const QString html = page.details()->html();
        const double expected = 6e9 / static_cast<double>(*q4->size_bytes);
        QVERIFY2(html.contains(QStringLiteral("~%1 tokens/s (measured)").arg(expected, 0, 'f', 1)),
                 qPrintable(html));
        QVERIFY(html.contains(QLatin1String("measured here: 6.0 GB/s")));

        // The button asks for the chosen file's tensor type.
        auto* variants = page.details()->findChild<QComboBox*>("catalog-variant");
        variants->setCurrentIndex(variants->findData(QStringLiteral("Q4_K_M")));
        QSignalSpy asked(page.details(), &ui::CatalogDetails::measureRequested);
        auto* measure = page.details()->findChild<QPushButton*>("catalog-measure-speed");
        QVERIFY(measure && measure->isVisibleTo(page.details()));
        page.details()->disconnect(&page); // the request is checked, not run, here
        QTest::mouseClick(measure, Qt::LeftButton);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(0).toString(), QStringLiteral("Q4_K"));
    }
};

QTEST_MAIN(CatalogPageTest)
#include "catalog_page_test.moc"
