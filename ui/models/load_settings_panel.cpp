#include "ui/models/load_settings_panel.h"

#include "app/library/context_memory.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace kurabe::ui {

namespace {

// Context lengths offered, in tokens; 0 is the model's own (capped).
constexpr int kContextChoices[] = {0, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072};
constexpr int kMostKeptLoaded = 8;

} // namespace

LoadSettingsPanel::LoadSettingsPanel(app::AppContext& context, QWidget* parent)
    : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("load-settings"));
    context_box_ = new QComboBox(this);
    context_box_->setObjectName(QStringLiteral("context-length"));
    for (const int tokens : kContextChoices)
        context_box_->addItem(tokens == 0
                                  ? tr("the model's (at most %1)").arg(app::kDefaultContextCap)
                                  : tr("%1 tokens").arg(tokens),
                              tokens);
    const int saved = context_.contextLength();
    if (context_box_->findData(saved) < 0)
        context_box_->addItem(tr("%1 tokens").arg(saved), saved);
    context_box_->setCurrentIndex(context_box_->findData(saved));

    keep_box_ = new QSpinBox(this);
    keep_box_->setObjectName(QStringLiteral("keep-loaded"));
    keep_box_->setRange(1, kMostKeptLoaded);
    keep_box_->setValue(context_.keepLoaded());
    keep_box_->setToolTip(tr("More models stay ready to answer at once; each takes its memory "
                             "until it is unloaded."));

    estimate_ = new QLabel(this);
    estimate_->setObjectName(QStringLiteral("context-estimate"));
    estimate_->setWordWrap(true);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Context length:"), this));
    row->addWidget(context_box_);
    row->addSpacing(24);
    row->addWidget(new QLabel(tr("Models kept loaded:"), this));
    row->addWidget(keep_box_);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(estimate_);

    connect(context_box_, &QComboBox::activated, this, [this](int index) {
        if (storage::StorageResult<void> r =
                context_.setContextLength(context_box_->itemData(index).toInt());
            !r)
            emit message(r.message());
        updateEstimate();
    });
    connect(keep_box_, &QSpinBox::valueChanged, this, [this](int n) {
        if (storage::StorageResult<void> r = context_.setKeepLoaded(n); !r)
            emit message(r.message());
    });

    // Finding the GPU's memory enumerates Vulkan devices: a moment, never on this thread.
    auto* watcher = new QFutureWatcher<catalog::MachineMemory>(this);
    connect(watcher, &QFutureWatcher<catalog::MachineMemory>::finished, this, [this, watcher] {
        if (!machine_)
            setMachine(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&catalog::detect_machine_memory));
    updateEstimate();
}

void LoadSettingsPanel::setSummary(const QJsonObject& summary)
{
    summary_ = summary;
    updateEstimate();
}

void LoadSettingsPanel::setMachine(const catalog::MachineMemory& machine)
{
    machine_ = machine;
    updateEstimate();
}

void LoadSettingsPanel::updateEstimate()
{
    if (summary_.isEmpty() || !summary_.value(QStringLiteral("runnable")).toBool()) {
        estimate_->setText(tr("Select a model file to see what it needs in memory."));
        return;
    }
    const int requested = context_box_->currentData().toInt();
    // Until the machine is known the estimate is shown without the verdict.
    estimate_->setText(app::describe_context_memory(summary_, requested,
                                                    machine_.value_or(catalog::MachineMemory{})));
}

} // namespace kurabe::ui
