// The Models page offscreen: files added to the library are summarized and hashed in the
// background (checked against an independent SHA-256), a broken file is listed with the
// reason, duplicates are refused with a message, dropped .gguf URLs are picked out, and
// removing a file takes it out of the library only; deleting it from disk asks first; watched
// folders add their new .gguf files by themselves, remember files the user removed, and are
// still watched after a restart.
#include "chat_test_support.h"
#include "ui/models/model_file_table_model.h"
#include "ui/models/models_page.h"
#include "ui/models/watched_folders_panel.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QLabel>
#include <QListView>
#include <QStringListModel>
#include <QTableView>
#include <QTemporaryDir>

using namespace kurabe;
using ui::ModelFileTableModel;

namespace {

QString sha256_of(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
}

QString cell(const ModelFileTableModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class ModelsPageTest : public QObject
{
    Q_OBJECT

    QString model_;

private slots:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        model_ = models + QStringLiteral("/real/stories260K.gguf");
    }

    void addedFilesAreSummarizedHashedAndRemovable()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ui::ModelsPage page(*context);
        ModelFileTableModel& table = *page.tableModel();
        QAbstractItemModelTester tester(&table,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        // A file that is not GGUF: listed, with the reason.
        const QString broken = dir.filePath(QStringLiteral("broken.gguf"));
        {
            QFile file(broken);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("this is not a GGUF file at all");
        }
        QSignalSpy inspected(&context->library(), &app::ModelLibrary::inspectionFinished);
        page.addFiles({model_, broken});
        QCOMPARE(table.rowCount(), 2);
        QVERIFY(QTest::qWaitFor([&] { return inspected.size() == 2; }, 60000));
        QVERIFY(page.messageLabel()->isHidden());

        const int good = table.index(0, 0).data(ModelFileTableModel::PathRole).toString() ==
                                 QFileInfo(model_).absoluteFilePath()
                             ? 0
                             : 1;
        const int bad = 1 - good;
        QCOMPARE(cell(table, good, ModelFileTableModel::Architecture), QStringLiteral("llama"));
        QCOMPARE(cell(table, good, ModelFileTableModel::Parameters), QStringLiteral("292.8K"));
        QCOMPARE(cell(table, good, ModelFileTableModel::Quantization), QStringLiteral("F32 100%"));
        QCOMPARE(cell(table, good, ModelFileTableModel::Context), QStringLiteral("2048"));
        QCOMPARE(cell(table, good, ModelFileTableModel::ChatTemplate),
                 QStringLiteral("no (completion)"));
        QVERIFY(table.index(good, 0).data(ModelFileTableModel::RunnableRole).toBool());
        const auto stored =
            context->modelFiles().find_by_path(QFileInfo(model_).absoluteFilePath());
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->sha256, sha256_of(model_));
        QCOMPARE((*stored)->size_bytes, QFileInfo(model_).size());
        QVERIFY(
            cell(table, good, ModelFileTableModel::Status).contains((*stored)->sha256.left(12)));

        QVERIFY(!table.index(bad, 0).data(ModelFileTableModel::RunnableRole).toBool());
        QVERIFY2(cell(table, bad, ModelFileTableModel::Status).startsWith("cannot be used: "),
                 qPrintable(cell(table, bad, ModelFileTableModel::Status)));

        // The same file twice is refused, with a message.
        page.addFiles({model_});
        QCOMPARE(table.rowCount(), 2);
        QVERIFY(!page.messageLabel()->isHidden());
        QVERIFY(page.messageLabel()->text().contains(QStringLiteral("stories260K.gguf")));

        // Remove the broken one: gone from the library, still on disk.
        page.tableView()->selectRow(bad);
        page.removeSelected();
        QCOMPARE(table.rowCount(), 1);
        QVERIFY(QFileInfo::exists(broken));
        QCOMPARE(context->modelFiles().list()->size(), size_t(1));
    }

    void verifyingAgainNoticesAChangedFile()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        const QString copy = dir.filePath(QStringLiteral("copy.gguf"));
        QVERIFY(QFile::copy(model_, copy));
        ui::ModelsPage page(*context);
        QVERIFY(test::add_and_inspect(*context, copy));
        const QString before = (*context->modelFiles().list())[0].sha256;
        QCOMPARE(before, sha256_of(model_));

        // Verifying the unchanged file says nothing.
        page.tableView()->selectRow(0);
        QSignalSpy inspected(&context->library(), &app::ModelLibrary::inspectionFinished);
        page.rehashSelected();
        QVERIFY(inspected.wait(60000));
        QVERIFY(page.messageLabel()->isHidden());

        // One flipped byte at the end: the new hash is stored and the user is told.
        {
            QFile file(copy);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(file.size() - 1));
            const char last = file.peek(1).at(0);
            QCOMPARE(file.write(QByteArray(1, static_cast<char>(last ^ 0x5a))), qint64(1));
        }
        page.tableView()->selectRow(0);
        page.rehashSelected();
        QVERIFY(inspected.wait(60000));
        QVERIFY(!page.messageLabel()->isHidden());
        QVERIFY(page.messageLabel()->text().contains(QStringLiteral("changed")));
        const QString after = (*context->modelFiles().list())[0].sha256;
        QCOMPARE(after, sha256_of(copy));
        QVERIFY(after != before);
    }

    void deletingFromDiskAsksFirst()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        const QString copy = dir.filePath(QStringLiteral("doomed.gguf"));
        QVERIFY(QFile::copy(model_, copy));
        ui::ModelsPage page(*context);
        QVERIFY(test::add_and_inspect(*context, copy));
        QStringList asked;
        bool answer = false;
        page.setConfirmation([&](const QString& question) {
            asked << question;
            return answer;
        });

        // Declined: nothing happens.
        page.tableView()->selectRow(0);
        page.deleteSelectedFromDisk();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked[0].contains(QFileInfo(copy).absoluteFilePath()), qPrintable(asked[0]));
        QVERIFY(QFileInfo::exists(copy));
        QCOMPARE(page.tableModel()->rowCount(), 1);

        // Confirmed: out of the library and off the disk.
        answer = true;
        page.tableView()->selectRow(0);
        page.deleteSelectedFromDisk();
        QCOMPARE(asked.size(), 2);
        QVERIFY(!QFileInfo::exists(copy));
        QCOMPARE(page.tableModel()->rowCount(), 0);
        QVERIFY(context->modelFiles().list()->empty());
        QVERIFY(page.messageLabel()->isHidden());
    }

    void watchedFoldersAddNewFiles()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(folder));
        const QString a = folder + QStringLiteral("/a.gguf");
        const QString b = folder + QStringLiteral("/b.GGUF");
        QVERIFY(QFile::copy(model_, a));
        {
            QFile notes(folder + QStringLiteral("/notes.txt"));
            QVERIFY(notes.open(QIODevice::WriteOnly));
            notes.write("not a model");
        }
        {
            auto context = test::open_context(dir.path());
            QVERIFY(context);
            ui::ModelsPage page(*context);
            ui::WatchedFoldersPanel* panel = page.watchedFoldersPanel();
            QAbstractItemModelTester tester(panel->listModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            app::WatchedFolders& watched = context->watchedFolders();
            QSignalSpy scanned(&watched, &app::WatchedFolders::scanned);

            // Watching lists what is there: the .gguf file, not the notes.
            panel->watchFolder(folder);
            QCOMPARE(panel->listModel()->stringList(), QStringList{folder});
            QVERIFY(scanned.wait(10000));
            QCOMPARE(scanned.at(0).at(0).toStringList(), QStringList{a});
            QCOMPARE(page.tableModel()->rowCount(), 1);

            // Watching it twice is refused with a message.
            panel->watchFolder(folder);
            QVERIFY(!page.messageLabel()->isHidden());
            QCOMPARE(watched.folders().size(), 1);

            // A file copied in later appears by itself (QFileSystemWatcher).
            QVERIFY(QFile::copy(model_, b));
            QVERIFY(QTest::qWaitFor([&] { return page.tableModel()->rowCount() == 2; }, 20000));

            // Removed from the library: a later listing does not bring it back.
            page.tableView()->selectRow(
                page.tableModel()->rowOf((*context->modelFiles().find_by_path(a))->id));
            page.removeSelected();
            QCOMPARE(page.tableModel()->rowCount(), 1);
            scanned.clear();
            watched.rescan();
            QVERIFY(scanned.wait(10000));
            QVERIFY(scanned.at(0).at(0).toStringList().isEmpty());
            QCOMPARE(page.tableModel()->rowCount(), 1);
            QVERIFY(QFileInfo::exists(a));
        }

        // After a restart the folder is still watched, and a file that came meanwhile is added.
        const QString c = folder + QStringLiteral("/c.gguf");
        QVERIFY(QFile::copy(model_, c));
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ui::ModelsPage page(*context);
        ui::WatchedFoldersPanel* panel = page.watchedFoldersPanel();
        QCOMPARE(panel->listModel()->stringList(), QStringList{folder});
        QVERIFY(QTest::qWaitFor([&] { return page.tableModel()->rowCount() == 2; }, 20000));
        QVERIFY(*context->modelFiles().find_by_path(c));
        QVERIFY(!*context->modelFiles().find_by_path(a));

        // Stop watching: the folder leaves the list; its files stay in the library.
        panel->listView()->setCurrentIndex(panel->listModel()->index(0));
        panel->unwatchSelected();
        QVERIFY(panel->listModel()->stringList().isEmpty());
        QVERIFY(context->watchedFolders().folders().isEmpty());
        QCOMPARE(page.tableModel()->rowCount(), 2);
    }

    void droppedUrlsKeepLocalGgufFiles_data()
    {
        QTest::addColumn<QList<QUrl>>("urls");
        QTest::addColumn<QStringList>("paths");
        QTest::addRow("one local gguf")
            << QList<QUrl>{QUrl::fromLocalFile("/m/a.gguf")} << QStringList{"/m/a.gguf"};
        QTest::addRow("case-insensitive")
            << QList<QUrl>{QUrl::fromLocalFile("/m/B.GGUF")} << QStringList{"/m/B.GGUF"};
        QTest::addRow("other files and remote urls")
            << QList<QUrl>{QUrl::fromLocalFile("/m/notes.txt"),
                           QUrl(QStringLiteral("https://example.com/c.gguf")),
                           QUrl::fromLocalFile("/m/d.gguf")}
            << QStringList{"/m/d.gguf"};
    }

    void droppedUrlsKeepLocalGgufFiles()
    {
        QFETCH(QList<QUrl>, urls);
        QFETCH(QStringList, paths);
        QCOMPARE(ui::gguf_paths(urls), paths);
    }
};

QTEST_MAIN(ModelsPageTest)
#include "models_page_test.moc"
