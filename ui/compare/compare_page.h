// The Compare workspace: the saved comparisons on the left (open, duplicate, delete), and on the
// right either the "new comparison" form or the opened comparison's results. Running a new
// comparison saves it first, so it is found again after a restart. "Continue in chat" on an
// answer makes a chat conversation of it (conversationCreated; the window opens it).
// Remote targets run with the configs the app's ProviderRegistry read off the UI thread; a
// provider that cannot be used is named in the status line.
#pragma once

#include "compare/comparison_run.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListView;
class QStackedWidget;

namespace kurabe::app {
class AppContext;
}
namespace kurabe::storage {
class ComparisonStore;
}

namespace kurabe::ui {

class ComparisonView;
class LeaderboardDialog;
class NewComparisonPanel;
class SavedComparisonsModel;

class ComparePage : public QWidget
{
    Q_OBJECT
public:
    // `context` must outlive the page.
    explicit ComparePage(app::AppContext& context, QWidget* parent = nullptr);
    ~ComparePage() override;

    // Saves the comparison drafted in the form and starts it; false with the reason shown.
    bool runNew();
    bool openComparison(qint64 id);
    // A copy with the same targets and prompts, opened (not started).
    bool duplicateComparison(qint64 id);
    bool removeComparison(qint64 id);
    void showNewForm();
    LeaderboardDialog* showLeaderboard();
    // A chat conversation from the open comparison's answer of target position `target` to
    // prompt row `prompt` (app/compare/chat_handoff.h); false with the reason shown.
    bool continueInChat(int prompt, int target);

    storage::ComparisonStore& store() { return *store_; }
    SavedComparisonsModel* savedModel() const { return saved_; }
    QListView* savedView() const { return saved_view_; }
    NewComparisonPanel* newPanel() const { return new_panel_; }
    ComparisonView* view() const { return view_; }
    QString statusText() const;

signals:
    void conversationCreated(qint64 conversation_id);

private:
    // How the run reaches models: the profile's local options and its providers (with keys).
    app::RunEnvironment environment() const;
    void showProviderErrors();
    // Starts the opened comparison now, or once the providers' configs have been read.
    void startWhenProvidersRead();
    void showMessage(const QString& text);

    app::AppContext& context_;
    std::unique_ptr<storage::ComparisonStore> store_; // on the UI thread's connection
    SavedComparisonsModel* saved_ = nullptr;
    QListView* saved_view_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    NewComparisonPanel* new_panel_ = nullptr;
    ComparisonView* view_ = nullptr;
    LeaderboardDialog* leaderboard_ = nullptr;
    QLabel* status_ = nullptr;
};

} // namespace kurabe::ui
