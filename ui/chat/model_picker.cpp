#include "ui/chat/model_picker.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace kurabe::ui {

ModelPicker::ModelPicker(app::AppContext& context, QWidget* parent)
    : QWidget(parent), context_(context)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    combo_ = new QComboBox(this);
    combo_->setObjectName(QStringLiteral("model-picker"));
    combo_->setMinimumWidth(240);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 0); // the engine reports no fraction while loading
    progress_->setMaximumWidth(120);
    progress_->hide();
    state_ = new QLabel(this);
    state_->setObjectName(QStringLiteral("model-state"));
    layout->addWidget(new QLabel(tr("Model:"), this));
    layout->addWidget(combo_);
    layout->addWidget(progress_);
    layout->addWidget(state_, 1);

    connect(combo_, &QComboBox::activated, this, &ModelPicker::choose);
    connect(&context_, &app::AppContext::modelLoadStarted, this, [this](const QString& path) {
        if (path != context_.chosenModel())
            return;
        progress_->show();
        state_->setText(tr("Loading…"));
    });
    connect(&context_, &app::AppContext::modelLoadFinished, this,
            [this](const QString& path, bool ok, const QString& error) {
                if (path != context_.chosenModel())
                    return;
                progress_->hide();
                if (ok) {
                    const inference::LocalModelInfo& info = context_.models().backend(path)->info();
                    // "Vulkan: <GPU>", or "CPU: <why not the GPU>" with the reason in full
                    // on hover.
                    if (info.backend == QLatin1String("vulkan")) {
                        state_->setText(tr("Vulkan: %1").arg(info.device));
                        state_->setToolTip(QString());
                    } else {
                        const QString why = info.fallback_reason.isEmpty()
                                                ? tr("chosen in settings")
                                                : info.fallback_reason;
                        state_->setText(tr("CPU: %1").arg(
                            state_->fontMetrics().elidedText(why, Qt::ElideRight, 320)));
                        state_->setToolTip(QStringLiteral("%1 — %2").arg(info.device, why));
                    }
                } else {
                    state_->setText(tr("not loaded"));
                }
                emit modelReady(ok, error);
            });
    connect(&context_.modelFiles(), &storage::ModelFileStore::modelFilesChanged, this,
            &ModelPicker::reload);
}

bool ModelPicker::reload()
{
    storage::StorageResult<std::vector<storage::ModelFile>> files = context_.modelFiles().list();
    if (!files) {
        emit storageError(files.message());
        return false;
    }
    const QString chosen = context_.chosenModel();
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
    combo_->setCurrentIndex(combo_->findData(chosen));
    if (chosen.isEmpty() && combo_->count() > 0) {
        combo_->setCurrentIndex(0);
        choose(0);
    }
    const bool has_files = !files->empty();
    if (combo_->count() == 0)
        state_->setText(has_files ? tr("no usable model yet: see the Models page") : QString());
    emit libraryChanged(has_files);
    return has_files;
}

void ModelPicker::choosePath(const QString& path)
{
    const int index = combo_->findData(path);
    if (path.isEmpty() || index < 0 || path == context_.chosenModel())
        return;
    combo_->setCurrentIndex(index);
    choose(index);
}

void ModelPicker::choose(int index)
{
    const QString path = combo_->itemData(index).toString();
    if (!path.isEmpty())
        context_.chooseLocalModel(path);
}

} // namespace kurabe::ui
