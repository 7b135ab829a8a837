#include "ui/chat/model_picker.h"

#include "inference/remote/remote_backend.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>

namespace kurabe::ui {

namespace {

constexpr int kProgressSteps = 1000; // the bar's range: thousandths of the load

} // namespace

ModelPicker::ModelPicker(app::AppContext& context, QWidget* parent)
    : QWidget(parent), context_(context)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    combo_ = new QComboBox(this);
    combo_->setObjectName(QStringLiteral("model-picker"));
    combo_->setMinimumWidth(240);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("model-load-progress"));
    progress_->setRange(0, kProgressSteps);
    progress_->setMaximumWidth(160);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(QStringLiteral("cancel-model-load"));
    cancel_->setToolTip(tr("Stop loading this model"));
    cancel_->hide();
    state_ = new QLabel(this);
    state_->setObjectName(QStringLiteral("model-state"));
    layout->addWidget(new QLabel(tr("Model:"), this));
    layout->addWidget(combo_);
    layout->addWidget(progress_);
    layout->addWidget(cancel_);
    layout->addWidget(state_, 1);

    connect(combo_, &QComboBox::activated, this, &ModelPicker::choose);
    connect(&context_, &app::AppContext::modelLoadStarted, this, [this](const QString& path) {
        if (path != context_.chosenModel())
            return;
        // A remote model only waits for its key: no fraction to show, nothing to cancel.
        const bool local = !app::isRemoteModelKey(path);
        progress_->setRange(0, local ? kProgressSteps : 0);
        progress_->setValue(0);
        progress_->show();
        cancel_->setVisible(local);
        state_->setText(tr("Loading…"));
    });
    connect(&context_, &app::AppContext::modelLoadProgress, this,
            [this](const QString& path, double fraction, const QString& stage) {
                if (path != context_.chosenModel())
                    return;
                progress_->setValue(static_cast<int>(fraction * kProgressSteps));
                state_->setText(stage);
            });
    connect(cancel_, &QPushButton::clicked, &context_, &app::AppContext::cancelModelLoad);
    connect(&context_, &app::AppContext::modelLoadFinished, this,
            [this](const QString& key, bool ok, const QString& error) {
                if (key != context_.chosenModel())
                    return;
                progress_->hide();
                cancel_->hide();
                if (ok)
                    showLoaded(key);
                else
                    state_->setText(tr("not loaded"));
                emit modelReady(ok, error);
            });
    connect(&context_.modelFiles(), &storage::ModelFileStore::modelFilesChanged, this,
            &ModelPicker::reload);
    connect(&context_.remoteModels(), &app::RemoteModels::modelsChanged, this,
            &ModelPicker::reload);
}

void ModelPicker::showLoaded(const QString& key)
{
    if (app::isRemoteModelKey(key)) {
        const auto* remote =
            qobject_cast<inference::remote::RemoteBackend*>(context_.chat().backend());
        // Where the conversation goes: a remote model sends it over the network.
        state_->setText(remote ? tr("Remote: %1").arg(remote->config().base_url.host())
                               : tr("Remote"));
        state_->setToolTip(remote ? remote->config().base_url.toString() : QString());
        return;
    }
    const inference::LocalBackend* local = context_.models().backend(key);
    if (!local)
        return;
    const inference::LocalModelInfo& info = local->info();
    // "Vulkan: <GPU>", or "CPU: <why not the GPU>" with the reason in full on hover.
    if (info.backend == QLatin1String("vulkan")) {
        state_->setText(tr("Vulkan: %1").arg(info.device));
        state_->setToolTip(QString());
    } else {
        const QString why =
            info.fallback_reason.isEmpty() ? tr("chosen in settings") : info.fallback_reason;
        state_->setText(
            tr("CPU: %1").arg(state_->fontMetrics().elidedText(why, Qt::ElideRight, 320)));
        state_->setToolTip(QStringLiteral("%1 — %2").arg(info.device, why));
    }
}

bool ModelPicker::reload()
{
    storage::StorageResult<std::vector<storage::ModelFile>> files = context_.modelFiles().list();
    if (!files) {
        emit storageError(files.message());
        return false;
    }
    const QString chosen = context_.chosenModel();
    const QSignalBlocker blocker(combo_);
    combo_->clear();
    for (const storage::ModelFile& f : *files) {
        // Files still being read, or that the engine cannot run, are not offered.
        if (!f.gguf_summary.value(QStringLiteral("runnable")).toBool())
            continue;
        // The file name tells quantizations of one model apart; general.name is often vague.
        const QString file = QFileInfo(f.path).fileName();
        const QString name = f.gguf_summary.value(QStringLiteral("name")).toString();
        combo_->addItem(name.isEmpty() ? file : QStringLiteral("%1 — %2").arg(file, name), f.path);
        combo_->setItemData(combo_->count() - 1, f.path, Qt::ToolTipRole);
    }
    const int local_count = combo_->count();
    const std::vector<app::RemoteModel> remote = context_.remoteModels().models();
    if (local_count > 0 && !remote.empty())
        combo_->insertSeparator(local_count);
    for (const app::RemoteModel& m : remote) {
        combo_->addItem(QStringLiteral("%1 · %2").arg(m.provider, m.model),
                        app::remoteModelKey(m.provider, m.model));
        const int row = combo_->count() - 1;
        combo_->setItemData(row, m.provider, ProviderRole);
        combo_->setItemData(row, m.model, RemoteModelRole);
        combo_->setItemData(row, tr("%1 at the provider %2").arg(m.model, m.provider),
                            Qt::ToolTipRole);
    }
    // Providers that could not be listed are named where the user looks for their models.
    const QStringList errors = context_.remoteModels().errors();
    combo_->setToolTip(
        errors.isEmpty()
            ? QString()
            : tr("Some remote models are missing:\n%1").arg(errors.join(QLatin1Char('\n'))));
    combo_->setCurrentIndex(combo_->findData(chosen));
    if (chosen.isEmpty() && combo_->count() > 0) {
        combo_->setCurrentIndex(0);
        choose(0);
    }
    const bool has_models = !files->empty() || !remote.empty();
    if (combo_->count() == 0)
        state_->setText(!files->empty() ? tr("no usable model yet: see the Models page")
                                        : QString());
    emit libraryChanged(has_models);
    return has_models;
}

void ModelPicker::chooseTarget(const QJsonObject& target)
{
    const QString key =
        target.value(QStringLiteral("kind")).toString() == QLatin1String("remote")
            ? app::remoteModelKey(target.value(QStringLiteral("provider")).toString(),
                                  target.value(QStringLiteral("model")).toString())
            : target.value(QStringLiteral("path")).toString();
    if (key.isEmpty() || key == context_.chosenModel())
        return;
    if (const int index = combo_->findData(key); index >= 0) {
        combo_->setCurrentIndex(index);
        choose(index);
    } else if (app::isRemoteModelKey(key)) {
        // Its provider's list has not arrived (or cannot, offline): the model answers all the
        // same, and the combo box shows it once it is listed.
        combo_->setCurrentIndex(-1);
        context_.chooseRemoteModel(target.value(QStringLiteral("provider")).toString(),
                                   target.value(QStringLiteral("model")).toString());
    }
}

void ModelPicker::choose(int index)
{
    const QString key = combo_->itemData(index).toString();
    if (key.isEmpty())
        return;
    if (app::isRemoteModelKey(key))
        context_.chooseRemoteModel(combo_->itemData(index, ProviderRole).toString(),
                                   combo_->itemData(index, RemoteModelRole).toString());
    else
        context_.chooseLocalModel(key);
}

} // namespace kurabe::ui
