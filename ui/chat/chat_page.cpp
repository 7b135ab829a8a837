#include "ui/chat/chat_page.h"

#include "ui/chat/conversation_list_model.h"
#include "ui/chat/conversation_panel.h"
#include "ui/chat/message_delegate.h"
#include "ui/chat/message_list_model.h"
#include "ui/chat/model_picker.h"
#include "ui/chat/sampling_panel.h"
#include "ui/welcome_page.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kurabe::ui {

namespace {

// The message list: relaid out when a streaming answer grows, since rows have the height of
// their rendered text.
class MessageView : public QListView
{
public:
    using QListView::QListView;
    void relayout() { scheduleDelayedItemsLayout(); }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QListView::resizeEvent(event);
        relayout();
    }
};

QPushButton* tool_button(const QString& text, const char* name, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    return button;
}

} // namespace

ChatPage::ChatPage(app::AppContext& context, QWidget* parent) : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("chat-page"));
    panel_ = new ConversationPanel(context.conversations(), context.search(), this);
    messages_ = new MessageListModel(context.conversations(), this);
    right_ = new QStackedWidget(this);
    welcome_ = new WelcomePage(right_);
    chat_area_ = buildChatArea();
    right_->addWidget(chat_area_);
    right_->addWidget(welcome_);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(panel_);
    splitter->addWidget(right_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 900});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(welcome_, &WelcomePage::browseCatalogRequested, this, &ChatPage::catalogRequested);
    connect(welcome_, &WelcomePage::addModelFileRequested, this, &ChatPage::addModelRequested);
    connect(welcome_, &WelcomePage::connectProviderRequested, this, &ChatPage::providerRequested);
    connect(panel_, &ConversationPanel::conversationActivated, this, &ChatPage::openConversation);
    connect(panel_, &ConversationPanel::messageActivated, this,
            [this](qint64 conversation, qint64 message) {
                openConversation(conversation);
                if (const int row = messages_->rowOf(message); row >= 0)
                    view_->scrollTo(messages_->index(row));
            });
    connect(panel_, &ConversationPanel::newConversationRequested, this, &ChatPage::newConversation);
    connect(panel_, &ConversationPanel::storageError, this, &ChatPage::showNotice);

    app::ChatController& chat = context_.chat();
    connect(&chat, &app::ChatController::answerStarted, this,
            [this](qint64 conversation, qint64 message) {
                if (messages_->conversation() != conversation)
                    static_cast<void>(messages_->setConversation(conversation));
                else
                    static_cast<void>(messages_->reload());
                panel_->setCurrent(conversation);
                messages_->setStreaming(message);
                view_->scrollToBottom();
                updateState();
            });
    connect(&chat, &app::ChatController::answerDelta, this,
            [this](qint64 message, const QString& text) {
                messages_->appendText(message, text);
                static_cast<MessageView*>(view_)->relayout();
            });
    connect(&chat, &app::ChatController::answerFinished, this,
            [this](qint64, const inference::GenerationResult& result) {
                messages_->setStreaming(0);
                static_cast<void>(messages_->reload());
                // Saved on the writer's connection: the list learns of it here.
                if (storage::StorageResult<void> r = panel_->listModel()->reload(); !r)
                    showNotice(r.message());
                view_->scrollToBottom();
                if (result.finish == inference::FinishReason::Error)
                    showNotice(tr("The answer failed: %1").arg(result.error_message));
                updateState();
                updateContextMeter();
            });
    connect(&chat, &app::ChatController::contextTrimmed, this, [this](qint64, int dropped) {
        showNotice(tr("This conversation is longer than the model's context: the %n oldest "
                      "message(s) were left out of this answer (the system prompt is kept).",
                      nullptr, dropped));
    });
    connect(&chat, &app::ChatController::storageError, this, &ChatPage::showNotice);

    connect(&context_, &app::AppContext::modelLoadStarted, this, &ChatPage::updateState);
    connect(picker_, &ModelPicker::modelReady, this, [this](bool ok, const QString& error) {
        if (!ok)
            showNotice(tr("The model could not be loaded: %1").arg(error));
        updateState();
        updateContextMeter();
    });
    connect(picker_, &ModelPicker::libraryChanged, this, [this](bool has_models) {
        has_models_ = has_models;
        // An open conversation stays readable without a model; otherwise the welcome state
        // says how to get one.
        right_->setCurrentWidget(has_models_ || context_.chat().conversationId() != 0
                                     ? chat_area_
                                     : static_cast<QWidget*>(welcome_));
    });
    connect(picker_, &ModelPicker::storageError, this, &ChatPage::showNotice);

    picker_->reload();
    updateState();
}

QWidget* ChatPage::buildChatArea()
{
    auto* area = new QWidget(right_);
    auto* layout = new QVBoxLayout(area);

    auto* top = new QHBoxLayout;
    picker_ = new ModelPicker(context_, area);
    context_meter_ = new QLabel(area);
    context_meter_->setObjectName(QStringLiteral("context-meter"));
    auto* settings_toggle = tool_button(tr("Parameters"), "toggle-parameters", area);
    settings_toggle->setCheckable(true);
    top->addWidget(picker_, 1);
    top->addWidget(context_meter_);
    top->addWidget(settings_toggle);
    layout->addLayout(top);

    notice_ = new QLabel(area);
    notice_->setObjectName(QStringLiteral("chat-notice"));
    notice_->setWordWrap(true);
    notice_->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #3b2f00; "
                                          "padding: 6px; border-radius: 4px; }"));
    notice_->hide();
    layout->addWidget(notice_);

    auto* middle = new QHBoxLayout;
    auto* view = new MessageView(area);
    view_ = view;
    view_->setObjectName(QStringLiteral("message-view"));
    view_->setModel(messages_);
    auto* delegate = new MessageDelegate(view_);
    view_->setItemDelegate(delegate);
    view_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view_->setResizeMode(QListView::Adjust);
    view_->setLayoutMode(QListView::Batched); // long conversations lay out in steps
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setWordWrap(true);
    // The view follows the end of the conversation (a streaming answer, a long conversation
    // still being laid out in batches) until the user scrolls away from it.
    QScrollBar* bar = view_->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar] {
        if (follow_bottom_)
            bar->setValue(bar->maximum());
    });
    connect(bar, &QScrollBar::valueChanged, this,
            [this, bar](int value) { follow_bottom_ = value >= bar->maximum() - 4; });
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QListView::customContextMenuRequested, this,
            [this, delegate](const QPoint& pos) { showMessageMenu(delegate, pos); });
    connect(delegate, &MessageDelegate::linkActivated, this,
            [](const QUrl& url) { QDesktopServices::openUrl(url); });
    sampling_ = new SamplingPanel(area);
    sampling_->setVisible(false);
    sampling_->setMaximumWidth(320);
    middle->addWidget(view_, 1);
    middle->addWidget(sampling_);
    layout->addLayout(middle, 1);
    connect(settings_toggle, &QPushButton::toggled, sampling_, &QWidget::setVisible);

    auto* actions = new QHBoxLayout;
    copy_ = tool_button(tr("Copy"), "copy-message", area);
    edit_ = tool_button(tr("Edit"), "edit-message", area);
    regenerate_ = tool_button(tr("Regenerate"), "regenerate", area);
    previous_ = tool_button(QStringLiteral("‹"), "previous-sibling", area);
    next_ = tool_button(QStringLiteral("›"), "next-sibling", area);
    for (QPushButton* b : {copy_, edit_, regenerate_, previous_, next_})
        actions->addWidget(b);
    actions->addStretch(1);
    layout->addLayout(actions);

    auto* bottom = new QHBoxLayout;
    input_ = new QPlainTextEdit(area);
    input_->setObjectName(QStringLiteral("chat-input"));
    input_->setPlaceholderText(tr("Message (Enter sends, Shift+Enter starts a new line)"));
    input_->setMaximumHeight(120);
    input_->installEventFilter(this);
    send_ = tool_button(tr("Send"), "send", area);
    stop_ = tool_button(tr("Stop"), "stop", area);
    bottom->addWidget(input_, 1);
    bottom->addWidget(send_);
    bottom->addWidget(stop_);
    layout->addLayout(bottom);

    connect(send_, &QPushButton::clicked, this, &ChatPage::send);
    connect(stop_, &QPushButton::clicked, this, &ChatPage::stop);
    connect(copy_, &QPushButton::clicked, this, [this] {
        if (const int row = messages_->rowOf(actedOnMessage()); row >= 0)
            QGuiApplication::clipboard()->setText(messages_->message(row).content);
    });
    connect(edit_, &QPushButton::clicked, this, [this] { beginEdit(actedOnMessage()); });
    connect(regenerate_, &QPushButton::clicked, this, [this] { regenerate(actedOnMessage()); });
    connect(previous_, &QPushButton::clicked, this, [this] { showSibling(actedOnMessage(), -1); });
    connect(next_, &QPushButton::clicked, this, [this] { showSibling(actedOnMessage(), +1); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChatPage::updateState);
    connect(messages_, &QAbstractItemModel::modelReset, this, &ChatPage::updateState);
    connect(sampling_, &SamplingPanel::samplingChanged, this, &ChatPage::saveSampling);
    connect(sampling_, &SamplingPanel::systemPromptChanged, this, &ChatPage::saveSampling);
    return area;
}

bool ChatPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == input_ && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            !(key->modifiers() & Qt::ShiftModifier)) {
            send();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ChatPage::openConversation(qint64 id)
{
    app::ChatController& chat = context_.chat();
    if (chat.isAnswering() && chat.conversationId() != id)
        chat.stop();
    editing_ = 0;
    chat.openConversation(id);
    right_->setCurrentWidget(chat_area_);
    panel_->setCurrent(id);
    notice_->hide();
    if (storage::StorageResult<void> r = messages_->setConversation(id); !r)
        showNotice(r.message());
    if (storage::StorageResult<storage::Conversation> c = context_.conversations().conversation(id);
        c) {
        const inference::SamplingParams sampling =
            c->default_sampling.isEmpty()
                ? sampling_->sampling()
                : inference::SamplingParams::fromJson(c->default_sampling);
        sampling_->setValues(c->system_prompt, sampling);
        chat.setSampling(sampling_->sampling());
        // The conversation's model (local or remote), when it is listed and not the one chosen.
        picker_->chooseTarget(c->default_target);
    }
    view_->scrollToBottom();
    updateState();
    updateContextMeter();
}

void ChatPage::newConversation()
{
    // The conversation is stored with its first message, so "New chat" leaves no empty ones.
    app::ChatController& chat = context_.chat();
    if (chat.isAnswering())
        chat.stop();
    editing_ = 0;
    chat.openConversation(0);
    static_cast<void>(messages_->setConversation(0));
    panel_->setCurrent(0);
    right_->setCurrentWidget(has_models_ ? chat_area_ : static_cast<QWidget*>(welcome_));
    notice_->hide();
    updateState();
    updateContextMeter();
    input_->setFocus();
}

void ChatPage::send()
{
    const QString text = input_->toPlainText().trimmed();
    app::ChatController& chat = context_.chat();
    if (text.isEmpty() || chat.isAnswering())
        return;
    if (!chat.backend()) {
        showNotice(tr("Choose a model first (it loads in the background)."));
        return;
    }
    chat.setSampling(sampling_->sampling());
    if (chat.conversationId() == 0) {
        // The first message of a new conversation keeps the panel's system prompt.
        if (storage::StorageResult<qint64> id = chat.newConversation(sampling_->systemPrompt());
            !id) {
            showNotice(id.message());
            return;
        }
    }
    storage::StorageResult<qint64> answer =
        editing_ != 0 ? chat.editAndResend(editing_, text) : chat.send(text);
    if (!answer) {
        showNotice(answer.message());
        return;
    }
    editing_ = 0;
    input_->clear();
    notice_->hide();
}

void ChatPage::stop()
{
    context_.chat().stop();
}

void ChatPage::regenerate(qint64 assistant_message_id)
{
    context_.chat().setSampling(sampling_->sampling());
    if (storage::StorageResult<qint64> r = context_.chat().regenerate(assistant_message_id); !r)
        showNotice(r.message());
}

void ChatPage::beginEdit(qint64 user_message_id)
{
    const int row = messages_->rowOf(user_message_id);
    if (row < 0 || messages_->message(row).role != storage::MessageRole::User)
        return;
    editing_ = user_message_id;
    input_->setPlainText(messages_->message(row).content);
    input_->setFocus();
    showNotice(tr("Editing a message: sending makes a new branch; the old one stays (‹ ›)."));
}

void ChatPage::showSibling(qint64 message_id, int step)
{
    storage::ConversationStore& store = context_.conversations();
    storage::StorageResult<storage::MessageSiblings> siblings = store.siblings(message_id);
    if (!siblings)
        return showNotice(siblings.message());
    const int target = siblings->active_index + step;
    if (target < 0 || target >= static_cast<int>(siblings->ids.size()))
        return;
    if (storage::StorageResult<void> r =
            store.set_active(siblings->ids[static_cast<size_t>(target)]);
        !r)
        return showNotice(r.message());
    static_cast<void>(messages_->reload());
    const int row = messages_->rowOf(siblings->ids[static_cast<size_t>(target)]);
    if (row >= 0)
        view_->setCurrentIndex(messages_->index(row));
    updateContextMeter();
}

bool ChatPage::showsWelcome() const
{
    return right_->currentWidget() == welcome_;
}

qint64 ChatPage::actedOnMessage() const
{
    QModelIndex current = view_->currentIndex();
    if (!current.isValid() && messages_->rowCount() > 0)
        current = messages_->index(messages_->rowCount() - 1);
    return current.isValid() ? current.data(MessageListModel::IdRole).toLongLong() : 0;
}

void ChatPage::saveSampling()
{
    app::ChatController& chat = context_.chat();
    chat.setSampling(sampling_->sampling());
    const qint64 id = chat.conversationId();
    if (id == 0)
        return;
    storage::ConversationStore& store = context_.conversations();
    storage::StorageResult<storage::Conversation> c = store.conversation(id);
    if (!c)
        return showNotice(c.message());
    const QJsonObject target = chat.backend() ? chat.backend()->target() : c->default_target;
    if (storage::StorageResult<void> r = store.set_defaults(id, target, chat.sampling().toJson());
        !r)
        return showNotice(r.message());
    if (c->system_prompt != sampling_->systemPrompt()) {
        if (storage::StorageResult<void> r = store.set_system_prompt(id, sampling_->systemPrompt());
            !r)
            showNotice(r.message());
    }
}

void ChatPage::updateState()
{
    const app::ChatController& chat = context_.chat();
    const bool answering = chat.isAnswering();
    send_->setEnabled(!answering && chat.backend() != nullptr);
    stop_->setEnabled(answering);
    const int row = messages_->rowOf(actedOnMessage());
    const bool any = row >= 0;
    const bool user = any && messages_->message(row).role == storage::MessageRole::User;
    const bool assistant = any && messages_->message(row).role == storage::MessageRole::Assistant;
    const int siblings =
        any ? messages_->index(row).data(MessageListModel::SiblingCountRole).toInt() : 0;
    copy_->setEnabled(any);
    edit_->setEnabled(user && !answering);
    regenerate_->setEnabled(assistant && !answering && chat.backend() != nullptr);
    previous_->setEnabled(siblings > 1 && !answering);
    next_->setEnabled(siblings > 1 && !answering);
}

void ChatPage::updateContextMeter()
{
    int n_ctx = 0;
    if (auto* local = qobject_cast<inference::LocalBackend*>(context_.chat().backend()))
        n_ctx = local->info().n_ctx;
    // What the last answer saw and said is what the next question starts from.
    qint64 used = 0;
    for (int row = messages_->rowCount() - 1; row >= 0; --row) {
        const storage::MessageMetrics& m = messages_->message(row).metrics;
        if (m.tokens_in || m.tokens_out) {
            used = m.tokens_in.value_or(0) + m.tokens_out.value_or(0);
            break;
        }
    }
    context_meter_->setText(n_ctx > 0 ? tr("Context %1 / %2").arg(used).arg(n_ctx)
                                      : tr("Context %1").arg(used));
}

void ChatPage::showMessageMenu(MessageDelegate* delegate, const QPoint& pos)
{
    const QModelIndex index = view_->indexAt(pos);
    if (!index.isValid())
        return;
    view_->setCurrentIndex(index);
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
    const QString code = delegate->codeBlockAt(index, view_->visualRect(index), pos);
    QMenu menu(this);
    if (!code.isEmpty())
        menu.addAction(tr("Copy code"), this,
                       [code] { QGuiApplication::clipboard()->setText(code); });
    menu.addAction(copy_->text(), copy_, &QPushButton::click);
    if (edit_->isEnabled())
        menu.addAction(edit_->text(), this, [this, id] { beginEdit(id); });
    if (regenerate_->isEnabled())
        menu.addAction(regenerate_->text(), this, [this, id] { regenerate(id); });
    menu.exec(view_->viewport()->mapToGlobal(pos));
}

void ChatPage::showNotice(const QString& text)
{
    notice_->setText(text);
    notice_->setVisible(!text.isEmpty());
}

} // namespace kurabe::ui
