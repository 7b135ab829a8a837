#include "ui/chat/conversation_panel.h"

#include "ui/chat/conversation_list_model.h"
#include "ui/chat/search_results_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace kurabe::ui {

namespace {

constexpr int kUndoMilliseconds = 8000;
constexpr int kSearchDelayMilliseconds = 200; // typing pauses before searching

} // namespace

ConversationPanel::ConversationPanel(storage::ConversationStore& store,
                                     storage::SearchIndex& search, QWidget* parent)
    : QWidget(parent), store_(store)
{
    list_model_ = new ConversationListModel(store, 1000, this);
    search_model_ = new SearchResultsModel(search, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* new_chat = new QPushButton(tr("New chat"), this);
    new_chat->setObjectName(QStringLiteral("new-chat"));
    search_box_ = new QLineEdit(this);
    search_box_->setObjectName(QStringLiteral("chat-search"));
    search_box_->setPlaceholderText(tr("Search all messages"));
    search_box_->setClearButtonEnabled(true);

    show_archived_ = new QCheckBox(tr("Show archived"), this);
    show_archived_->setObjectName(QStringLiteral("show-archived"));

    views_ = new QStackedWidget(this);
    list_view_ = new QListView(views_);
    list_view_->setObjectName(QStringLiteral("conversation-list"));
    list_view_->setModel(list_model_);
    list_view_->setEditTriggers(QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::SelectedClicked);
    list_view_->setContextMenuPolicy(Qt::CustomContextMenu);
    results_view_ = new QListView(views_);
    results_view_->setObjectName(QStringLiteral("search-results"));
    results_view_->setModel(search_model_);
    results_view_->setItemDelegate(new SnippetDelegate(results_view_));
    results_view_->setWordWrap(true);
    views_->addWidget(list_view_);
    views_->addWidget(results_view_);

    undo_bar_ = new QWidget(this);
    undo_bar_->setObjectName(QStringLiteral("undo-bar"));
    auto* undo_layout = new QHBoxLayout(undo_bar_);
    undo_layout->setContentsMargins(0, 0, 0, 0);
    undo_label_ = new QLabel(undo_bar_);
    auto* undo_button = new QPushButton(tr("Undo"), undo_bar_);
    undo_button->setObjectName(QStringLiteral("undo-delete"));
    undo_layout->addWidget(undo_label_, 1);
    undo_layout->addWidget(undo_button);
    undo_bar_->hide();
    undo_timer_ = new QTimer(this);
    undo_timer_->setSingleShot(true);
    undo_timer_->setInterval(kUndoMilliseconds);

    layout->addWidget(new_chat);
    layout->addWidget(search_box_);
    layout->addWidget(show_archived_);
    layout->addWidget(views_, 1);
    layout->addWidget(undo_bar_);

    auto* search_timer = new QTimer(this);
    search_timer->setSingleShot(true);
    search_timer->setInterval(kSearchDelayMilliseconds);
    connect(search_box_, &QLineEdit::textChanged, search_timer, qOverload<>(&QTimer::start));
    connect(search_timer, &QTimer::timeout, this, &ConversationPanel::runSearch);
    connect(new_chat, &QPushButton::clicked, this, &ConversationPanel::newConversationRequested);
    connect(list_view_, &QListView::clicked, this, [this](const QModelIndex& index) {
        emit conversationActivated(index.data(ConversationListModel::IdRole).toLongLong());
    });
    connect(list_view_, &QListView::activated, this, [this](const QModelIndex& index) {
        emit conversationActivated(index.data(ConversationListModel::IdRole).toLongLong());
    });
    connect(results_view_, &QListView::clicked, this, [this](const QModelIndex& index) {
        emit messageActivated(index.data(SearchResultsModel::ConversationIdRole).toLongLong(),
                              index.data(SearchResultsModel::MessageIdRole).toLongLong());
    });
    connect(list_view_, &QListView::customContextMenuRequested, this,
            &ConversationPanel::showContextMenu);
    connect(show_archived_, &QCheckBox::toggled, this, [this](bool archived) {
        list_model_->setFilter(archived ? storage::ArchiveFilter::ArchivedOnly
                                        : storage::ArchiveFilter::NotArchived);
    });
    connect(undo_button, &QPushButton::clicked, this, &ConversationPanel::undoDelete);
    connect(undo_timer_, &QTimer::timeout, this, &ConversationPanel::commitDeletes);
    connect(list_model_, &ConversationListModel::storageError, this,
            &ConversationPanel::storageError);
    // A reload (a new message moves its conversation up) keeps the open one selected.
    connect(list_model_, &QAbstractItemModel::modelReset, this, [this] { setCurrent(current_); });

    if (storage::StorageResult<void> r = list_model_->reload(); !r)
        QTimer::singleShot(0, this, [this, m = r.message()] { emit storageError(m); });
}

ConversationPanel::~ConversationPanel()
{
    commitDeletes();
}

void ConversationPanel::setCurrent(qint64 id)
{
    current_ = id;
    const int row = list_model_->rowOf(id);
    if (row >= 0)
        list_view_->setCurrentIndex(list_model_->index(row));
    else
        list_view_->clearSelection();
}

void ConversationPanel::deleteConversation(qint64 id)
{
    pending_deletes_.insert(id);
    list_model_->setHidden(pending_deletes_);
    undo_label_->setText(
        pending_deletes_.size() == 1
            ? tr("Conversation deleted.")
            : tr("%n conversations deleted.", nullptr, static_cast<int>(pending_deletes_.size())));
    undo_bar_->show();
    undo_timer_->start();
}

void ConversationPanel::undoDelete()
{
    undo_timer_->stop();
    pending_deletes_.clear();
    list_model_->setHidden({});
    undo_bar_->hide();
}

void ConversationPanel::commitDeletes()
{
    undo_timer_->stop();
    undo_bar_->hide();
    const QSet<qint64> ids = std::exchange(pending_deletes_, {});
    for (const qint64 id : ids) {
        if (storage::StorageResult<void> r = store_.remove(id); !r)
            emit storageError(r.message());
    }
    list_model_->setHidden({});
}

void ConversationPanel::setUndoMilliseconds(int ms)
{
    undo_timer_->setInterval(ms);
}

void ConversationPanel::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = list_view_->indexAt(pos);
    if (!index.isValid())
        return;
    const qint64 id = index.data(ConversationListModel::IdRole).toLongLong();
    const bool pinned = index.data(ConversationListModel::PinnedRole).toBool();
    QMenu menu(this);
    menu.addAction(tr("Rename"), this, [this, index] { list_view_->edit(index); });
    menu.addAction(pinned ? tr("Unpin") : tr("Pin"), this, [this, id, pinned] {
        if (storage::StorageResult<void> r = store_.set_pinned(id, !pinned); !r)
            emit storageError(r.message());
    });
    const bool archived = index.data(ConversationListModel::ArchivedRole).toBool();
    menu.addAction(archived ? tr("Unarchive") : tr("Archive"), this, [this, id, archived] {
        if (storage::StorageResult<void> r = store_.set_archived(id, !archived); !r)
            emit storageError(r.message());
    });
    menu.addAction(tr("Delete"), this, [this, id] { deleteConversation(id); });
    menu.exec(list_view_->viewport()->mapToGlobal(pos));
}

void ConversationPanel::runSearch()
{
    const QString text = search_box_->text();
    if (storage::StorageResult<void> r = search_model_->search(text); !r)
        emit storageError(r.message());
    views_->setCurrentWidget(text.trimmed().isEmpty() ? list_view_ : results_view_);
}

} // namespace kurabe::ui
