// "Continue in chat", offscreen, in the main window: a comparison of stories260K against the
// fake provider runs to the end; each column's button is disabled while the answer runs and
// while blind mode hides its name, then makes a conversation holding exactly the system
// prompt, the prompt and that answer (with the target's model recorded as for chat messages),
// and the window shows it on the Chats page with that model chosen.
#include "chat_test_support.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "ui/chat/chat_page.h"
#include "ui/chat/message_list_model.h"
#include "ui/compare/compare_page.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/new_comparison_panel.h"
#include "ui/main_window.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace kurabe;
using test::MockProviderServer;
using test::MockResponse;

namespace {

constexpr int kWaitMs = 180'000;

storage::NewProvider mock_provider(const MockProviderServer& server)
{
    storage::NewProvider provider;
    provider.kind = QStringLiteral("openai-compatible");
    provider.name = QStringLiteral("mock");
    provider.base_url = server.url(QStringLiteral("/v1")).toString();
    provider.options = QJsonObject{{QStringLiteral("preset"), QStringLiteral("custom")}};
    return provider;
}

bool add_target(ui::NewComparisonPanel& panel, const QString& item, const QString& preset)
{
    const int row = panel.modelCombo()->findText(item);
    if (row < 0)
        return false;
    panel.modelCombo()->setCurrentIndex(row);
    panel.presetCombo()->setCurrentText(preset);
    return panel.addChosenTarget();
}

// The display column showing target position `target`.
int column_of(const ui::ComparisonView& view, int target)
{
    for (int c = 0; c < view.snapshot().columnCount(); ++c) {
        if (view.snapshot().targetAt(c) == target)
            return c;
    }
    return -1;
}

} // namespace

class CompareContinueChatTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("KURABE_KEYSTORE", "file"); }

    void answerContinuesInANewChat()
    {
        KURABE_REQUIRE_DATA(models);
        const QString model = models + QStringLiteral("/real/stories260K.gguf");
        QTemporaryDir dir;
        MockProviderServer server;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        QVERIFY(test::add_and_inspect(*context, model));
        MockResponse list;
        list.content_type = "application/json";
        list.body = R"({"object":"list","data":[{"id":"tiny"}]})";
        server.enqueue(list);
        QVERIFY(context->providers().add(mock_provider(server)));
        QVERIFY(
            QTest::qWaitFor([&] { return !context->remoteModels().models().empty(); }, kWaitMs));

        QSettings settings(dir.filePath(QStringLiteral("window.ini")), QSettings::IniFormat);
        ui::MainWindow window(settings, *context);
        window.show();
        window.show_page(ui::MainWindow::Compare);
        auto* page = qobject_cast<ui::ComparePage*>(window.page_widget(ui::MainWindow::Compare));
        auto* chat = qobject_cast<ui::ChatPage*>(window.page_widget(ui::MainWindow::Chats));
        QVERIFY(page && chat);
        ui::NewComparisonPanel& panel = *page->newPanel();
        QVERIFY(add_target(panel, QStringLiteral("stories260K.gguf"), QStringLiteral("greedy")));
        QVERIFY(add_target(panel, QStringLiteral("mock · tiny"), QStringLiteral("default")));
        panel.systemEdit()->setText(QStringLiteral("You tell short stories."));
        panel.promptEdit()->setPlainText(QStringLiteral("Once upon a time"));
        panel.maxTokens()->setValue(12);
        MockResponse answer;
        answer.body = test::kOpenAiStream;
        answer.chunk_delay_ms = 60;
        server.enqueue(answer);

        ui::ComparisonView& view = *page->view();
        QSignalSpy finished(&view, &ui::ComparisonView::runFinished);
        QVERIFY(page->runNew());
        // Nothing to continue with before the answers are in.
        QVERIFY(!view.continueButton(0)->isEnabled());
        QVERIFY(!view.continueButton(1)->isEnabled());
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY(view.continueButton(0)->isEnabled());
        QVERIFY(view.continueButton(1)->isEnabled());
        const QString local_answer = view.snapshot().text(0, 0);
        const QString remote_answer = view.snapshot().text(0, 1);
        QVERIFY(!local_answer.isEmpty());
        QCOMPARE(remote_answer, QStringLiteral("Hello, world"));

        // Blind: the names are hidden, so the buttons are too, until the vote.
        view.blindBox()->setChecked(true);
        QVERIFY(!view.continueButton(0)->isEnabled());
        QVERIFY(!view.continueButton(1)->isEnabled());
        QVERIFY(view.vote(0, 1, storage::PairOutcome::Tie));
        QVERIFY(view.continueButton(0)->isEnabled());
        QVERIFY(view.continueButton(1)->isEnabled());

        // The local answer: a conversation with exactly the system prompt, prompt and answer.
        QTest::mouseClick(view.continueButton(column_of(view, 0)), Qt::LeftButton);
        QCOMPARE(window.current_page(), ui::MainWindow::Chats);
        const auto conversations =
            context->conversations().list(storage::ConversationListQuery{}).value();
        QCOMPARE(conversations.size(), size_t{1});
        const storage::Conversation& made = conversations.front();
        QCOMPARE(made.title, QStringLiteral("Once upon a time"));
        QCOMPARE(made.system_prompt, QStringLiteral("You tell short stories."));
        QCOMPARE(made.default_sampling.value(QStringLiteral("temperature")).toDouble(), 0.0);
        const auto messages = context->conversations().active_path(made.id).value();
        QCOMPARE(messages.size(), size_t{2});
        QCOMPARE(messages[0].role, storage::MessageRole::User);
        QCOMPARE(messages[0].content, QStringLiteral("Once upon a time"));
        QCOMPARE(messages[1].role, storage::MessageRole::Assistant);
        QCOMPARE(messages[1].content, local_answer);
        QCOMPARE(messages[1].parent_id, std::optional<qint64>(messages[0].id));
        QCOMPARE(messages[1].target.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("local"));
        QCOMPARE(messages[1].target.value(QStringLiteral("path")).toString(), model);
        QVERIFY(messages[1].metrics.tokens_out.value_or(0) > 0);
        QCOMPARE(messages[1].metrics.finish_reason.isEmpty(), false);

        // The chat page shows it, with stories260K chosen in its model picker.
        QCOMPARE(context->chat().conversationId(), made.id);
        QCOMPARE(chat->messageModel()->rowCount(), 2);
        QCOMPARE(chat->messageModel()->data(chat->messageModel()->index(1),
                                            ui::MessageListModel::ContentRole),
                 QVariant(local_answer));
        QCOMPARE(context->chosenModel(), model);

        // The remote answer: its provider's model is recorded and chosen.
        window.show_page(ui::MainWindow::Compare);
        QTest::mouseClick(view.continueButton(column_of(view, 1)), Qt::LeftButton);
        QCOMPARE(window.current_page(), ui::MainWindow::Chats);
        const qint64 second = context->chat().conversationId();
        QVERIFY(second != made.id);
        const auto remote_messages = context->conversations().active_path(second).value();
        QCOMPARE(remote_messages.size(), size_t{2});
        QCOMPARE(remote_messages[1].content, remote_answer);
        QCOMPARE(remote_messages[1].target,
                 QJsonObject({{QStringLiteral("kind"), QStringLiteral("remote")},
                              {QStringLiteral("provider"), QStringLiteral("mock")},
                              {QStringLiteral("model"), QStringLiteral("tiny")}}));
        QCOMPARE(chat->messageModel()->rowCount(), 2);
        QCOMPARE(context->chosenModel(),
                 app::remoteModelKey(QStringLiteral("mock"), QStringLiteral("tiny")));
    }
};

QTEST_MAIN(CompareContinueChatTest)
#include "compare_continue_chat_test.moc"
