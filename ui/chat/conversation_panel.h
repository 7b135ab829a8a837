// The left column of the Chat page: "New chat", the search box (hits with highlighted
// snippets replace the list while it has text) and the conversation list (pinned first, then
// recent; or the archived ones) with rename, pin, archive and delete. A deleted conversation
// disappears at once; an "Undo" bar keeps it for a few seconds before it is removed from the
// database.
#pragma once

#include "storage/search/search_index.h"
#include "storage/stores/conversation_store.h"

#include <QSet>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QStackedWidget;
class QTimer;

namespace kurabe::ui {

class ConversationListModel;
class SearchResultsModel;

class ConversationPanel : public QWidget
{
    Q_OBJECT
public:
    ConversationPanel(storage::ConversationStore& store, storage::SearchIndex& search,
                      QWidget* parent = nullptr);
    ~ConversationPanel() override; // deletions waiting for their undo time happen now

    ConversationListModel* listModel() const { return list_model_; }
    SearchResultsModel* searchModel() const { return search_model_; }
    QListView* listView() const { return list_view_; }
    QListView* resultsView() const { return results_view_; }

    // Marks `id` as the open conversation in the list.
    void setCurrent(qint64 id);
    // Hides the conversation and offers to undo for `undo_ms` milliseconds.
    void deleteConversation(qint64 id);
    void undoDelete();
    void commitDeletes();
    void setUndoMilliseconds(int ms);

signals:
    void conversationActivated(qint64 id);
    void messageActivated(qint64 conversation_id, qint64 message_id);
    void newConversationRequested();
    void storageError(const QString& message);

private:
    void showContextMenu(const QPoint& pos);
    void runSearch();

    storage::ConversationStore& store_;
    ConversationListModel* list_model_;
    SearchResultsModel* search_model_;
    QLineEdit* search_box_;
    QCheckBox* show_archived_;
    QStackedWidget* views_;
    QListView* list_view_;
    QListView* results_view_;
    QWidget* undo_bar_;
    QLabel* undo_label_;
    QTimer* undo_timer_;
    QSet<qint64> pending_deletes_;
    qint64 current_ = 0;
};

} // namespace kurabe::ui
