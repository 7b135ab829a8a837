#include "ui/compare/new_comparison_panel.h"

#include "app/app_context.h"
#include "compare/compare_target.h"
#include "compare/target_description.h"
#include "compare/target_set.h"
#include "ui/compare/target_list_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace kurabe::ui {

namespace {
constexpr int kDefaultMaxTokens = 256; // answers long enough to judge, short enough to wait for
constexpr int kMaxTokensLimit = 32768;
} // namespace

NewComparisonPanel::NewComparisonPanel(app::AppContext& context, QWidget* parent)
    : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("compare-new"));
    targets_ = new TargetListModel(this);

    model_ = new QComboBox(this);
    model_->setObjectName(QStringLiteral("compare-model"));
    model_->setMinimumContentsLength(24);
    model_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("compare-preset"));
    preset_->addItems(app::sampling_preset_names());
    preset_->setToolTip(tr("default: each backend's own; greedy: temperature 0; precise 0.2; "
                           "balanced 0.7; creative 1.0"));
    auto* add = new QPushButton(tr("Add target"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    target_view_ = new QListView(this);
    target_view_->setModel(targets_);
    target_view_->setMaximumHeight(120);
    target_set_ = new QComboBox(this);
    target_set_->setObjectName(QStringLiteral("compare-target-set"));
    target_set_->setPlaceholderText(tr("Choose a saved set"));
    target_set_->setMinimumContentsLength(16);
    target_set_->setToolTip(tr("Loads the targets, their presets and the fair-run options"));
    auto* save_set = new QPushButton(tr("Save set…"), this);
    save_set->setObjectName(QStringLiteral("compare-save-set"));
    save_set->setToolTip(tr("Saves these targets and fair-run options under a name"));
    remove_set_ = new QPushButton(tr("Delete set"), this);
    remove_set_->setObjectName(QStringLiteral("compare-delete-set"));

    title_ = new QLineEdit(this);
    title_->setPlaceholderText(tr("Title (default: the first prompt)"));
    system_ = new QLineEdit(this);
    system_->setPlaceholderText(tr("System prompt (optional)"));
    prompt_ = new QPlainTextEdit(this);
    prompt_->setObjectName(QStringLiteral("compare-prompt"));
    prompt_->setPlaceholderText(tr("Prompt"));
    prompt_->setMaximumHeight(110);
    one_per_line_ = new QCheckBox(tr("One prompt per line"), this);
    auto* import = new QPushButton(tr("Import prompts…"), this);
    import->setToolTip(tr("CSV with a \"prompt\" column, JSON Lines or plain text"));
    imported_label_ = new QLabel(this);

    same_seed_ = new QCheckBox(tr("Same seed for all"), this);
    same_seed_->setChecked(true);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setValue(42);
    same_temperature_ = new QCheckBox(tr("Same temperature"), this);
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setRange(0.0, 2.0);
    temperature_->setSingleStep(0.1);
    temperature_->setValue(0.7);
    temperature_->setEnabled(false);
    max_tokens_ = new QSpinBox(this);
    max_tokens_->setRange(1, kMaxTokensLimit);
    max_tokens_->setValue(kDefaultMaxTokens);
    tags_ = new QLineEdit(this);
    tags_->setPlaceholderText(tr("Tags, comma separated"));
    run_ = new QPushButton(tr("Run"), this);
    run_->setObjectName(QStringLiteral("compare-run"));
    run_->setDefault(true);

    auto* pick = new QHBoxLayout;
    pick->addWidget(model_, 1);
    pick->addWidget(preset_);
    pick->addWidget(add);
    pick->addWidget(remove);
    auto* sets = new QHBoxLayout;
    sets->addWidget(target_set_, 1);
    sets->addWidget(save_set);
    sets->addWidget(remove_set_);
    auto* prompts = new QHBoxLayout;
    prompts->addWidget(one_per_line_);
    prompts->addWidget(import);
    prompts->addWidget(imported_label_, 1);
    auto* fair = new QHBoxLayout;
    fair->addWidget(same_seed_);
    fair->addWidget(seed_);
    fair->addWidget(same_temperature_);
    fair->addWidget(temperature_);
    fair->addWidget(new QLabel(tr("Max tokens"), this));
    fair->addWidget(max_tokens_);
    fair->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Target set"), sets);
    form->addRow(tr("Targets"), pick);
    form->addRow(QString(), target_view_);
    form->addRow(tr("Title"), title_);
    form->addRow(tr("System"), system_);
    form->addRow(tr("Prompt"), prompt_);
    form->addRow(QString(), prompts);
    form->addRow(tr("Fair run"), fair);
    form->addRow(tr("Tags"), tags_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(run_, 0, Qt::AlignRight);

    connect(add, &QPushButton::clicked, this, [this] {
        if (!addChosenTarget())
            emit message(
                tr("A comparison has at most %1 targets.").arg(TargetListModel::kMaxTargets));
    });
    connect(remove, &QPushButton::clicked, this,
            [this] { targets_->removeAt(target_view_->currentIndex().row()); });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import prompts"), QString(),
                                         tr("Prompt sets (*.csv *.jsonl *.txt);;All files (*)"));
        if (!path.isEmpty())
            importPrompts(path);
    });
    connect(prompt_, &QPlainTextEdit::textChanged, this, [this] {
        // Typing replaces an imported set.
        if (imported_ && !prompt_->signalsBlocked()) {
            imported_.reset();
            imported_label_->clear();
        }
        updateRunButton();
    });
    connect(same_temperature_, &QCheckBox::toggled, temperature_, &QWidget::setEnabled);
    connect(same_seed_, &QCheckBox::toggled, seed_, &QWidget::setEnabled);
    connect(targets_, &QAbstractItemModel::rowsInserted, this,
            &NewComparisonPanel::updateRunButton);
    connect(targets_, &QAbstractItemModel::rowsRemoved, this, &NewComparisonPanel::updateRunButton);
    connect(targets_, &QAbstractItemModel::modelReset, this, &NewComparisonPanel::updateRunButton);
    connect(run_, &QPushButton::clicked, this, &NewComparisonPanel::runRequested);
    connect(target_set_, &QComboBox::activated, this,
            [this](int index) { loadTargetSet(target_set_->itemText(index)); });
    connect(save_set, &QPushButton::clicked, this, &NewComparisonPanel::askSaveTargetSet);
    connect(remove_set_, &QPushButton::clicked, this, &NewComparisonPanel::askRemoveTargetSet);
    connect(&context_.remoteModels(), &app::RemoteModels::modelsChanged, this,
            &NewComparisonPanel::reloadModels);
    connect(&context_.library(), &app::ModelLibrary::inspectionFinished, this,
            &NewComparisonPanel::reloadModels);
    reloadModels();
    reloadTargetSets();
    updateRunButton();
}

void NewComparisonPanel::reloadModels()
{
    const QString chosen = model_->currentData().toString();
    const QSignalBlocker blocker(model_);
    model_->clear();
    if (const auto files = context_.modelFiles().list()) {
        for (const storage::ModelFile& f : *files) {
            if (!f.gguf_summary.value(QStringLiteral("runnable")).toBool())
                continue;
            model_->addItem(QFileInfo(f.path).fileName(), QStringLiteral("local:") + f.path);
            model_->setItemData(model_->count() - 1, f.path, Qt::ToolTipRole);
        }
    } else {
        emit message(tr("The model library could not be read: %1").arg(files.message()));
    }
    for (const app::RemoteModel& m : context_.remoteModels().models()) {
        model_->addItem(QStringLiteral("%1 · %2").arg(m.provider, m.model),
                        QStringLiteral("provider:%1/%2").arg(m.provider, m.model));
    }
    model_->setCurrentIndex(std::max(0, model_->findData(chosen)));
}

bool NewComparisonPanel::addChosenTarget()
{
    QString error;
    std::optional<app::TargetSpec> spec =
        app::parse_target_spec(model_->currentData().toString(), &error);
    if (!spec) {
        emit message(model_->count() == 0 ? tr("Add a model on the Models page, or a provider in "
                                               "Settings, to compare it.")
                                          : error);
        return false;
    }
    spec->preset = preset_->currentText();
    return addTarget(*spec);
}

bool NewComparisonPanel::addTarget(const app::TargetSpec& spec)
{
    return targets_->append(spec);
}

bool NewComparisonPanel::importPrompts(const QString& path)
{
    QString error;
    std::optional<std::vector<app::PromptEntry>> loaded = app::load_prompt_file(path, &error);
    if (!loaded) {
        emit message(tr("Could not import %1: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    QStringList lines;
    for (const app::PromptEntry& entry : *loaded)
        lines << entry.content.simplified();
    {
        // Shows what was imported without dropping it as "typed over".
        const QSignalBlocker blocker(prompt_);
        prompt_->setPlainText(lines.join(QLatin1Char('\n')));
    }
    imported_ = std::move(*loaded);
    imported_label_->setText(tr("%n prompt(s) from %1", "", static_cast<int>(imported_->size()))
                                 .arg(QFileInfo(path).fileName()));
    updateRunButton();
    return true;
}

std::optional<ComparisonDraft> NewComparisonPanel::draft(QString* error) const
{
    const std::vector<app::TargetSpec>& specs = targets_->targets();
    if (specs.size() < static_cast<size_t>(TargetListModel::kMinTargets)) {
        *error = tr("Choose at least %1 targets (the same model twice with two presets "
                    "counts).")
                     .arg(TargetListModel::kMinTargets);
        return std::nullopt;
    }
    std::vector<app::PromptEntry> prompts;
    if (imported_) {
        prompts = *imported_;
    } else if (one_per_line_->isChecked()) {
        for (const QString& line : prompt_->toPlainText().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                prompts.push_back(app::PromptEntry{{}, line.trimmed(), {}});
        }
    } else if (!prompt_->toPlainText().trimmed().isEmpty()) {
        prompts.push_back(app::PromptEntry{{}, prompt_->toPlainText().trimmed(), {}});
    }
    if (prompts.empty()) {
        *error = tr("Write a prompt, or import a prompt list.");
        return std::nullopt;
    }
    app::FairRunOptions fair;
    if (same_seed_->isChecked())
        fair.seed = static_cast<quint64>(seed_->value());
    if (same_temperature_->isChecked())
        fair.temperature = temperature_->value();
    fair.max_tokens = max_tokens_->value();

    ComparisonDraft draft;
    draft.comparison.title = title_->text().trimmed().isEmpty()
                                 ? app::titleFromMessage(prompts.front().content)
                                 : title_->text().trimmed();
    QStringList labels;
    for (const app::TargetSpec& spec : specs) {
        // The same target twice (to see run-to-run variation) gets "(2)", "(3)", ...
        QString label = spec.label();
        for (int n = 2; labels.contains(label); ++n)
            label = spec.label() + QStringLiteral(" (%1)").arg(n);
        labels << label;
        draft.comparison.targets.push_back(
            storage::NewComparisonTarget{label, app::describe_target(spec, &context_.modelFiles()),
                                         app::target_sampling(spec, fair).toJson()});
    }
    for (const app::PromptEntry& entry : prompts) {
        const QString system =
            entry.system_prompt.isEmpty() ? system_->text().trimmed() : entry.system_prompt;
        draft.comparison.prompts.push_back(storage::NewComparisonPrompt{system, entry.content});
        draft.checks.push_back(entry.checks);
    }
    for (const QString& tag : tags_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        draft.tags << tag.trimmed();
    return draft;
}

void NewComparisonPanel::updateRunButton()
{
    const bool has_prompt = imported_ || !prompt_->toPlainText().trimmed().isEmpty();
    run_->setEnabled(has_prompt && targets_->rowCount() >= TargetListModel::kMinTargets);
}

app::TargetSet NewComparisonPanel::targetSet(const QString& name) const
{
    app::TargetSet set;
    set.name = name.trimmed();
    set.targets = targets_->targets();
    if (same_seed_->isChecked())
        set.fair.seed = static_cast<quint64>(seed_->value());
    if (same_temperature_->isChecked())
        set.fair.temperature = temperature_->value();
    set.fair.max_tokens = max_tokens_->value();
    return set;
}

bool NewComparisonPanel::saveTargetSet(const QString& name)
{
    QString error;
    if (!app::save_target_set(context_.settings(), targetSet(name), &error)) {
        emit message(tr("The target set could not be saved: %1").arg(error));
        return false;
    }
    reloadTargetSets();
    target_set_->setCurrentIndex(target_set_->findText(name.trimmed()));
    emit message(tr("Saved the target set \"%1\".").arg(name.trimmed()));
    return true;
}

bool NewComparisonPanel::loadTargetSet(const QString& name)
{
    QString error;
    const std::optional<std::vector<app::TargetSet>> sets =
        app::load_target_sets(context_.settings(), &error);
    if (!sets) {
        emit message(error);
        return false;
    }
    const auto found = std::find_if(sets->begin(), sets->end(),
                                    [&](const app::TargetSet& s) { return s.name == name; });
    if (found == sets->end()) {
        emit message(tr("There is no saved target set \"%1\".").arg(name));
        return false;
    }
    targets_->clear();
    for (const app::TargetSpec& spec : found->targets)
        targets_->append(spec); // at most kMaxTargets: a longer saved list is cut
    same_seed_->setChecked(found->fair.seed.has_value());
    if (found->fair.seed)
        seed_->setValue(static_cast<int>(
            std::min<quint64>(*found->fair.seed, static_cast<quint64>(seed_->maximum()))));
    same_temperature_->setChecked(found->fair.temperature.has_value());
    if (found->fair.temperature)
        temperature_->setValue(*found->fair.temperature);
    if (found->fair.max_tokens)
        max_tokens_->setValue(*found->fair.max_tokens);
    target_set_->setCurrentIndex(target_set_->findText(name));
    emit message(tr("Loaded the target set \"%1\".").arg(name));
    return true;
}

bool NewComparisonPanel::removeTargetSet(const QString& name)
{
    QString error;
    if (!app::remove_target_set(context_.settings(), name, &error)) {
        emit message(tr("The target set could not be deleted: %1").arg(error));
        return false;
    }
    reloadTargetSets();
    return true;
}

void NewComparisonPanel::reloadTargetSets()
{
    const QString shown = target_set_->currentText();
    const QSignalBlocker blocker(target_set_);
    target_set_->clear();
    QString error;
    if (const std::optional<std::vector<app::TargetSet>> sets =
            app::load_target_sets(context_.settings(), &error)) {
        for (const app::TargetSet& set : *sets)
            target_set_->addItem(set.name);
    } else {
        emit message(error);
    }
    target_set_->setCurrentIndex(target_set_->findText(shown)); // -1: the placeholder
    remove_set_->setEnabled(target_set_->count() > 0);
}

void NewComparisonPanel::askSaveTargetSet()
{
    if (targets_->rowCount() == 0) {
        emit message(tr("Add targets first, then save them as a set."));
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save target set"), tr("Name of the set:"),
                                               QLineEdit::Normal, target_set_->currentText(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (target_set_->findText(name) >= 0 &&
        QMessageBox::question(this, tr("Save target set"),
                              tr("Replace the saved set \"%1\"?").arg(name)) != QMessageBox::Yes)
        return;
    saveTargetSet(name);
}

void NewComparisonPanel::askRemoveTargetSet()
{
    const QString name = target_set_->currentText();
    if (target_set_->currentIndex() < 0 || name.isEmpty()) {
        emit message(tr("Choose the saved set to delete."));
        return;
    }
    if (QMessageBox::question(this, tr("Delete target set"),
                              tr("Delete the saved set \"%1\"?").arg(name)) == QMessageBox::Yes)
        removeTargetSet(name);
}

} // namespace kurabe::ui
