#include "ui/compare/compare_page.h"

#include "app/app_context.h"
#include "compare/chat_handoff.h"
#include "storage/stores/comparison_store.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/leaderboard_dialog.h"
#include "ui/compare/new_comparison_panel.h"
#include "ui/compare/saved_comparisons_model.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kurabe::ui {

ComparePage::ComparePage(app::AppContext& context, QWidget* parent)
    : QWidget(parent), context_(context),
      store_(std::make_unique<storage::ComparisonStore>(context.database()))
{
    saved_ = new SavedComparisonsModel(*store_, this);
    saved_view_ = new QListView(this);
    saved_view_->setObjectName(QStringLiteral("compare-saved"));
    saved_view_->setModel(saved_);
    auto* add = new QPushButton(tr("New"), this);
    auto* duplicate = new QPushButton(tr("Duplicate"), this);
    auto* remove = new QPushButton(tr("Delete"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(duplicate);
    buttons->addWidget(remove);
    auto* left = new QWidget(this);
    auto* left_layout = new QVBoxLayout(left);
    left_layout->setContentsMargins(0, 0, 0, 0);
    left_layout->addWidget(new QLabel(tr("Saved comparisons"), left));
    left_layout->addWidget(saved_view_, 1);
    left_layout->addLayout(buttons);

    new_panel_ = new NewComparisonPanel(context_, this);
    view_ = new ComparisonView(*store_, context_.settings(), this);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(new_panel_);
    stack_->addWidget(view_);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(stack_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 800});
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("compare-status"));
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(status_);

    connect(add, &QPushButton::clicked, this, &ComparePage::showNewForm);
    connect(duplicate, &QPushButton::clicked, this,
            [this] { duplicateComparison(saved_->idAt(saved_view_->currentIndex().row())); });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QModelIndex index = saved_view_->currentIndex();
        if (!index.isValid())
            return;
        if (QMessageBox::question(
                this, tr("Delete comparison"),
                tr("Delete \"%1\" with its answers and votes?").arg(index.data().toString())) ==
            QMessageBox::Yes)
            removeComparison(saved_->idAt(index.row()));
    });
    connect(saved_view_, &QListView::activated, this,
            [this](const QModelIndex& index) { openComparison(saved_->idAt(index.row())); });
    connect(saved_view_, &QListView::clicked, this,
            [this](const QModelIndex& index) { openComparison(saved_->idAt(index.row())); });
    connect(saved_, &SavedComparisonsModel::storageError, this, &ComparePage::showMessage);
    connect(new_panel_, &NewComparisonPanel::runRequested, this, &ComparePage::runNew);
    connect(new_panel_, &NewComparisonPanel::message, this, &ComparePage::showMessage);
    connect(view_, &ComparisonView::message, this, &ComparePage::showMessage);
    connect(view_, &ComparisonView::storageError, this,
            [this](const QString& error) { showMessage(tr("Saving failed: %1").arg(error)); });
    connect(view_, &ComparisonView::runFinished, this,
            [this] { showMessage(tr("The comparison finished.")); });
    connect(view_, &ComparisonView::leaderboardRequested, this, &ComparePage::showLeaderboard);
    connect(view_, &ComparisonView::continueInChatRequested, this, &ComparePage::continueInChat);
    connect(&context_.providerRegistry(), &app::ProviderRegistry::loaded, this,
            &ComparePage::showProviderErrors);
    showProviderErrors();
}

ComparePage::~ComparePage()
{
    // The view's run writes into the store: it goes first.
    delete view_;
    view_ = nullptr;
}

app::RunEnvironment ComparePage::environment() const
{
    app::RunEnvironment environment;
    environment.local_options = context_.models().options();
    environment.local_options.n_ctx = context_.contextLength();
    // Configs and keys were read off the UI thread by the registry; this only looks them up.
    app::ProviderRegistry* registry = &context_.providerRegistry();
    environment.provider_config = [registry](const QString& name, QString* error) {
        return registry->config(name, error);
    };
    return environment;
}

void ComparePage::showProviderErrors()
{
    const QStringList errors = context_.providerRegistry().errors();
    if (!errors.isEmpty())
        showMessage(tr("Some providers cannot be used: %1").arg(errors.join(QStringLiteral("; "))));
}

void ComparePage::startWhenProvidersRead()
{
    app::ProviderRegistry& registry = context_.providerRegistry();
    if (!registry.isLoading()) {
        view_->start();
        return;
    }
    // The first read of the providers is still running (just after start-up, or after they
    // changed): the run starts once their configs are known, so no cell fails for it.
    const qint64 id = view_->comparisonId();
    connect(
        &registry, &app::ProviderRegistry::loaded, view_,
        [this, id] {
            if (view_->comparisonId() == id)
                view_->start();
        },
        Qt::SingleShotConnection);
}

bool ComparePage::runNew()
{
    QString error;
    std::optional<ComparisonDraft> draft = new_panel_->draft(&error);
    if (!draft) {
        showMessage(error);
        return false;
    }
    storage::StorageResult<qint64> id = store_->create(draft->comparison, draft->tags);
    if (!id) {
        showMessage(tr("The comparison could not be saved: %1").arg(id.message()));
        return false;
    }
    app::RunEnvironment run_environment = environment();
    run_environment.checks = std::move(draft->checks);
    if (!view_->open(*id, std::move(run_environment)))
        return false;
    saved_view_->setCurrentIndex(saved_->index(saved_->rowOf(*id)));
    stack_->setCurrentWidget(view_);
    startWhenProvidersRead();
    showMessage(tr("Running %1 prompt(s) on %2 targets…")
                    .arg(draft->comparison.prompts.size())
                    .arg(draft->comparison.targets.size()));
    return true;
}

bool ComparePage::openComparison(qint64 id)
{
    if (id == 0)
        return false;
    if (id == view_->comparisonId()) {
        stack_->setCurrentWidget(view_);
        return true;
    }
    if (!view_->open(id, environment()))
        return false;
    saved_view_->setCurrentIndex(saved_->index(saved_->rowOf(id)));
    stack_->setCurrentWidget(view_);
    return true;
}

bool ComparePage::duplicateComparison(qint64 id)
{
    if (id == 0)
        return false;
    storage::StorageResult<qint64> copy = store_->duplicate(id);
    if (!copy) {
        showMessage(tr("The comparison could not be duplicated: %1").arg(copy.message()));
        return false;
    }
    return openComparison(*copy);
}

bool ComparePage::removeComparison(qint64 id)
{
    if (id == view_->comparisonId()) {
        view_->close();
        stack_->setCurrentWidget(new_panel_);
    }
    if (storage::StorageResult<void> removed = store_->remove(id); !removed) {
        showMessage(tr("The comparison could not be deleted: %1").arg(removed.message()));
        return false;
    }
    return true;
}

void ComparePage::showNewForm()
{
    new_panel_->reloadModels();
    stack_->setCurrentWidget(new_panel_);
}

LeaderboardDialog* ComparePage::showLeaderboard()
{
    if (!leaderboard_)
        leaderboard_ = new LeaderboardDialog(*store_, this);
    leaderboard_->reload();
    leaderboard_->show();
    leaderboard_->raise();
    return leaderboard_;
}

bool ComparePage::continueInChat(int prompt, int target)
{
    // The answer as saved now: the run saved it with its metrics when it finished.
    storage::StorageResult<storage::Comparison> comparison =
        store_->comparison(view_->comparisonId());
    if (!comparison) {
        showMessage(tr("The comparison could not be read: %1").arg(comparison.message()));
        return false;
    }
    storage::StorageResult<qint64> conversation =
        app::continue_in_chat(context_.conversations(), *comparison, prompt, target);
    if (!conversation) {
        showMessage(tr("The chat could not be made: %1").arg(conversation.message()));
        return false;
    }
    showMessage(tr("Continued in a new chat."));
    emit conversationCreated(*conversation);
    return true;
}

QString ComparePage::statusText() const
{
    return status_->text();
}

void ComparePage::showMessage(const QString& text)
{
    status_->setText(text);
}

} // namespace kurabe::ui
