#include "ui/compare/comparison_view.h"

#include "compare/comparison_export.h"
#include "storage/stores/settings_store.h"
#include "ui/compare/answer_column.h"
#include "ui/compare/answer_diff_dialog.h"
#include "ui/compare/blind_order.h"
#include "ui/compare/cell_metrics_model.h"
#include "ui/compare/metrics_chart.h"
#include "ui/compare/prompt_matrix_model.h"
#include "ui/compare/vote_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>
#include <random>

namespace kurabe::ui {

namespace {
constexpr int kTextRefreshMs = 60; // streamed text is re-rendered at most this often

QString blind_seed_key(qint64 id)
{
    return QStringLiteral("compare.blind_seed.%1").arg(id);
}

QString letter(int column)
{
    return QString(QChar(u'A' + column));
}

// The blind-order seed of comparison `id`; 0 when the comparison is not blind (or unreadable).
qint64 stored_seed(storage::SettingsStore& settings, qint64 id)
{
    storage::StorageResult<qint64> seed = settings.integer(blind_seed_key(id), 0);
    return seed ? *seed : 0;
}

bool is_final(app::CellState state)
{
    return state == app::CellState::Done || state == app::CellState::Failed ||
           state == app::CellState::Cancelled;
}
} // namespace

ComparisonView::ComparisonView(storage::ComparisonStore& store, storage::SettingsStore& settings,
                               QWidget* parent)
    : QWidget(parent), store_(store), settings_(settings)
{
    setObjectName(QStringLiteral("compare-view"));
    title_ = new QLabel(this);
    QFont title_font = title_->font();
    title_font.setPointSizeF(title_font.pointSizeF() * 1.2);
    title_font.setBold(true);
    title_->setFont(title_font);
    prompt_box_ = new QComboBox(this);
    prompt_box_->setObjectName(QStringLiteral("compare-prompt-choice"));
    prompt_text_ = new QLabel(this);
    prompt_text_->setWordWrap(true);
    prompt_text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    run_button_ = new QPushButton(tr("Run"), this);
    run_button_->setToolTip(tr("Runs every answer that has not run yet"));
    cancel_all_ = new QPushButton(tr("Cancel all"), this);
    cancel_all_->setObjectName(QStringLiteral("compare-cancel-all"));
    blind_box_ = new QCheckBox(tr("Blind"), this);
    blind_box_->setToolTip(tr("Shows the targets as A, B, … in a shuffled order until you vote"));
    auto* leaderboard = new QPushButton(tr("Leaderboard"), this);
    auto* diff = new QPushButton(tr("Diff…"), this);
    diff->setObjectName(QStringLiteral("compare-diff-button"));
    diff->setToolTip(tr("Shows word by word how two answers to this prompt differ"));

    auto* top = new QHBoxLayout;
    top->addWidget(title_, 1);
    top->addWidget(blind_box_);
    top->addWidget(diff);
    top->addWidget(leaderboard);
    top->addWidget(run_button_);
    top->addWidget(cancel_all_);
    auto* exports = new QHBoxLayout;
    exports->addWidget(new QLabel(tr("Export:"), this));
    const std::pair<QString, QString> formats[] = {
        {QStringLiteral("csv"), QStringLiteral("CSV")},
        {QStringLiteral("json"), QStringLiteral("JSON")},
        {QStringLiteral("md"), QStringLiteral("Markdown")},
        {QStringLiteral("html"), QStringLiteral("HTML")}};
    for (const auto& [suffix, name] : formats) {
        auto* button = new QPushButton(name, this);
        button->setObjectName(QStringLiteral("compare-export-") + suffix);
        connect(button, &QPushButton::clicked, this, [this, suffix = suffix, name = name] {
            exportAs(suffix, tr("%1 (*.%2)").arg(name, suffix));
        });
        exports->addWidget(button);
    }
    exports->addStretch(1);
    exports->addWidget(new QLabel(tr("Prompt"), this));
    exports->addWidget(prompt_box_, 1);

    columns_host_ = new QWidget(this);
    columns_layout_ = new QHBoxLayout(columns_host_);
    columns_layout_->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(columns_host_);
    scroll->setMinimumHeight(160); // pixels: a few lines of every answer stay visible

    vote_bar_ = new VoteBar(this);
    connect(vote_bar_, &VoteBar::voted, this, &ComparisonView::vote);
    connect(vote_bar_, &VoteBar::message, this, &ComparisonView::message);

    metrics_ = new CellMetricsModel(snapshot_, this);
    matrix_ = new PromptMatrixModel(snapshot_, this);
    metrics_view_ = new QTableView(this);
    metrics_view_->setObjectName(QStringLiteral("compare-metrics"));
    metrics_view_->setModel(metrics_);
    metrics_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix_view_ = new QTableView(this);
    matrix_view_->setObjectName(QStringLiteral("compare-matrix"));
    matrix_view_->setModel(matrix_);
    matrix_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix_view_->setSelectionBehavior(QAbstractItemView::SelectItems);
    matrix_view_->setContextMenuPolicy(Qt::CustomContextMenu);

    chart_ = new MetricsChart(snapshot_, this);
    auto* measures = new QTabWidget(this);
    measures->addTab(metrics_view_, tr("Metrics"));
    measures->addTab(chart_, tr("Charts"));

    auto* tables = new QSplitter(Qt::Vertical, this);
    tables->addWidget(scroll);
    tables->addWidget(measures);
    tables->addWidget(matrix_view_);
    // Most of the height for the answers; the tables scroll.
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 1);
    tables->setStretchFactor(2, 1);
    tables->setSizes({420, 260, 160});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(exports);
    layout->addWidget(prompt_text_);
    layout->addWidget(tables, 1);
    layout->addWidget(vote_bar_);

    text_timer_ = new QTimer(this);
    text_timer_->setSingleShot(true);
    text_timer_->setInterval(kTextRefreshMs);
    connect(text_timer_, &QTimer::timeout, this, &ComparisonView::flushText);
    connect(prompt_box_, &QComboBox::currentIndexChanged, this, &ComparisonView::setPrompt);
    connect(run_button_, &QPushButton::clicked, this, &ComparisonView::start);
    connect(cancel_all_, &QPushButton::clicked, this, &ComparisonView::cancelAll);
    connect(blind_box_, &QCheckBox::toggled, this, &ComparisonView::setBlind);
    connect(leaderboard, &QPushButton::clicked, this, &ComparisonView::leaderboardRequested);
    connect(diff, &QPushButton::clicked, this, &ComparisonView::showDiff);
    connect(matrix_view_, &QTableView::activated, this,
            [this](const QModelIndex& index) { setPrompt(index.row()); });
    connect(matrix_view_, &QTableView::clicked, this,
            [this](const QModelIndex& index) { setPrompt(index.row()); });
    connect(matrix_view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = matrix_view_->indexAt(pos);
        if (!index.isValid())
            return;
        setPrompt(index.row());
        showCellMenu(index.column(), matrix_view_->viewport()->mapToGlobal(pos));
    });
    close();
}

ComparisonView::~ComparisonView()
{
    // The child views ask their models (which read snapshot_) for data while they are torn
    // down: they go first, while the snapshot still exists.
    qDeleteAll(findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
}

bool ComparisonView::open(qint64 id, app::RunEnvironment environment)
{
    storage::StorageResult<storage::Comparison> read = store_.comparison(id);
    if (!read) {
        emit storageError(read.message());
        return false;
    }
    if (diff_)
        diff_->close(); // its answers belong to the comparison shown before
    diff_ = nullptr;
    run_.reset();
    snapshot_.run = nullptr;
    snapshot_.comparison = std::move(*read);
    run_ =
        std::make_unique<app::ComparisonRun>(store_, snapshot_.comparison, std::move(environment));
    snapshot_.run = run_.get();
    connect(run_.get(), &app::ComparisonRun::cellStateChanged, this, &ComparisonView::onCellState);
    connect(run_.get(), &app::ComparisonRun::cellText, this,
            [this](int p, int t, const QString&) { onCellText(p, t); });
    connect(run_.get(), &app::ComparisonRun::storageError, this, &ComparisonView::storageError);
    connect(run_.get(), &app::ComparisonRun::modelLoading, this,
            [this](int, const QString& path) { emit message(tr("Loading %1…").arg(path)); });
    connect(run_.get(), &app::ComparisonRun::finished, this, [this] {
        cancel_all_->setEnabled(false);
        reloadComparison();
        emit runFinished();
    });
    title_->setText(snapshot_.comparison.info.title);
    {
        const QSignalBlocker blocker(prompt_box_);
        prompt_box_->clear();
        for (int p = 0; p < snapshot_.promptCount(); ++p) {
            const QString& content = snapshot_.comparison.prompts[static_cast<size_t>(p)].content;
            prompt_box_->addItem(QStringLiteral("%1. %2").arg(p + 1).arg(content.simplified()));
        }
    }
    matrix_view_->setVisible(snapshot_.promptCount() > 1);
    prompt_ = 0;
    const bool blind = stored_seed(settings_, id) != 0;
    {
        const QSignalBlocker blocker(blind_box_);
        blind_box_->setChecked(blind);
    }
    blind_ = blind;
    snapshot_.order = blind_ ? blindOrder() : std::vector<int>();
    if (!blind_) {
        snapshot_.order.resize(snapshot_.comparison.targets.size());
        std::iota(snapshot_.order.begin(), snapshot_.order.end(), 0);
    }
    rebuildColumns();
    setPrompt(0);
    cancel_all_->setEnabled(false);
    run_button_->setEnabled(true);
    setEnabled(true);
    return true;
}

void ComparisonView::close()
{
    if (diff_)
        diff_->close(); // its answers belong to the comparison going away
    diff_ = nullptr;
    run_.reset();
    snapshot_ = ComparisonSnapshot{};
    title_->setText(tr("No comparison open"));
    prompt_box_->clear();
    prompt_text_->clear();
    rebuildColumns();
    metrics_->refresh();
    matrix_->refresh();
    setEnabled(false);
}

void ComparisonView::start()
{
    if (!run_)
        return;
    cancel_all_->setEnabled(true);
    run_->start();
}

void ComparisonView::cancelAll()
{
    if (run_)
        run_->cancelAll();
}

bool ComparisonView::isRunning() const
{
    return run_ && !run_->isFinished();
}

bool ComparisonView::reloadComparison()
{
    if (snapshot_.comparison.info.id == 0)
        return false;
    storage::StorageResult<storage::Comparison> read = store_.comparison(comparisonId());
    if (!read) {
        emit storageError(read.message());
        return false;
    }
    snapshot_.comparison = std::move(*read);
    updateHeaders();
    metrics_->cellChanged(prompt_, 0);
    matrix_->refresh();
    refreshJudging();
    return true;
}

std::vector<int> ComparisonView::blindOrder()
{
    const qint64 id = comparisonId();
    qint64 seed = stored_seed(settings_, id);
    if (seed == 0) {
        seed = static_cast<qint64>(std::random_device{}() | 1u); // never 0: 0 means "not blind"
        if (storage::StorageResult<void> saved = settings_.set_integer(blind_seed_key(id), seed);
            !saved)
            emit storageError(saved.message());
    }
    return blind_order(static_cast<quint64>(seed),
                       static_cast<int>(snapshot_.comparison.targets.size()));
}

void ComparisonView::setBlind(bool blind)
{
    if (comparisonId() == 0 || blind == blind_)
        return;
    blind_ = blind;
    if (blind) {
        snapshot_.order = blindOrder();
    } else {
        // The seed is forgotten: blind again later is a new shuffle.
        if (storage::StorageResult<void> removed = settings_.remove(blind_seed_key(comparisonId()));
            !removed)
            emit storageError(removed.message());
        std::iota(snapshot_.order.begin(), snapshot_.order.end(), 0);
    }
    if (blind_box_->isChecked() != blind) {
        const QSignalBlocker blocker(blind_box_);
        blind_box_->setChecked(blind);
    }
    rebuildColumns();
    setPrompt(prompt_);
}

bool ComparisonView::promptVoted(int prompt) const
{
    if (prompt < 0 || prompt >= snapshot_.promptCount())
        return false;
    const qint64 prompt_id = snapshot_.comparison.prompts[static_cast<size_t>(prompt)].id;
    return std::any_of(
        snapshot_.comparison.pair_votes.begin(), snapshot_.comparison.pair_votes.end(),
        [prompt_id](const storage::ComparisonPairVote& v) { return v.prompt_id == prompt_id; });
}

void ComparisonView::updateHeaders()
{
    const bool hide = blind_ && !promptVoted(prompt_);
    snapshot_.headers.clear();
    for (int c = 0; c < snapshot_.columnCount(); ++c) {
        const QString& label =
            snapshot_.comparison.targets[static_cast<size_t>(snapshot_.targetAt(c))].label;
        snapshot_.headers << (hide     ? letter(c)
                              : blind_ ? QStringLiteral("%1: %2").arg(letter(c), label)
                                       : label);
    }
    for (size_t c = 0; c < columns_.size(); ++c)
        columns_[c].widget->setHeader(snapshot_.headers.value(static_cast<int>(c)));
    vote_bar_->setNames(snapshot_.headers);
    updateContinueButtons();
    refreshDiff();     // names revealed, answers finished
    chart_->refresh(); // names, and the means after an answer finished
    if (const int columns = snapshot_.columnCount(); columns > 0) {
        emit metrics_->headerDataChanged(Qt::Horizontal, 0, columns - 1);
        emit matrix_->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    }
}

void ComparisonView::rebuildColumns()
{
    for (Column& column : columns_)
        delete column.widget;
    columns_.clear();
    for (int c = 0; c < snapshot_.columnCount(); ++c) {
        auto* widget = new AnswerColumn(c, columns_host_);
        connect(widget, &AnswerColumn::menuRequested, this,
                [this, c](const QPoint& global) { showCellMenu(c, global); });
        connect(widget, &AnswerColumn::ratingChosen, this,
                [this, c](std::optional<int> rating) { rate(c, rating); });
        connect(widget, &AnswerColumn::noteEdited, this,
                [this, c](const QString& note) { annotate(c, note); });
        connect(widget, &AnswerColumn::continueRequested, this, [this, c] {
            if (c < snapshot_.columnCount())
                emit continueInChatRequested(prompt_, snapshot_.targetAt(c));
        });
        columns_layout_->addWidget(widget, 1);
        widget->show(); // at once, not when the layout next runs: a grab sees it
        columns_.push_back(Column{widget, false});
    }
    updateHeaders();
    metrics_->refresh();
    matrix_->refresh();
}

void ComparisonView::setPrompt(int prompt)
{
    if (prompt < 0 || prompt >= snapshot_.promptCount())
        return;
    prompt_ = prompt;
    if (prompt_box_->currentIndex() != prompt) {
        const QSignalBlocker blocker(prompt_box_);
        prompt_box_->setCurrentIndex(prompt);
    }
    const storage::ComparisonPrompt& shown =
        snapshot_.comparison.prompts[static_cast<size_t>(prompt)];
    prompt_text_->setText(shown.system_prompt.isEmpty()
                              ? shown.content
                              : tr("System: %1\n%2").arg(shown.system_prompt, shown.content));
    updateHeaders();
    metrics_->setPrompt(prompt);
    for (int c = 0; c < static_cast<int>(columns_.size()); ++c)
        refreshColumn(c);
    refreshJudging();
}

void ComparisonView::refreshColumn(int column)
{
    Column& shown = columns_[static_cast<size_t>(column)];
    shown.dirty = false;
    shown.widget->setAnswer(snapshot_.text(prompt_, snapshot_.targetAt(column)));
}

void ComparisonView::refreshJudging()
{
    for (int c = 0; c < static_cast<int>(columns_.size()); ++c)
        columns_[static_cast<size_t>(c)].widget->setJudging(
            snapshot_.result(prompt_, snapshot_.targetAt(c)));
}

void ComparisonView::flushText()
{
    if (diff_dirty_)
        refreshDiff();
    for (int c = 0; c < static_cast<int>(columns_.size()); ++c) {
        if (columns_[static_cast<size_t>(c)].dirty)
            refreshColumn(c);
    }
}

void ComparisonView::onCellText(int prompt, int target)
{
    matrix_->cellChanged(prompt, target);
    if (diff_ && prompt == diff_prompt_)
        diff_dirty_ = true;
    if (prompt != prompt_) {
        if (diff_dirty_ && !text_timer_->isActive())
            text_timer_->start();
        return;
    }
    for (int c = 0; c < snapshot_.columnCount(); ++c) {
        if (snapshot_.targetAt(c) == target)
            columns_[static_cast<size_t>(c)].dirty = true;
    }
    if (!text_timer_->isActive())
        text_timer_->start();
}

void ComparisonView::onCellState(int prompt, int target, app::CellState state)
{
    if (state == app::CellState::Running || state == app::CellState::Queued)
        cancel_all_->setEnabled(true);
    if (is_final(state)) {
        // The metrics were saved with the final text: read them back.
        reloadComparison();
        if (prompt == prompt_)
            flushText();
        for (int c = 0; c < snapshot_.columnCount(); ++c) {
            if (prompt == prompt_ && snapshot_.targetAt(c) == target)
                refreshColumn(c);
        }
    }
    updateContinueButtons();
    metrics_->cellChanged(prompt, target);
    matrix_->cellChanged(prompt, target);
}

void ComparisonView::updateContinueButtons()
{
    const bool hidden = blind_ && !promptVoted(prompt_);
    for (int c = 0; c < static_cast<int>(columns_.size()); ++c) {
        const int target = snapshot_.targetAt(c);
        const bool done = snapshot_.state(prompt_, target) == app::CellState::Done &&
                          !snapshot_.text(prompt_, target).trimmed().isEmpty();
        columns_[static_cast<size_t>(c)].widget->setContinueAllowed(
            done && !hidden, hidden ? tr("Vote first: the answer's model is still hidden")
                                    : tr("Available once the answer has finished"));
    }
}

void ComparisonView::showCellMenu(int column, const QPoint& global)
{
    if (!run_ || column < 0 || column >= snapshot_.columnCount())
        return;
    QMenu menu(this);
    const app::CellState state = snapshot_.state(prompt_, snapshot_.targetAt(column));
    QAction* cancel = menu.addAction(tr("Cancel this answer"));
    cancel->setEnabled(state == app::CellState::Queued || state == app::CellState::Running);
    QAction* rerun = menu.addAction(tr("Run this answer again"));
    rerun->setEnabled(is_final(state));
    QAction* chosen = menu.exec(global);
    if (chosen == cancel)
        cancelCell(column);
    else if (chosen == rerun)
        rerunCell(column);
}

void ComparisonView::cancelCell(int column)
{
    if (run_ && column >= 0 && column < snapshot_.columnCount())
        run_->cancelCell(prompt_, snapshot_.targetAt(column));
}

bool ComparisonView::rerunCell(int column)
{
    if (!run_ || column < 0 || column >= snapshot_.columnCount())
        return false;
    const bool queued = run_->rerunCell(prompt_, snapshot_.targetAt(column));
    if (queued)
        cancel_all_->setEnabled(true);
    return queued;
}

qint64 ComparisonView::resultId(int column) const
{
    if (column < 0 || column >= snapshot_.columnCount())
        return 0;
    const storage::ComparisonResult* r = snapshot_.result(prompt_, snapshot_.targetAt(column));
    return r ? r->id : 0;
}

bool ComparisonView::rate(int column, std::optional<int> rating)
{
    const qint64 id = resultId(column);
    if (id == 0)
        return false;
    if (storage::StorageResult<void> saved = store_.set_rating(id, rating); !saved) {
        emit storageError(saved.message());
        return false;
    }
    return reloadComparison();
}

bool ComparisonView::annotate(int column, const QString& note)
{
    const qint64 id = resultId(column);
    if (id == 0)
        return false;
    const storage::ComparisonResult* r = snapshot_.result(prompt_, snapshot_.targetAt(column));
    if (r && r->note == note)
        return true;
    if (storage::StorageResult<void> saved = store_.set_result_note(id, note); !saved) {
        emit storageError(saved.message());
        return false;
    }
    return reloadComparison();
}

bool ComparisonView::vote(int a, int b, storage::PairOutcome outcome)
{
    if (a == b || a < 0 || b < 0 || a >= snapshot_.columnCount() || b >= snapshot_.columnCount() ||
        prompt_ >= snapshot_.promptCount())
        return false;
    const auto& targets = snapshot_.comparison.targets;
    storage::StorageResult<qint64> saved = store_.add_pair_vote(
        comparisonId(), snapshot_.comparison.prompts[static_cast<size_t>(prompt_)].id,
        targets[static_cast<size_t>(snapshot_.targetAt(a))].id,
        targets[static_cast<size_t>(snapshot_.targetAt(b))].id, outcome);
    if (!saved) {
        emit storageError(saved.message());
        return false;
    }
    reloadComparison(); // reveals the names in blind mode
    emit message(
        tr("Vote saved: %1 vs %2").arg(snapshot_.headers.value(a), snapshot_.headers.value(b)));
    return true;
}

bool ComparisonView::exportTo(const QString& path, QString* error)
{
    storage::StorageResult<storage::Comparison> read = store_.comparison(comparisonId());
    if (!read) {
        *error = read.message();
        return false;
    }
    return app::write_comparison_export(*read, path, error);
}

void ComparisonView::exportAs(const QString& suffix, const QString& filter)
{
    if (comparisonId() == 0)
        return;
    QString name = snapshot_.comparison.info.title.simplified();
    name.replace(QRegularExpression(QStringLiteral("[^\\w\\- ]")), QString());
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison"),
        (name.isEmpty() ? QStringLiteral("comparison") : name) + QLatin1Char('.') + suffix, filter);
    if (path.isEmpty())
        return;
    QString error;
    if (exportTo(path, &error))
        emit message(tr("Exported to %1").arg(path));
    else
        emit message(tr("Export failed: %1").arg(error));
}

QStringList ComparisonView::answers(int prompt) const
{
    QStringList texts;
    for (int c = 0; c < snapshot_.columnCount(); ++c)
        texts << snapshot_.text(prompt, snapshot_.targetAt(c));
    return texts;
}

AnswerDiffDialog* ComparisonView::showDiff()
{
    auto* dialog = new AnswerDiffDialog(snapshot_.headers, answers(prompt_), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Answers to prompt %1").arg(prompt_ + 1));
    dialog->show();
    diff_ = dialog;
    diff_prompt_ = prompt_;
    diff_dirty_ = false;
    return dialog;
}

void ComparisonView::refreshDiff()
{
    diff_dirty_ = false;
    if (!diff_ || diff_prompt_ >= snapshot_.promptCount())
        return;
    // The headers are the shown prompt's (letters until its vote in blind mode): the diff of
    // another prompt keeps the names it has.
    const QStringList labels = diff_prompt_ == prompt_ ? snapshot_.headers : QStringList();
    diff_->setAnswers(labels, answers(diff_prompt_));
}

QTextBrowser* ComparisonView::answerView(int column) const
{
    return column >= 0 && column < static_cast<int>(columns_.size())
               ? columns_[static_cast<size_t>(column)].widget->answer()
               : nullptr;
}

QPushButton* ComparisonView::continueButton(int column) const
{
    return column >= 0 && column < static_cast<int>(columns_.size())
               ? columns_[static_cast<size_t>(column)].widget->continueButton()
               : nullptr;
}

QString ComparisonView::headerText(int column) const
{
    return snapshot_.headers.value(column);
}

} // namespace kurabe::ui
