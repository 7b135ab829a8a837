// The Compare workspace: the saved comparisons on the left (open, duplicate, delete), and on the
// right either the "new comparison" form or the opened comparison's results. Running a new
// comparison saves it first, so it is found again after a restart.
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

    storage::ComparisonStore& store() { return *store_; }
    SavedComparisonsModel* savedModel() const { return saved_; }
    QListView* savedView() const { return saved_view_; }
    NewComparisonPanel* newPanel() const { return new_panel_; }
    ComparisonView* view() const { return view_; }
    QString statusText() const;

private:
    // How the run reaches models: the profile's local options and its providers (with keys).
    app::RunEnvironment environment() const;
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
