// The Chat page with a remote provider, offscreen, against the fake OpenAI-compatible server on
// 127.0.0.1: a provider added while the page is open has its models listed in the model picker
// (the key read from the encrypted key file), the answer streams and is saved with its remote
// target, tokens and cost, Stop ends a stalled stream keeping its text, and after a restart the
// conversation comes back with its remote model chosen again. A provider that cannot be listed
// is named in the picker.
#include "chat_test_support.h"
#include "inference/remote/api_key_store.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "ui/chat/chat_page.h"
#include "ui/chat/conversation_panel.h"
#include "ui/chat/message_list_model.h"
#include "ui/chat/model_picker.h"
#include "ui/chat/sampling_panel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace kurabe;
using test::MockProviderServer;
using test::MockResponse;
using ui::ChatPage;
using ui::MessageListModel;

namespace {

constexpr int kWaitMs = 30000;
const QString kKey = QStringLiteral("sk-ui-PLANTED-0123456789");

MockResponse model_list()
{
    MockResponse list;
    list.content_type = "application/json";
    list.body = R"({"object":"list","data":[{"id":"tiny"},{"id":"big"}]})";
    return list;
}

// The provider "mock" at the fake server: tiny costs $2 / $4 per million tokens in / out.
storage::NewProvider mock_provider(const MockProviderServer& server)
{
    storage::NewProvider provider;
    provider.kind = QStringLiteral("openai-compatible");
    provider.name = QStringLiteral("mock");
    provider.base_url = server.url(QStringLiteral("/v1")).toString();
    provider.options = QJsonObject{
        {QStringLiteral("preset"), QStringLiteral("custom")},
        {QStringLiteral("prices"),
         QJsonObject{{QStringLiteral("tiny"), QJsonObject{{QStringLiteral("input"), 2.0},
                                                          {QStringLiteral("output"), 4.0}}}}}};
    provider.keychain_ref = QStringLiteral("provider/mock");
    return provider;
}

bool store_key(const QString& data_dir)
{
    inference::remote::ApiKeyStore keys(
        inference::remote::ApiKeyStore::optionsFromEnvironment(data_dir));
    std::optional<QString> error;
    keys.writeKey(QStringLiteral("provider/mock"), kKey, [&](const QString& e) { error = e; });
    return QTest::qWaitFor([&] { return error.has_value(); }, kWaitMs) && error->isEmpty();
}

bool send_and_wait(app::AppContext& context, ChatPage& page, const QString& text)
{
    QSignalSpy finished(&context.chat(), &app::ChatController::answerFinished);
    page.input()->setPlainText(text);
    QTest::keyClick(page.input(), Qt::Key_Return);
    return finished.wait(kWaitMs);
}

} // namespace

class ChatRemoteTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // No keychain service in tests: keys go to the encrypted file.
        qputenv("KURABE_KEYSTORE", "file");
        qputenv("KURABE_SECRETS_PASSPHRASE", "chat remote test");
    }

    void remoteChatStreamsStopsAndIsSavedWithCost()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        QVERIFY(store_key(dir.path()));
        qint64 conversation = 0;
        {
            auto context = test::open_context(dir.path());
            QVERIFY(context);
            ChatPage page(*context);
            QAbstractItemModelTester messages_tester(
                page.messageModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            QAbstractItemModelTester picker_tester(
                page.modelPicker()->comboBox()->model(),
                QAbstractItemModelTester::FailureReportingMode::QtTest);
            page.resize(1000, 700);
            page.show();
            QVERIFY(page.showsWelcome()); // no model, no provider yet

            // A provider added now: its models join the picker (as the provider sorts them) and
            // the first is chosen; the user picks the other one.
            server.enqueue(model_list());
            QVERIFY(context->providers().add(mock_provider(server)));
            QComboBox* combo = page.modelPicker()->comboBox();
            QVERIFY(QTest::qWaitFor([&] { return combo->count() == 2; }, kWaitMs));
            QCOMPARE(combo->itemText(0), QStringLiteral("mock · big"));
            QCOMPARE(combo->itemText(1), QStringLiteral("mock · tiny"));
            QVERIFY(!page.showsWelcome());
            QCOMPARE(context->chosenModel(),
                     app::remoteModelKey(QStringLiteral("mock"), QStringLiteral("big")));
            QTest::keyClick(combo, Qt::Key_Down);
            QCOMPARE(context->chosenModel(),
                     app::remoteModelKey(QStringLiteral("mock"), QStringLiteral("tiny")));
            QVERIFY(QTest::qWaitFor([&] { return page.sendButton()->isEnabled(); }, kWaitMs));
            QCOMPARE(context->chat().backend()->target().value(QStringLiteral("model")).toString(),
                     QStringLiteral("tiny"));
            QCOMPARE(server.requests.size(), 1);
            QCOMPARE(server.requests[0].path, QByteArray("/v1/models"));
            QCOMPARE(server.requests[0].headers.value("authorization"), "Bearer " + kKey.toUtf8());
            QVERIFY2(page.findChild<QLabel*>("model-state")->text().contains("127.0.0.1"),
                     qPrintable(page.findChild<QLabel*>("model-state")->text()));

            // An answer streams in and is saved with its target, tokens and cost.
            MockResponse answer;
            answer.body = test::kOpenAiStream;
            server.enqueue(answer);
            page.samplingPanel()->maxTokensBox()->setValue(12);
            QVERIFY(send_and_wait(*context, page, QStringLiteral("Say hello")));
            MessageListModel& messages = *page.messageModel();
            QCOMPARE(messages.rowCount(), 2);
            QCOMPARE(messages.index(1).data(MessageListModel::ContentRole).toString(),
                     QStringLiteral("Hello, world"));
            QCOMPARE(server.requests.size(), 2);
            const QJsonObject body = QJsonDocument::fromJson(server.requests[1].body).object();
            QCOMPARE(server.requests[1].path, QByteArray("/v1/chat/completions"));
            QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("tiny"));
            QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 12);
            QCOMPARE(body.value(QStringLiteral("messages"))
                         .toArray()
                         .last()
                         .toObject()
                         .value(QStringLiteral("content"))
                         .toString(),
                     QStringLiteral("Say hello"));

            conversation = context->chat().conversationId();
            const qint64 answer_id = messages.index(1).data(MessageListModel::IdRole).toLongLong();
            const storage::Message saved = *context->conversations().message(answer_id);
            QCOMPARE(saved.target.value(QStringLiteral("kind")).toString(),
                     QStringLiteral("remote"));
            QCOMPARE(saved.target.value(QStringLiteral("provider")).toString(),
                     QStringLiteral("mock"));
            QCOMPARE(saved.target.value(QStringLiteral("model")).toString(),
                     QStringLiteral("tiny"));
            QCOMPARE(saved.metrics.tokens_in.value_or(-1), qint64(1000000));
            QCOMPARE(saved.metrics.tokens_out.value_or(-1), qint64(500000));
            QCOMPARE(saved.metrics.finish_reason, QStringLiteral("stop"));
            // 1M input tokens at $2/M plus 0.5M output tokens at $4/M.
            QVERIFY(saved.metrics.cost_usd.has_value());
            QCOMPARE(*saved.metrics.cost_usd, 4.0);
            const QString footer = messages.index(1).data(MessageListModel::FooterRole).toString();
            QVERIFY2(footer.contains(QStringLiteral("$4.0000")), qPrintable(footer));

            // A stream that stalls after its first words: Stop ends it, keeping them.
            const QByteArray first_event =
                "data: {\"id\":\"c2\",\"choices\":[{\"index\":0,\"delta\":"
                "{\"content\":\"Once upon\"}}]}\n\n";
            MockResponse stalled;
            stalled.body = first_event + "data: {\"id\":\"c2\",\"choices\":[{\"index\":0,\"delta\":"
                                         "{\"content\":\" a time\"}}]}\n\n";
            stalled.end = MockResponse::End::Stall;
            stalled.end_after = first_event.size();
            server.enqueue(stalled);
            QSignalSpy delta(&context->chat(), &app::ChatController::answerDelta);
            QSignalSpy stopped(&context->chat(), &app::ChatController::answerFinished);
            page.input()->setPlainText(QStringLiteral("Tell a story"));
            page.send();
            QVERIFY(delta.wait(kWaitMs));
            QVERIFY(page.stopButton()->isEnabled());
            QTest::mouseClick(page.stopButton(), Qt::LeftButton);
            QVERIFY(stopped.wait(kWaitMs));
            const auto result = stopped.at(0).at(1).value<inference::GenerationResult>();
            QCOMPARE(result.finish, inference::FinishReason::Cancelled);
            QCOMPARE(messages.rowCount(), 4);
            QCOMPARE(messages.index(3).data(MessageListModel::ContentRole).toString(),
                     QStringLiteral("Once upon"));
            const qint64 stopped_id = messages.index(3).data(MessageListModel::IdRole).toLongLong();
            QCOMPARE(context->conversations().message(stopped_id)->metrics.finish_reason,
                     QStringLiteral("cancelled"));
            QVERIFY(!page.stopButton()->isEnabled());
        }

        // After a restart the conversation chooses its remote model again, even before the
        // provider's list has arrived.
        server.enqueue(model_list());
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        ChatPage page(*context);
        page.openConversation(conversation);
        QCOMPARE(context->chosenModel(),
                 app::remoteModelKey(QStringLiteral("mock"), QStringLiteral("tiny")));
        QVERIFY(QTest::qWaitFor([&] { return page.sendButton()->isEnabled(); }, kWaitMs));
        QCOMPARE(page.messageModel()->rowCount(), 4);
        QComboBox* combo = page.modelPicker()->comboBox();
        QVERIFY(QTest::qWaitFor([&] { return combo->count() == 2; }, kWaitMs));
        QCOMPARE(combo->currentText(), QStringLiteral("mock · tiny"));
        const QString footer =
            page.messageModel()->index(1).data(MessageListModel::FooterRole).toString();
        QVERIFY2(footer.contains(QStringLiteral("$4.0000")), qPrintable(footer));
    }

    void providerThatCannotBeListedIsNamed()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        QVERIFY(store_key(dir.path()));
        MockResponse refused;
        refused.status = 401;
        refused.content_type = "application/json";
        refused.body = R"({"error":{"message":"bad key","code":"invalid_api_key"}})";
        server.enqueue(refused);
        auto context = test::open_context(dir.path());
        QVERIFY(context);
        QVERIFY(context->providers().add(mock_provider(server)));
        QVERIFY(
            QTest::qWaitFor([&] { return !context->remoteModels().errors().isEmpty(); }, kWaitMs));
        ChatPage page(*context);
        QCOMPARE(page.modelPicker()->comboBox()->count(), 0);
        const QString tip = page.modelPicker()->comboBox()->toolTip();
        QVERIFY2(tip.contains(QStringLiteral("mock:")), qPrintable(tip));
        // The key never appears in what the user is shown.
        QVERIFY(!tip.contains(kKey));

        // A provider whose key is gone cannot answer; choosing it says so.
        QVERIFY(context->providers().add([&] {
            storage::NewProvider p = mock_provider(server);
            p.name = QStringLiteral("keyless");
            p.keychain_ref = QStringLiteral("provider/keyless");
            return p;
        }()));
        QSignalSpy finished(context.get(), &app::AppContext::modelLoadFinished);
        context->chooseRemoteModel(QStringLiteral("keyless"), QStringLiteral("tiny"));
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY2(finished.at(0).at(2).toString().contains(QStringLiteral("key")),
                 qPrintable(finished.at(0).at(2).toString()));
        QVERIFY(!page.sendButton()->isEnabled());
    }
};

QTEST_MAIN(ChatRemoteTest)
#include "chat_remote_test.moc"
