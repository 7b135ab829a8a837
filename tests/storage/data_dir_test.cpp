#include "storage/data_dir.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using kurabe::storage::open_data_dir;

class DataDirTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requested_directory_is_created()
    {
        QTemporaryDir tmp;
        const QString wanted = tmp.path() + QStringLiteral("/a/b/profile");
        const auto dir = open_data_dir(wanted);
        QVERIFY2(dir.error.isEmpty(), qPrintable(dir.error));
        QCOMPARE(dir.path, QFileInfo(wanted).absoluteFilePath());
        QVERIFY(QFileInfo(wanted).isDir());
    }

    void default_is_under_xdg_data_home()
    {
        QTemporaryDir tmp;
        qputenv("XDG_DATA_HOME", tmp.path().toUtf8());
        const auto dir = open_data_dir(QString());
        QCOMPARE(dir.path, tmp.path() + QStringLiteral("/kurabe"));
        QVERIFY(QFileInfo(dir.path).isDir());
    }

    void a_file_in_the_way_is_an_error()
    {
        QTemporaryDir tmp;
        const QString path = tmp.path() + QStringLiteral("/taken");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const auto dir = open_data_dir(path);
        QVERIFY(dir.path.isEmpty());
        QVERIFY(dir.error.contains(QStringLiteral("not a directory")));
    }
};

QTEST_GUILESS_MAIN(DataDirTest)
#include "data_dir_test.moc"
