// Loading local models from the window, offscreen, with the real stories260K model: the
// picker's progress bar and Cancel (a cancelled load leaves no model and says so), and the
// Models page's loading settings — a context length reloads the chosen model with it and shows
// what it needs in memory, the number of models kept loaded applies at once — both kept after
// a restart.
#include "chat_test_support.h"
#include "ui/chat/chat_page.h"
#include "ui/chat/model_picker.h"
#include "ui/models/load_settings_panel.h"
#include "ui/models/models_page.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>

using namespace kurabe;

namespace {

constexpr int kLoadTimeoutMs = 60000;

} // namespace

class ModelLoadingTest : public QObject
{
    Q_OBJECT

    QString model_;

private slots:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        model_ = models + QStringLiteral("/real/stories260K.gguf");
    }

    void aLoadShowsProgressAndCanBeCancelled()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ui::ChatPage page(*context);
        ui::ModelPicker* picker = page.modelPicker();
        QAbstractItemModelTester tester(picker->comboBox()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.show();

        // The first load is cancelled as soon as it starts, with the picker's button.
        bool cancel_shown = false;
        const QMetaObject::Connection cancel_at_start =
            connect(context.get(), &app::AppContext::modelLoadStarted, this, [&] {
                cancel_shown =
                    picker->cancelButton()->isVisible() && picker->progressBar()->isVisible();
                QTest::mouseClick(picker->cancelButton(), Qt::LeftButton);
            });
        QSignalSpy finished(context.get(), &app::AppContext::modelLoadFinished);
        QVERIFY(test::add_and_inspect(*context, model_));
        QVERIFY(finished.wait(kLoadTimeoutMs));
        disconnect(cancel_at_start);
        QVERIFY(cancel_shown);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY2(finished.at(0).at(2).toString().contains(QStringLiteral("cancelled")),
                 qPrintable(finished.at(0).at(2).toString()));
        QVERIFY(!picker->cancelButton()->isVisible());
        QVERIFY(!picker->progressBar()->isVisible());
        QVERIFY(!page.sendButton()->isEnabled());
        QVERIFY(context->models().loadedPaths().isEmpty());
        QVERIFY(!page.noticeLabel()->isHidden()); // says the model was not loaded, and why

        // Chosen again, it loads, the bar climbing to the end.
        QSignalSpy progress(context.get(), &app::AppContext::modelLoadProgress);
        finished.clear();
        emit picker->comboBox()->activated(0);
        QVERIFY(finished.wait(kLoadTimeoutMs));
        QVERIFY(finished.at(0).at(1).toBool());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toDouble(), 1.0);
        QVERIFY(page.sendButton()->isEnabled());
    }

    void contextLengthAndModelsKeptLoadedAreSettings()
    {
        QTemporaryDir dir;
        {
            auto context = test::open_context(dir.path());
            QVERIFY(context);
            ui::ChatPage chat(*context);
            ui::ModelsPage page(*context);
            ui::LoadSettingsPanel* panel = page.loadSettingsPanel();
            catalog::MachineMemory machine;
            machine.ram_total_bytes = qint64(8) << 30;
            panel->setMachine(machine);
            QSignalSpy finished(context.get(), &app::AppContext::modelLoadFinished);
            QVERIFY(test::add_and_inspect(*context, model_));
            QVERIFY(finished.wait(kLoadTimeoutMs) || !finished.isEmpty());
            QVERIFY(chat.sendButton()->isEnabled());

            // The estimate is for the selected file, at the chosen length.
            page.tableView()->selectRow(0);
            QVERIFY2(panel->estimateLabel()->text().startsWith(QStringLiteral("2048 tokens")),
                     qPrintable(panel->estimateLabel()->text()));
            QComboBox* lengths = panel->contextBox();
            const int index = lengths->findData(1024);
            QVERIFY(index >= 0);
            finished.clear();
            lengths->setCurrentIndex(index);
            emit lengths->activated(index);
            QVERIFY2(panel->estimateLabel()->text().startsWith(QStringLiteral("1024 tokens")),
                     qPrintable(panel->estimateLabel()->text()));
            QVERIFY(panel->estimateLabel()->text().contains(QStringLiteral("fits")));
            // The chosen model is loaded again with it.
            QVERIFY(finished.wait(kLoadTimeoutMs));
            QVERIFY(finished.at(0).at(1).toBool());
            QCOMPARE(context->models().backend(model_)->info().n_ctx, 1024);
            QCOMPARE(context->contextLength(), 1024);
            QVERIFY(chat.contextMeter()->text().endsWith(QStringLiteral("/ 1024")));

            panel->keepLoadedBox()->setValue(3);
            QCOMPARE(context->models().keepLoaded(), 3);
        }

        // Both are kept in the profile.
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        QCOMPARE(context->contextLength(), 1024);
        QCOMPARE(context->keepLoaded(), 3);
        ui::ModelsPage page(*context);
        QCOMPARE(page.loadSettingsPanel()->contextBox()->currentData().toInt(), 1024);
        QCOMPARE(page.loadSettingsPanel()->keepLoadedBox()->value(), 3);
    }
};

QTEST_MAIN(ModelLoadingTest)
#include "model_loading_test.moc"
