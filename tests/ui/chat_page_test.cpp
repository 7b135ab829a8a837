// The Chat page end to end on the real stories260K model, offscreen: the first-run welcome
// state, a greedy answer equal to the reference continuation, stop, regenerate and edit (both
// branches, "2/2"), search, delete with undo, and everything found again after a restart.
#include "chat_test_support.h"
#include "ui/chat/chat_page.h"
#include "ui/chat/conversation_list_model.h"
#include "ui/chat/conversation_panel.h"
#include "ui/chat/message_delegate.h"
#include "ui/chat/message_list_model.h"
#include "ui/chat/model_picker.h"
#include "ui/chat/sampling_panel.h"
#include "ui/chat/search_results_model.h"
#include "ui/main_window.h"
#include "ui/welcome_page.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace kurabe;
using ui::ChatPage;
using ui::MessageListModel;

namespace {

constexpr int kAnswerTimeoutMs = 120000;

// Waits until the page's chosen model is loaded (the send button enables).
bool wait_for_model(ChatPage& page)
{
    return QTest::qWaitFor([&] { return page.sendButton()->isEnabled(); }, 60000);
}

// Types `text` in the input box and presses Enter; waits for the answer to end.
bool send_and_wait(app::AppContext& context, ChatPage& page, const QString& text)
{
    QSignalSpy finished(&context.chat(), &app::ChatController::answerFinished);
    page.input()->setFocus();
    QTest::keyClicks(page.input(), text);
    QTest::keyClick(page.input(), Qt::Key_Return);
    return finished.wait(kAnswerTimeoutMs);
}

QString last_text(const MessageListModel& model)
{
    return model.index(model.rowCount() - 1).data(MessageListModel::ContentRole).toString();
}

} // namespace

class ChatPageTest : public QObject
{
    Q_OBJECT

    QString model_;
    QJsonObject reference_;

    void testModels(ChatPage& page, std::vector<std::unique_ptr<QAbstractItemModelTester>>& out)
    {
        const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
        out.push_back(std::make_unique<QAbstractItemModelTester>(page.messageModel(), mode));
        out.push_back(std::make_unique<QAbstractItemModelTester>(
            page.conversationPanel()->listModel(), mode));
        out.push_back(std::make_unique<QAbstractItemModelTester>(
            page.conversationPanel()->searchModel(), mode));
    }

private slots:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        model_ = models + QStringLiteral("/real/stories260K.gguf");
        reference_ = test::stories_reference();
        QCOMPARE(reference_.value(QStringLiteral("prompt")).toString(),
                 QStringLiteral("Once upon a time"));
    }

    void firstRunOffersTheWaysToGetAModel()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        QSettings settings(dir.path() + QStringLiteral("/window.ini"), QSettings::IniFormat);
        ui::MainWindow window(settings, *context);
        auto* page = qobject_cast<ChatPage*>(window.page_widget(ui::MainWindow::Chats));
        QVERIFY(page);
        QVERIFY(page->showsWelcome());

        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.show_page(ui::MainWindow::Chats);
        QTest::mouseClick(page->welcomePage()->findChild<QPushButton*>("welcome-catalog"),
                          Qt::LeftButton);
        QCOMPARE(window.current_page(), ui::MainWindow::Catalog);
        window.show_page(ui::MainWindow::Chats);
        QTest::mouseClick(page->welcomePage()->findChild<QPushButton*>("welcome-provider"),
                          Qt::LeftButton);
        QCOMPARE(window.current_page(), ui::MainWindow::Settings);

        // A model in the library replaces the welcome state with the chat.
        QVERIFY(test::add_and_inspect(*context, model_));
        QVERIFY(!page->showsWelcome());
        QCOMPARE(page->modelPicker()->comboBox()->count(), 1);
    }

    void chatStopRegenerateEditSearchAndRestart()
    {
        QTemporaryDir dir;
        const QString expected = reference_.value(QStringLiteral("greedy_text")).toString();
        const int n = static_cast<int>(reference_.value(QStringLiteral("greedy")).toArray().size());
        qint64 conversation = 0;
        {
            auto context = test::open_context(dir.path());
            QVERIFY(context);
            ChatPage page(*context);
            std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
            testModels(page, testers);
            page.resize(1000, 700);
            page.show();
            QVERIFY(test::add_and_inspect(*context, model_));
            QVERIFY(wait_for_model(page));

            // Greedy: exactly the reference continuation, streamed into the message view.
            page.samplingPanel()->temperatureBox()->setValue(0);
            page.samplingPanel()->maxTokensBox()->setValue(n);
            QVERIFY(send_and_wait(*context, page, QStringLiteral("Once upon a time")));
            MessageListModel& messages = *page.messageModel();
            QCOMPARE(messages.rowCount(), 2);
            QCOMPARE(last_text(messages), expected);
            QVERIFY(page.input()->toPlainText().isEmpty());
            const QString footer = messages.index(1).data(MessageListModel::FooterRole).toString();
            QVERIFY2(footer.contains(QStringLiteral("length")) &&
                         footer.contains(QStringLiteral("tok/s")),
                     qPrintable(footer));
            QVERIFY(page.contextMeter()->text().contains(QStringLiteral("/")));
            conversation = context->chat().conversationId();
            QCOMPARE(context->conversations().conversation(conversation)->title,
                     QStringLiteral("Once upon a time"));

            // Regenerate: a sibling answer, shown as 2/2; greedy says the same again.
            const qint64 first_answer =
                messages.index(1).data(MessageListModel::IdRole).toLongLong();
            QSignalSpy finished(&context->chat(), &app::ChatController::answerFinished);
            page.regenerate(first_answer);
            QVERIFY(finished.wait(kAnswerTimeoutMs));
            QCOMPARE(messages.index(1).data(MessageListModel::SiblingTextRole).toString(),
                     QStringLiteral("2/2"));
            QCOMPARE(last_text(messages), expected);
            page.showSibling(messages.index(1).data(MessageListModel::IdRole).toLongLong(), -1);
            QCOMPARE(messages.index(1).data(MessageListModel::IdRole).toLongLong(), first_answer);
            QCOMPARE(messages.index(1).data(MessageListModel::SiblingTextRole).toString(),
                     QStringLiteral("1/2"));

            // For the documentation: KURABE_SCREENSHOT_DIR=docs saves the page as it is now.
            if (const QString shots = qEnvironmentVariable("KURABE_SCREENSHOT_DIR");
                !shots.isEmpty()) {
                QTest::qWait(300);
                QVERIFY(page.grab().save(shots + QStringLiteral("/screenshot-chat.png")));
            }

            // Edit the question: a new branch of the user's message, answered.
            const qint64 question = messages.index(0).data(MessageListModel::IdRole).toLongLong();
            page.beginEdit(question);
            QCOMPARE(page.input()->toPlainText(), QStringLiteral("Once upon a time"));
            page.input()->clear();
            page.samplingPanel()->maxTokensBox()->setValue(8);
            QVERIFY(send_and_wait(*context, page, QStringLiteral("Lily and Ben")));
            QCOMPARE(messages.rowCount(), 2);
            QCOMPARE(messages.index(0).data(MessageListModel::ContentRole).toString(),
                     QStringLiteral("Lily and Ben"));
            QCOMPARE(messages.index(0).data(MessageListModel::SiblingTextRole).toString(),
                     QStringLiteral("2/2"));
            QVERIFY(!last_text(messages).isEmpty());

            // Stop a long answer after its first text: it ends cancelled, keeping what it said.
            page.samplingPanel()->maxTokensBox()->setValue(400);
            page.samplingPanel()->temperatureBox()->setValue(0.8);
            QSignalSpy delta(&context->chat(), &app::ChatController::answerDelta);
            QSignalSpy stopped(&context->chat(), &app::ChatController::answerFinished);
            page.input()->setPlainText(QStringLiteral("Once upon a time"));
            page.send();
            QVERIFY(page.stopButton()->isEnabled());
            QVERIFY(delta.wait(kAnswerTimeoutMs));
            QTest::mouseClick(page.stopButton(), Qt::LeftButton);
            QVERIFY(stopped.wait(kAnswerTimeoutMs));
            const auto result = stopped.at(0).at(1).value<inference::GenerationResult>();
            QCOMPARE(result.finish, inference::FinishReason::Cancelled);
            QVERIFY(result.usage.output_tokens.value_or(400) < 400);
            QVERIFY(!last_text(messages).isEmpty());
            QVERIFY(!page.stopButton()->isEnabled());

            // Search finds the first answer and highlights the match.
            auto* search = page.conversationPanel()->findChild<QLineEdit*>("chat-search");
            QTest::keyClicks(search, QStringLiteral("little girl"));
            ui::SearchResultsModel* results = page.conversationPanel()->searchModel();
            QVERIFY(QTest::qWaitFor([&] { return results->rowCount() > 0; }, 5000));
            QCOMPARE(
                results->index(0).data(ui::SearchResultsModel::ConversationIdRole).toLongLong(),
                conversation);
            QVERIFY(results->index(0)
                        .data(ui::SearchResultsModel::HtmlRole)
                        .toString()
                        .contains(QStringLiteral("<span")));
        }

        // After a restart the conversation, its branches and texts are all there.
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ChatPage page(*context);
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        testModels(page, testers);
        ui::ConversationListModel* list = page.conversationPanel()->listModel();
        QCOMPARE(list->rowCount(), 1);
        QCOMPARE(list->idAt(0), conversation);
        QCOMPARE(list->index(0).data(Qt::DisplayRole).toString(),
                 QStringLiteral("Once upon a time"));
        page.openConversation(conversation);
        // Its sampling came back with it.
        QCOMPARE(page.samplingPanel()->maxTokensBox()->value(), 400);
        QCOMPARE(page.samplingPanel()->temperatureBox()->value(), 0.8);
        MessageListModel& messages = *page.messageModel();
        // The edited branch with the stopped answer below it: question, answer, question, answer.
        QCOMPARE(messages.rowCount(), 4);
        QCOMPARE(messages.index(0).data(MessageListModel::SiblingTextRole).toString(),
                 QStringLiteral("2/2"));
        page.showSibling(messages.index(0).data(MessageListModel::IdRole).toLongLong(), -1);
        QCOMPARE(messages.index(0).data(MessageListModel::ContentRole).toString(),
                 QStringLiteral("Once upon a time"));
        QCOMPARE(messages.index(1).data(MessageListModel::ContentRole).toString(), expected);

        // The search index came back too: the first answer is found and opens its conversation.
        auto* search = page.conversationPanel()->findChild<QLineEdit*>("chat-search");
        QTest::keyClicks(search, QStringLiteral("little girl"));
        ui::SearchResultsModel* results = page.conversationPanel()->searchModel();
        QVERIFY(QTest::qWaitFor([&] { return results->rowCount() > 0; }, 5000));
        QCOMPARE(results->index(0).data(ui::SearchResultsModel::ConversationIdRole).toLongLong(),
                 conversation);
        QTest::keyClicks(search, QStringLiteral(" nowhere to be found"));
        QVERIFY(QTest::qWaitFor([&] { return results->rowCount() == 0; }, 5000));
    }

    void outgrowingTheContextDropsOldTurnsWithANotice()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        QVERIFY(context->settings().set_integer(app::kContextLengthSetting, 64)); // tokens
        ChatPage page(*context);
        QVERIFY(test::add_and_inspect(*context, model_));
        QVERIFY(wait_for_model(page));
        page.samplingPanel()->temperatureBox()->setValue(0);
        page.samplingPanel()->maxTokensBox()->setValue(16);
        QSignalSpy trimmed(&context->chat(), &app::ChatController::contextTrimmed);
        const QString turn = QStringLiteral(
            "Once upon a time there was a little girl named Lily. She loved to play outside.");
        for (int i = 0; i < 3 && trimmed.isEmpty(); ++i)
            QVERIFY(send_and_wait(*context, page, turn));
        QVERIFY(!trimmed.isEmpty());
        QVERIFY(!page.noticeLabel()->isHidden());
        QVERIFY2(page.noticeLabel()->text().contains(QStringLiteral("left out")),
                 qPrintable(page.noticeLabel()->text()));
        QVERIFY(page.contextMeter()->text().endsWith(QStringLiteral("/ 64")));
    }

    void longConversationsAreOneModelRowPerMessage()
    {
        // 10,000 messages: the view is model-based, so opening and scrolling stay cheap.
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        storage::ConversationStore& store = context->conversations();
        const qint64 id = *store.create({QStringLiteral("long"), {}, {}, {}});
        std::optional<qint64> parent;
        constexpr int kMessages = 10000;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < kMessages; ++i) {
            storage::NewMessage m;
            m.role = i % 2 ? storage::MessageRole::Assistant : storage::MessageRole::User;
            m.content =
                QStringLiteral("Message **%1** with `code` and a [link](https://example.com).")
                    .arg(i);
            auto added = store.add_message(id, parent, m);
            QVERIFY2(added, qPrintable(added.message()));
            parent = *added;
        }
        const qint64 fill_ms = clock.restart();

        ChatPage page(*context);
        QAbstractItemModelTester tester(page.messageModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.openConversation(id);
        QCOMPARE(page.messageModel()->rowCount(), kMessages);
        const qint64 open_ms = clock.restart();
        page.messageView()->scrollToTop();
        QTest::qWait(20);
        page.messageView()->scrollToBottom();
        // Laid out in batches: the view keeps following the end until it is there.
        const QModelIndex last = page.messageModel()->index(kMessages - 1);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return page.messageView()->viewport()->rect().intersects(
                    page.messageView()->visualRect(last));
            },
            20000));
        qInfo("10,000 messages: stored in %lld ms, opened in %lld ms, scrolled in %lld ms",
              static_cast<long long>(fill_ms), static_cast<long long>(open_ms),
              static_cast<long long>(clock.elapsed()));
    }

    void markdownIsRenderedAndCodeBlocksCanBeCopied()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        storage::ConversationStore& store = context->conversations();
        const qint64 id = *store.create({QStringLiteral("code"), {}, {}, {}});
        storage::NewMessage m;
        m.content = QStringLiteral(
            "# Title\n\nSome *text* and ![remote](https://example.com/x.png)"
            "\n\n```cpp\nint x = 1;\nint y = 2;\n```\n\nSee [the docs](https://example.com/docs).");
        QVERIFY(store.add_message(id, std::nullopt, m));
        ChatPage page(*context);
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.openConversation(id);
        QListView* view = page.messageView();
        auto* delegate = qobject_cast<ui::MessageDelegate*>(view->itemDelegate());
        QVERIFY(delegate);
        const QModelIndex index = page.messageModel()->index(0);
        const QRect row = view->visualRect(index);
        QVERIFY(row.height() > 60); // a heading, a paragraph, two code lines and a paragraph
        QStringList found;
        for (int y = row.top(); y < row.bottom(); y += 2) {
            const QString code = delegate->codeBlockAt(index, row, QPoint(row.left() + 14, y));
            if (!code.isEmpty() && !found.contains(code))
                found << code;
        }
        QCOMPARE(found, QStringList{QStringLiteral("int x = 1;\nint y = 2;")});

        // A link opens only when clicked (here: the signal; the page would open the browser).
        delegate->disconnect(&page);
        QSignalSpy opened(delegate, &ui::MessageDelegate::linkActivated);
        QPoint link;
        for (int y = row.top(); y < row.bottom() && link.isNull(); y += 2) {
            for (int x = row.left(); x < row.right() && link.isNull(); x += 4) {
                if (!delegate->anchorAt(index, row, QPoint(x, y)).isEmpty())
                    link = QPoint(x, y);
            }
        }
        QVERIFY(!link.isNull());
        QCOMPARE(opened.size(), 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, link);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://example.com/docs")));
    }

    void conversationsCanBeRenamedArchivedAndDeletedWithUndo()
    {
        QTemporaryDir dir;
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        const qint64 a = *context->conversations().create({QStringLiteral("first"), {}, {}, {}});
        const qint64 b = *context->conversations().create({QStringLiteral("second"), {}, {}, {}});
        ChatPage page(*context);
        ui::ConversationPanel* panel = page.conversationPanel();
        QAbstractItemModelTester tester(panel->listModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel->listModel()->rowCount(), 2);

        panel->deleteConversation(a);
        QCOMPARE(panel->listModel()->rowCount(), 1);
        QCOMPARE(panel->listModel()->idAt(0), b);
        panel->undoDelete();
        QCOMPARE(panel->listModel()->rowCount(), 2);
        QVERIFY(context->conversations().conversation(a));

        panel->setUndoMilliseconds(50);
        panel->deleteConversation(a);
        QVERIFY(QTest::qWaitFor([&] { return !context->conversations().conversation(a); }, 5000));
        QCOMPARE(panel->listModel()->rowCount(), 1);

        // Rename in place.
        QVERIFY(
            panel->listModel()->setData(panel->listModel()->index(0), QStringLiteral("renamed")));
        QCOMPARE(context->conversations().conversation(b)->title, QStringLiteral("renamed"));

        // Archived conversations leave the list and are listed on their own.
        QVERIFY(context->conversations().set_archived(b, true));
        QCOMPARE(panel->listModel()->rowCount(), 0);
        panel->findChild<QCheckBox*>("show-archived")->setChecked(true);
        QCOMPARE(panel->listModel()->rowCount(), 1);
        QVERIFY(
            panel->listModel()->index(0).data(ui::ConversationListModel::ArchivedRole).toBool());
        panel->findChild<QCheckBox*>("show-archived")->setChecked(false);
        QVERIFY(context->conversations().set_archived(b, false));
        QCOMPARE(panel->listModel()->rowCount(), 1);

        // "New chat" empties the view and stores nothing until the first message.
        page.openConversation(b);
        QTest::mouseClick(panel->findChild<QPushButton*>("new-chat"), Qt::LeftButton);
        QCOMPARE(context->chat().conversationId(), qint64(0));
        QCOMPARE(page.messageModel()->rowCount(), 0);
        QCOMPARE(*context->conversations().count(storage::ArchiveFilter::All), qint64(1));
    }
};

QTEST_MAIN(ChatPageTest)
#include "chat_page_test.moc"
