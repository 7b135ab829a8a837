// The Chat page's sampling panel: presets set the values they name, values read back as the
// SamplingParams sent with a request (unset where "off"/"random"), and stored values show
// the preset they match.
#include "ui/chat/sampling_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using kurabe::inference::SamplingParams;
using kurabe::ui::SamplingPanel;

class ChatSamplingTest : public QObject
{
    Q_OBJECT

private slots:
    void presetsSetTheirValues_data()
    {
        QTest::addColumn<int>("preset");
        QTest::addColumn<double>("temperature");
        QTest::addColumn<double>("top_p");
        QTest::addColumn<int>("top_k");
        QTest::addRow("precise") << 0 << 0.2 << 0.9 << 40;
        QTest::addRow("balanced") << 1 << 0.7 << 0.95 << 40;
        QTest::addRow("creative") << 2 << 1.0 << 0.98 << 100;
    }

    void presetsSetTheirValues()
    {
        QFETCH(int, preset);
        QFETCH(double, temperature);
        QFETCH(double, top_p);
        QFETCH(int, top_k);
        SamplingPanel panel;
        panel.applyPreset(preset);
        const SamplingParams s = panel.sampling();
        QCOMPARE(s.temperature.value_or(-1), temperature);
        QCOMPARE(s.top_p.value_or(-1), top_p);
        QCOMPARE(s.top_k.value_or(-1), top_k);
        QCOMPARE(s.max_tokens.value_or(-1), 512);
        QVERIFY(!s.seed); // random
        // Stored values that match a preset show its name.
        SamplingPanel other;
        other.setValues(QString(), s);
        QCOMPARE(other.findChild<QComboBox*>("sampling-preset")->currentIndex(), preset);
    }

    void editedValuesAreCustomAndSignalled()
    {
        SamplingPanel panel;
        QSignalSpy changed(&panel, &SamplingPanel::samplingChanged);
        panel.temperatureBox()->setValue(0);
        panel.seedBox()->setValue(42);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(panel.findChild<QComboBox*>("sampling-preset")->currentText(),
                 QStringLiteral("Custom"));
        const SamplingParams s = panel.sampling();
        QCOMPARE(s.temperature.value_or(-1), 0.0);
        QCOMPARE(s.seed.value_or(0), quint64(42));

        // Showing a conversation's values signals nothing.
        SamplingParams stored;
        stored.temperature = 1.3;
        stored.max_tokens = 77;
        panel.setValues(QStringLiteral("Be brief."), stored);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(panel.systemPrompt(), QStringLiteral("Be brief."));
        QCOMPARE(panel.sampling().max_tokens.value_or(-1), 77);
        QVERIFY(!panel.sampling().seed);
    }

    void systemPromptIsSignalledWhenTypingPauses()
    {
        SamplingPanel panel;
        QSignalSpy changed(&panel, &SamplingPanel::systemPromptChanged);
        QTest::keyClicks(panel.systemPromptEdit(), QStringLiteral("You are terse."));
        QCOMPARE(changed.size(), 0);
        QVERIFY(changed.wait(3000));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(panel.systemPrompt(), QStringLiteral("You are terse."));
    }
};

QTEST_MAIN(ChatSamplingTest)
#include "chat_sampling_test.moc"
