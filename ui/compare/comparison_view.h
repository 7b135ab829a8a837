// One opened comparison: a column per target with its answer to the chosen prompt streaming
// live (Markdown rendered), its rating (1–5) and comment; the metrics of that prompt with the
// best of each highlighted; for a prompt set, the matrix of prompts x targets (activating a
// cell shows that prompt). Cells are cancelled or run again from their context menu. A Charts
// tab beside the metrics shows each target's mean speed and time to first token; "Diff…"
// opens a word diff of two answers; "Continue in chat" on a finished answer asks for a chat
// conversation made from it (the page makes it).
// Blind mode names the columns "A, B, …" in a shuffled order (seeded, the seed kept in the
// profile's settings) until the prompt has a pair vote, then shows the names. Exports go
// through app/compare/comparison_export.h.
#pragma once

#include "compare/comparison_run.h"
#include "storage/stores/comparison_store.h"
#include "ui/compare/comparison_snapshot.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;
class QHBoxLayout;

namespace kurabe::storage {
class SettingsStore;
}

namespace kurabe::ui {

class AnswerColumn;
class AnswerDiffDialog;
class CellMetricsModel;
class MetricsChart;
class PromptMatrixModel;
class VoteBar;

class ComparisonView : public QWidget
{
    Q_OBJECT
public:
    // `store` and `settings` must outlive the view.
    ComparisonView(storage::ComparisonStore& store, storage::SettingsStore& settings,
                   QWidget* parent = nullptr);
    ~ComparisonView() override;

    // Shows the saved comparison `id`, ready to run what has not run yet. `environment` says
    // how to reach models (its checks: by prompt position). A run of the comparison shown
    // before is cancelled. False with storageError.
    bool open(qint64 id, app::RunEnvironment environment);
    void close(); // shows nothing; a run in progress is cancelled
    qint64 comparisonId() const { return snapshot_.comparison.info.id; }
    void start(); // runs every cell that has not run
    void cancelAll();
    bool isRunning() const;

    void setPrompt(int prompt);
    int prompt() const { return prompt_; }
    // Display column `column`: cancel it, or run it again (for the shown prompt).
    void cancelCell(int column);
    bool rerunCell(int column);
    // Display column `column`'s answer to the shown prompt: 1..5, or empty to clear.
    bool rate(int column, std::optional<int> rating);
    bool annotate(int column, const QString& note);

    void setBlind(bool blind);
    bool isBlind() const { return blind_; }
    // The shown prompt's answers in display columns `a` and `b` judged; stored as a pair vote
    // (which reveals the names in blind mode).
    bool vote(int a, int b, storage::PairOutcome outcome);
    // Writes the comparison (as saved now) to `path`, its format from the suffix.
    bool exportTo(const QString& path, QString* error);
    // A window with the word diff of two of the shown prompt's answers (the first two columns
    // to begin with); closed, it deletes itself.
    AnswerDiffDialog* showDiff();

    const ComparisonSnapshot& snapshot() const { return snapshot_; }
    CellMetricsModel* metricsModel() const { return metrics_; }
    PromptMatrixModel* matrixModel() const { return matrix_; }
    MetricsChart* metricsChart() const { return chart_; }
    QTextBrowser* answerView(int column) const;
    QPushButton* continueButton(int column) const;
    QString headerText(int column) const;
    QCheckBox* blindBox() const { return blind_box_; }
    QPushButton* cancelAllButton() const { return cancel_all_; }

signals:
    void storageError(const QString& message);
    void runFinished();
    void leaderboardRequested();
    void message(const QString& text);
    // "Continue in chat" on prompt row `prompt`'s answer of target position `target`.
    void continueInChatRequested(int prompt, int target);

private:
    struct Column
    {
        AnswerColumn* widget = nullptr;
        bool dirty = false; // the run has more text than the column shows
    };
    bool reloadComparison(); // the snapshot's stored half, from the store
    void rebuildColumns();   // after open() / blind order changes
    void updateHeaders();    // names or letters, per the shown prompt's votes
    void refreshColumn(int column);
    void refreshJudging();
    void updateContinueButtons();          // finished and (in blind mode) revealed answers only
    void refreshDiff();                    // the open diff window gets the answers as they are now
    QStringList answers(int prompt) const; // by display column
    void flushText();
    void onCellState(int prompt, int target, app::CellState state);
    void onCellText(int prompt, int target);
    void showCellMenu(int column, const QPoint& global);
    void exportAs(const QString& suffix, const QString& filter);
    std::vector<int> blindOrder();
    bool promptVoted(int prompt) const;
    qint64 resultId(int column) const;

    storage::ComparisonStore& store_;
    storage::SettingsStore& settings_;
    ComparisonSnapshot snapshot_;
    std::unique_ptr<app::ComparisonRun> run_;
    int prompt_ = 0;
    bool blind_ = false;

    QLabel* title_ = nullptr;
    QComboBox* prompt_box_ = nullptr;
    QLabel* prompt_text_ = nullptr;
    QCheckBox* blind_box_ = nullptr;
    QPushButton* cancel_all_ = nullptr;
    QPushButton* run_button_ = nullptr;
    QWidget* columns_host_ = nullptr;
    QHBoxLayout* columns_layout_ = nullptr;
    std::vector<Column> columns_; // by display column
    VoteBar* vote_bar_ = nullptr;
    QTableView* metrics_view_ = nullptr;
    QTableView* matrix_view_ = nullptr;
    CellMetricsModel* metrics_ = nullptr;
    PromptMatrixModel* matrix_ = nullptr;
    MetricsChart* chart_ = nullptr;
    QTimer* text_timer_ = nullptr;
    QPointer<AnswerDiffDialog> diff_; // the last diff window opened, while it is open
    int diff_prompt_ = 0;             // the prompt it compares answers to
    bool diff_dirty_ = false;         // its prompt's answers streamed since it was refreshed
};

} // namespace kurabe::ui
