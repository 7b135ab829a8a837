// The GUI shell on the offscreen platform: the window builds, every page shows, state persists.
#include "ui/main_window.h"

#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using kurabe::ui::MainWindow;

class MainWindowTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString settings_path() const { return dir_.path() + QStringLiteral("/window.ini"); }

private Q_SLOTS:
    void window_has_title_icon_and_sidebar()
    {
        QSettings settings(settings_path(), QSettings::IniFormat);
        MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Kurabe"));
        QVERIFY(!window.windowIcon().isNull());
        QVERIFY(!window.windowIcon().pixmap(32, 32).isNull());
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        QVERIFY(sidebar);
        QStringList labels;
        for (int i = 0; i < sidebar->count(); ++i)
            labels << sidebar->item(i)->text();
        QCOMPARE(labels, (QStringList{QStringLiteral("Chats"), QStringLiteral("Compare"),
                                      QStringLiteral("Catalog"), QStringLiteral("Models"),
                                      QStringLiteral("Settings")}));
    }

    void clicking_the_sidebar_shows_each_page_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("page");
        QTest::addRow("chats") << 0 << QStringLiteral("page-chats");
        QTest::addRow("compare") << 1 << QStringLiteral("page-compare");
        QTest::addRow("catalog") << 2 << QStringLiteral("page-catalog");
        QTest::addRow("models") << 3 << QStringLiteral("page-models");
        QTest::addRow("settings") << 4 << QStringLiteral("page-settings");
    }

    void clicking_the_sidebar_shows_each_page()
    {
        QFETCH(int, row);
        QFETCH(QString, page);
        QSettings settings(settings_path(), QSettings::IniFormat);
        MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pages"));
        const QRect rect = sidebar->visualItemRect(sidebar->item(row));
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(pages->currentWidget()->objectName(), page);
        QVERIFY(pages->currentWidget()->isVisible());
        QCOMPARE(static_cast<int>(window.current_page()), row);
    }

    void geometry_and_page_are_remembered()
    {
        QRect saved;
        {
            QSettings settings(settings_path(), QSettings::IniFormat);
            MainWindow window(settings);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setGeometry(120, 90, 900, 640);
            window.show_page(MainWindow::Catalog);
            saved = window.geometry();
            window.close();
        }
        QSettings settings(settings_path(), QSettings::IniFormat);
        MainWindow again(settings);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.geometry().size(), saved.size());
        QCOMPARE(again.current_page(), MainWindow::Catalog);
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
