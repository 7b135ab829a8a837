// The Japanese window: the translation compiled into the binary (:/i18n/kurabe_ja.qm) installs,
// real widgets then show Japanese (sidebar pages, catalog filters and headers), the catalog
// shows each entry's Japanese description, the View > Language menu stores the choice in the
// profile, and the language resolves from the setting and KURABE_LANG as documented.
#include "app/app_context.h"
#include "catalog/catalog_loader.h"
#include "ui/catalog/catalog_details.h"
#include "ui/catalog/catalog_page.h"
#include "ui/catalog/catalog_table_model.h"
#include "ui/main_window.h"
#include "ui/ui_language.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe;

namespace {

const QString k_catalog_dir = QStringLiteral(KURABE_SOURCE_DIR "/resources/catalog");

catalog::CatalogSnapshot catalog_snapshot()
{
    catalog::CatalogLoad load = catalog::load_catalog_directory(k_catalog_dir);
    catalog::CatalogSnapshot snapshot;
    snapshot.entries = std::move(load.entries);
    snapshot.problems = load.problems;
    return snapshot;
}

catalog::MachineMemory machine_with_16_gib()
{
    catalog::MachineMemory machine;
    machine.ram_total_bytes = qint64(16) * 1024 * 1024 * 1024;
    return machine;
}

} // namespace

class I18nWidgetsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(ui::current_ui_language(), QStringLiteral("en"));
        const QString problem =
            ui::install_ui_translations(*QCoreApplication::instance(), QStringLiteral("ja"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(ui::current_ui_language(), QStringLiteral("ja"));
    }

    void language_resolves_from_setting_and_override_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("override");
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("expected");
        QTest::addRow("system, Japanese desktop") << "system"
                                                  << ""
                                                  << "ja_JP"
                                                  << "ja";
        QTest::addRow("system, German desktop") << "system"
                                                << ""
                                                << "de_DE"
                                                << "en";
        QTest::addRow("never set") << ""
                                   << ""
                                   << "ja_JP"
                                   << "ja";
        QTest::addRow("English chosen") << "en"
                                        << ""
                                        << "ja_JP"
                                        << "en";
        QTest::addRow("Japanese chosen") << "ja"
                                         << ""
                                         << "en_US"
                                         << "ja";
        QTest::addRow("override wins") << "ja"
                                       << "en_US.UTF-8"
                                       << "ja_JP"
                                       << "en";
        QTest::addRow("override as locale") << "en"
                                            << "ja_JP.UTF-8"
                                            << "en_US"
                                            << "ja";
        QTest::addRow("override system") << "en"
                                         << "system"
                                         << "ja_JP"
                                         << "ja";
        QTest::addRow("blank override ignored") << "ja"
                                                << "  "
                                                << "en_US"
                                                << "ja";
        QTest::addRow("no text in French") << "fr"
                                           << ""
                                           << "ja_JP"
                                           << "en";
        QTest::addRow("C locale") << "system"
                                  << "C"
                                  << "ja_JP"
                                  << "en";
    }

    void language_resolves_from_setting_and_override()
    {
        QFETCH(QString, setting);
        QFETCH(QString, override);
        QFETCH(QString, system);
        QFETCH(QString, expected);
        QCOMPARE(ui::resolve_ui_language(setting, override, QLocale(system)), expected);
    }

    void main_window_pages_are_japanese()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("window.ini")), QSettings::IniFormat);
        ui::MainWindow window(settings);
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        QVERIFY(sidebar);
        QStringList labels;
        for (int i = 0; i < sidebar->count(); ++i)
            labels << sidebar->item(i)->text();
        QCOMPARE(labels, (QStringList{QStringLiteral("チャット"), QStringLiteral("比較"),
                                      QStringLiteral("カタログ"), QStringLiteral("モデル"),
                                      QStringLiteral("設定")}));
    }

    void catalog_filters_and_headers_are_japanese()
    {
        ui::CatalogPage page(catalog_snapshot(), machine_with_16_gib(), QString());
        auto* runs_locally = page.findChild<QCheckBox*>(QStringLiteral("catalog-runs-locally"));
        QVERIFY(runs_locally);
        QCOMPARE(runs_locally->text(), QStringLiteral("ローカルで実行可能"));
        auto* search = page.findChild<QLineEdit*>(QStringLiteral("catalog-search"));
        QVERIFY(search);
        QCOMPARE(search->placeholderText(), QStringLiteral("名前・開発元・説明を検索…"));
        auto* license = page.findChild<QComboBox*>(QStringLiteral("catalog-license-kind"));
        QVERIFY(license);
        QCOMPARE(license->itemText(license->findData(QStringLiteral("copyleft"))),
                 QStringLiteral("コピーレフト"));
        auto* table = page.findChild<QTableView*>(QStringLiteral("catalog-table"));
        QVERIFY(table);
        QCOMPARE(table->model()->headerData(ui::CatalogTableModel::Name, Qt::Horizontal).toString(),
                 QStringLiteral("名前"));
        QCOMPARE(
            table->model()->headerData(ui::CatalogTableModel::License, Qt::Horizontal).toString(),
            QStringLiteral("ライセンス"));
    }

    void catalog_shows_japanese_descriptions()
    {
        const catalog::CatalogSnapshot snapshot = catalog_snapshot();
        QVERIFY(!snapshot.entries.empty());
        ui::CatalogTableModel model;
        model.set_entries(snapshot.entries);
        for (int row = 0; row < model.rowCount(); ++row) {
            const catalog::CatalogEntry& entry = *model.entry(row);
            QVERIFY2(!entry.description_ja.isEmpty(), qPrintable(entry.key));
            QCOMPARE(model.index(row, ui::CatalogTableModel::Name).data(Qt::ToolTipRole).toString(),
                     entry.description_ja);
            const QString html = ui::catalog_details_html(entry, machine_with_16_gib());
            QVERIFY2(html.contains(entry.description_ja.toHtmlEscaped()), qPrintable(entry.key));
            QVERIFY2(entry.description_en.isEmpty() ||
                         !html.contains(entry.description_en.toHtmlEscaped()),
                     qPrintable(entry.key));
        }
    }

    void catalog_details_pane_is_japanese()
    {
        ui::CatalogPage page(catalog_snapshot(), machine_with_16_gib(), QString());
        auto* table = page.findChild<QTableView*>(QStringLiteral("catalog-table"));
        auto* details = page.findChild<ui::CatalogDetails*>(QStringLiteral("catalog-details"));
        QVERIFY(table && details);
        table->selectRow(0);
        QVERIFY(details->entry().has_value());
        const QString html = details->html();
        QVERIFY(html.contains(details->entry()->description_ja.toHtmlEscaped()));
        QVERIFY(html.contains(QStringLiteral("コンテキスト長")));
        QVERIFY(html.contains(QStringLiteral("ライセンス")));
    }

    void language_menu_stores_the_choice()
    {
        QTemporaryDir dir;
        auto context = app::AppContext::open(dir.path());
        QVERIFY2(context, qPrintable(context.message()));
        app::AppContext& profile = **context;
        QSettings settings(dir.filePath(QStringLiteral("window.ini")), QSettings::IniFormat);
        ui::MainWindow window(settings, profile);
        QCOMPARE(window.menuBar()->actions().value(0)->text(), QStringLiteral("表示(&V)"));
        auto* system = window.findChild<QAction*>(QStringLiteral("language-system"));
        auto* japanese = window.findChild<QAction*>(QStringLiteral("language-ja"));
        auto* english = window.findChild<QAction*>(QStringLiteral("language-en"));
        QVERIFY(system && japanese && english);
        QVERIFY(system->isChecked()); // nothing stored yet: follow the system
        QCOMPARE(system->text(), QStringLiteral("システムの設定(&S)"));

        japanese->trigger();
        QVERIFY(japanese->isChecked());
        QVERIFY(!system->isChecked());
        QCOMPARE(*profile.settings().text(ui::kUiLanguageSetting, QString()), QStringLiteral("ja"));
        QCOMPARE(window.statusBar()->currentMessage(),
                 QStringLiteral("言語は次回 Kurabe を起動したときに切り替わります。"));

        english->trigger();
        QCOMPARE(*profile.settings().text(ui::kUiLanguageSetting, QString()), QStringLiteral("en"));
        // The next window starts with the stored choice checked.
        ui::MainWindow again(settings, profile);
        auto* english_again = again.findChild<QAction*>(QStringLiteral("language-en"));
        QVERIFY(english_again);
        QVERIFY(english_again->isChecked());
    }
};

QTEST_MAIN(I18nWidgetsTest)
#include "i18n_widgets_test.moc"
