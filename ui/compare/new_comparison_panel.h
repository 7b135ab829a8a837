// The "new comparison" area: 2 to 8 targets (local models from the library and the configured
// remote models, each with a sampling preset; the same model twice is allowed), a prompt with
// an optional system prompt — or a prompt list, one per line or imported from a CSV / JSONL /
// text file — and the options that make a run fair (one seed for all, one temperature, an
// answer length limit). Run asks the page to save and start it. The targets with the fair-run
// options can be saved as a named set (app/compare/target_set.h) and loaded again.
#pragma once

#include "compare/answer_checks.h"
#include "compare/prompt_set.h"
#include "storage/stores/comparison_types.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace kurabe::app {
class AppContext;
struct TargetSet;
struct TargetSpec;
} // namespace kurabe::app

namespace kurabe::ui {

class TargetListModel;

// A comparison ready to be saved: what the store takes, its tags, and the checks of each
// prompt (by position) for the run.
struct ComparisonDraft
{
    storage::NewComparison comparison;
    QStringList tags;
    std::vector<std::vector<app::AnswerCheck>> checks;
};

class NewComparisonPanel : public QWidget
{
    Q_OBJECT
public:
    // `context` must outlive the panel.
    explicit NewComparisonPanel(app::AppContext& context, QWidget* parent = nullptr);

    // The draft, or empty with `error` saying what is missing (too few targets, no prompt).
    std::optional<ComparisonDraft> draft(QString* error) const;

    // Adds the model chosen in the model list with the chosen preset; false at 8 targets.
    bool addChosenTarget();
    bool addTarget(const app::TargetSpec& spec);
    // Replaces the typed prompts with those of `path` (prompt_set.h); false with a message.
    bool importPrompts(const QString& path);
    // Fills the list of models again (library files and remote models).
    void reloadModels();

    // The chosen targets and fair-run options as a set named `name`.
    app::TargetSet targetSet(const QString& name) const;
    // Saves them under `name` (replacing a set of that name); false with a message.
    bool saveTargetSet(const QString& name);
    // Replaces the targets and fair-run options with those of the saved set `name`.
    bool loadTargetSet(const QString& name);
    bool removeTargetSet(const QString& name);
    // Fills the "Target set" list again from the profile's settings.
    void reloadTargetSets();

    TargetListModel* targets() const { return targets_; }
    QComboBox* modelCombo() const { return model_; }
    QComboBox* presetCombo() const { return preset_; }
    QPlainTextEdit* promptEdit() const { return prompt_; }
    QLineEdit* systemEdit() const { return system_; }
    QCheckBox* onePerLine() const { return one_per_line_; }
    QCheckBox* sameSeed() const { return same_seed_; }
    QSpinBox* seed() const { return seed_; }
    QSpinBox* maxTokens() const { return max_tokens_; }
    QLineEdit* tags() const { return tags_; }
    QPushButton* runButton() const { return run_; }
    QComboBox* targetSetCombo() const { return target_set_; }
    QCheckBox* sameTemperature() const { return same_temperature_; }
    QDoubleSpinBox* temperature() const { return temperature_; }

signals:
    void runRequested();
    void message(const QString& text); // for the status line

private:
    void updateRunButton();
    void askSaveTargetSet();
    void askRemoveTargetSet();

    app::AppContext& context_;
    TargetListModel* targets_ = nullptr;
    QComboBox* model_ = nullptr;
    QComboBox* preset_ = nullptr;
    QComboBox* target_set_ = nullptr;
    QPushButton* remove_set_ = nullptr;
    QListView* target_view_ = nullptr;
    QLineEdit* title_ = nullptr;
    QLineEdit* system_ = nullptr;
    QPlainTextEdit* prompt_ = nullptr;
    QCheckBox* one_per_line_ = nullptr;
    QLabel* imported_label_ = nullptr;
    QCheckBox* same_seed_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QCheckBox* same_temperature_ = nullptr;
    QDoubleSpinBox* temperature_ = nullptr;
    QSpinBox* max_tokens_ = nullptr;
    QLineEdit* tags_ = nullptr;
    QPushButton* run_ = nullptr;
    std::optional<std::vector<app::PromptEntry>> imported_; // set after an import
};

} // namespace kurabe::ui
