// The Chat workspace: conversations on the left (ConversationPanel), the open conversation's
// messages (a model-based view, Markdown rendered), the input box (Enter sends, Shift+Enter a
// new line), Stop while an answer streams, Regenerate / Edit (both make branches) with
// "< 2/3 >" navigation, Copy, the model picker with its load state, the context meter and the
// system prompt and sampling panel. With no model in the library it shows the welcome state.
#pragma once

#include "app/app_context.h"

#include <QWidget>

class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace kurabe::ui {

class ConversationPanel;
class MessageDelegate;
class MessageListModel;
class ModelPicker;
class SamplingPanel;
class WelcomePage;

class ChatPage : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPage(app::AppContext& context, QWidget* parent = nullptr);

    // Opens conversation `id` (its sampling and system prompt too).
    void openConversation(qint64 id);
    void newConversation();
    // Sends the input box's text (or, while editing, resends the edited message).
    void send();
    void stop();
    void regenerate(qint64 assistant_message_id);
    // Puts the user message in the input box; the next send() makes it a new branch.
    void beginEdit(qint64 user_message_id);
    // Shows the previous (-1) or next (+1) sibling of `message_id`.
    void showSibling(qint64 message_id, int step);
    // The message the action buttons act on: the selected one, else the last one.
    qint64 actedOnMessage() const;

    bool showsWelcome() const;
    ConversationPanel* conversationPanel() const { return panel_; }
    MessageListModel* messageModel() const { return messages_; }
    QListView* messageView() const { return view_; }
    QPlainTextEdit* input() const { return input_; }
    QPushButton* sendButton() const { return send_; }
    QPushButton* stopButton() const { return stop_; }
    ModelPicker* modelPicker() const { return picker_; }
    SamplingPanel* samplingPanel() const { return sampling_; }
    WelcomePage* welcomePage() const { return welcome_; }
    QLabel* noticeLabel() const { return notice_; }
    QLabel* contextMeter() const { return context_meter_; }

signals:
    void catalogRequested();
    void addModelRequested();
    void providerRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildChatArea();
    void updateState();
    void updateContextMeter();
    void showNotice(const QString& text);
    void showMessageMenu(MessageDelegate* delegate, const QPoint& pos);
    void saveSampling();

    app::AppContext& context_;
    ConversationPanel* panel_;
    MessageListModel* messages_;
    QStackedWidget* right_;
    WelcomePage* welcome_;
    QWidget* chat_area_;
    QListView* view_ = nullptr;
    QPlainTextEdit* input_ = nullptr;
    QPushButton* send_ = nullptr;
    QPushButton* stop_ = nullptr;
    QPushButton* copy_ = nullptr;
    QPushButton* edit_ = nullptr;
    QPushButton* regenerate_ = nullptr;
    QPushButton* previous_ = nullptr;
    QPushButton* next_ = nullptr;
    ModelPicker* picker_ = nullptr;
    QLabel* context_meter_ = nullptr;
    QLabel* notice_ = nullptr;
    SamplingPanel* sampling_ = nullptr;
    qint64 editing_ = 0; // the user message being edited, 0 when none
    bool has_models_ = false;
    bool follow_bottom_ = true; // keep the last message in view as the list grows
};

} // namespace kurabe::ui
