// The "Target set" row of the new-comparison form, offscreen: targets with their presets and
// the fair-run options are saved under a name, listed after a restart (a new profile on the
// same data directory), loaded back into the form by choosing them in the combo box, replaced
// by name and deleted.
#include "chat_test_support.h"
#include "compare/target_set.h"
#include "ui/compare/compare_page.h"
#include "ui/compare/new_comparison_panel.h"
#include "ui/compare/target_list_model.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace kurabe;
using app::TargetSpec;

namespace {

TargetSpec spec(const QString& text)
{
    QString error;
    std::optional<TargetSpec> parsed = app::parse_target_spec(text, &error);
    if (!parsed)
        qWarning() << error;
    return parsed.value_or(TargetSpec{});
}

// Chooses `name` in the combo box as a user does: focus, then arrow keys (which emit
// activated), starting from no choice.
bool choose_with_keys(QComboBox& combo, const QString& name)
{
    const int row = combo.findText(name);
    if (row < 0)
        return false;
    combo.setCurrentIndex(-1);
    combo.setFocus();
    for (int i = 0; i <= row; ++i)
        QTest::keyClick(&combo, Qt::Key_Down);
    return combo.currentIndex() == row;
}

} // namespace

class CompareTargetSetsUiTest : public QObject
{
    Q_OBJECT

private slots:
    void savesLoadsAndDeletesSets()
    {
        QTemporaryDir dir;
        const std::vector<TargetSpec> saved_targets = {
            spec(QStringLiteral("local:/models/stories260K.gguf:greedy")),
            spec(QStringLiteral("local:/models/stories260K.gguf:creative")),
            spec(QStringLiteral("provider:mock/tiny"))};
        {
            auto context = test::open_context(dir.path());
            QVERIFY(context);
            ui::ComparePage page(*context);
            page.show();
            ui::NewComparisonPanel& panel = *page.newPanel();
            QAbstractItemModelTester tester(panel.targets(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(panel.targetSetCombo()->count(), 0);

            for (const TargetSpec& target : saved_targets)
                QVERIFY(panel.addTarget(target));
            panel.sameSeed()->setChecked(true);
            panel.seed()->setValue(1234);
            panel.sameTemperature()->setChecked(true);
            panel.temperature()->setValue(0.4);
            panel.maxTokens()->setValue(99);
            QVERIFY(!panel.saveTargetSet(QStringLiteral("   ")));
            QVERIFY2(page.statusText().contains(QStringLiteral("name")),
                     qPrintable(page.statusText()));
            QVERIFY(panel.saveTargetSet(QStringLiteral("stories vs mock")));
            QCOMPARE(panel.targetSetCombo()->count(), 1);
            QCOMPARE(panel.targetSetCombo()->currentText(), QStringLiteral("stories vs mock"));

            // A second set: one target fewer, no shared seed or temperature.
            panel.targets()->removeAt(2);
            panel.sameSeed()->setChecked(false);
            panel.sameTemperature()->setChecked(false);
            QVERIFY(panel.saveTargetSet(QStringLiteral("just stories")));
            QCOMPARE(panel.targetSetCombo()->count(), 2);
            QCOMPARE(panel.targetSetCombo()->itemText(0), QStringLiteral("just stories"));
        }

        // Restart: both sets are listed; choosing one fills the form.
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ui::ComparePage page(*context);
        page.show();
        ui::NewComparisonPanel& panel = *page.newPanel();
        QAbstractItemModelTester tester(panel.targets(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QComboBox& combo = *panel.targetSetCombo();
        QCOMPARE(combo.count(), 2);
        QCOMPARE(panel.targets()->rowCount(), 0);
        QVERIFY(panel.addTarget(spec(QStringLiteral("provider:other/model")))); // replaced

        QVERIFY(choose_with_keys(combo, QStringLiteral("stories vs mock")));
        QCOMPARE(panel.targets()->targets(), saved_targets);
        QVERIFY(panel.sameSeed()->isChecked());
        QCOMPARE(panel.seed()->value(), 1234);
        QVERIFY(panel.sameTemperature()->isChecked());
        QCOMPARE(panel.temperature()->value(), 0.4);
        QVERIFY(panel.temperature()->isEnabled());
        QCOMPARE(panel.maxTokens()->value(), 99);
        QVERIFY(page.statusText().contains(QStringLiteral("stories vs mock")));

        QVERIFY(choose_with_keys(combo, QStringLiteral("just stories")));
        QCOMPARE(panel.targets()->rowCount(), 2);
        QCOMPARE(panel.targets()->targets()[1].preset, QStringLiteral("creative"));
        QVERIFY(!panel.sameSeed()->isChecked());
        QVERIFY(!panel.seed()->isEnabled());
        QVERIFY(!panel.sameTemperature()->isChecked());

        // Deleting one leaves the other, also for the next start.
        QVERIFY(panel.removeTargetSet(QStringLiteral("just stories")));
        QCOMPARE(combo.count(), 1);
        QVERIFY(!panel.loadTargetSet(QStringLiteral("just stories")));
        QString error;
        const auto stored = app::load_target_sets(context->settings(), &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->size(), size_t{1});
        QCOMPARE(stored->front().name, QStringLiteral("stories vs mock"));
    }
};

QTEST_MAIN(CompareTargetSetsUiTest)
#include "compare_target_sets_ui_test.moc"
