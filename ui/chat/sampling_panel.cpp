#include "ui/chat/sampling_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTimer>

namespace kurabe::ui {

namespace {

constexpr int kDefaultMaxTokens = 512;
constexpr int kRandomSeed = -1; // the seed box's "Random" value

} // namespace

const std::vector<SamplingPreset>& sampling_presets()
{
    static const std::vector<SamplingPreset> presets = {
        {QT_TRANSLATE_NOOP("kurabe::ui::SamplingPanel", "Precise"), 0.2, 0.9, 40},
        {QT_TRANSLATE_NOOP("kurabe::ui::SamplingPanel", "Balanced"), 0.7, 0.95, 40},
        {QT_TRANSLATE_NOOP("kurabe::ui::SamplingPanel", "Creative"), 1.0, 0.98, 100},
    };
    return presets;
}

SamplingPanel::SamplingPanel(QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("sampling-preset"));
    for (const SamplingPreset& p : sampling_presets())
        preset_->addItem(tr(p.name));
    preset_->addItem(tr("Custom"));
    system_prompt_ = new QPlainTextEdit(this);
    system_prompt_->setObjectName(QStringLiteral("system-prompt"));
    system_prompt_->setPlaceholderText(tr("System prompt (optional)"));
    system_prompt_->setMaximumHeight(100);
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setObjectName(QStringLiteral("temperature"));
    temperature_->setRange(0, 2);
    temperature_->setSingleStep(0.05);
    temperature_->setToolTip(tr("0 always picks the most likely token (greedy)."));
    top_p_ = new QDoubleSpinBox(this);
    top_p_->setRange(0.01, 1);
    top_p_->setSingleStep(0.01);
    top_k_ = new QSpinBox(this);
    top_k_->setRange(0, 1000);
    top_k_->setSpecialValueText(tr("off"));
    max_tokens_ = new QSpinBox(this);
    max_tokens_->setObjectName(QStringLiteral("max-tokens"));
    max_tokens_->setRange(1, 131072);
    max_tokens_->setValue(kDefaultMaxTokens);
    seed_ = new QSpinBox(this);
    seed_->setObjectName(QStringLiteral("seed"));
    seed_->setRange(kRandomSeed, 2147483647);
    seed_->setSpecialValueText(tr("random"));
    seed_->setValue(kRandomSeed);

    form->addRow(tr("Preset"), preset_);
    form->addRow(tr("System"), system_prompt_);
    form->addRow(tr("Temperature"), temperature_);
    form->addRow(tr("Top-p"), top_p_);
    form->addRow(tr("Top-k"), top_k_);
    form->addRow(tr("Max tokens"), max_tokens_);
    form->addRow(tr("Seed"), seed_);
    applyPreset(1);

    connect(preset_, &QComboBox::activated, this, [this](int index) {
        if (index < static_cast<int>(sampling_presets().size())) {
            applyPreset(index);
            emit samplingChanged();
        }
    });
    for (QDoubleSpinBox* box : {temperature_, top_p_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SamplingPanel::markCustom);
    for (QSpinBox* box : {top_k_, max_tokens_, seed_})
        connect(box, &QSpinBox::valueChanged, this, &SamplingPanel::markCustom);
    // The system prompt is saved once typing pauses, not on every key.
    auto* prompt_timer = new QTimer(this);
    prompt_timer->setSingleShot(true);
    prompt_timer->setInterval(500);
    connect(system_prompt_, &QPlainTextEdit::textChanged, this, [this, prompt_timer] {
        if (!updating_)
            prompt_timer->start();
    });
    connect(prompt_timer, &QTimer::timeout, this, &SamplingPanel::systemPromptChanged);
}

void SamplingPanel::setValues(const QString& system_prompt,
                              const inference::SamplingParams& sampling)
{
    updating_ = true;
    system_prompt_->setPlainText(system_prompt);
    const SamplingPreset& balanced = sampling_presets()[1];
    temperature_->setValue(sampling.temperature.value_or(balanced.temperature));
    top_p_->setValue(sampling.top_p.value_or(balanced.top_p));
    top_k_->setValue(sampling.top_k.value_or(balanced.top_k));
    max_tokens_->setValue(sampling.max_tokens.value_or(kDefaultMaxTokens));
    seed_->setValue(sampling.seed ? static_cast<int>(*sampling.seed) : kRandomSeed);
    int preset = static_cast<int>(sampling_presets().size()); // Custom
    for (size_t i = 0; i < sampling_presets().size(); ++i) {
        const SamplingPreset& p = sampling_presets()[i];
        if (qFuzzyCompare(temperature_->value(), p.temperature) &&
            qFuzzyCompare(top_p_->value(), p.top_p) && top_k_->value() == p.top_k)
            preset = static_cast<int>(i);
    }
    preset_->setCurrentIndex(preset);
    updating_ = false;
}

QString SamplingPanel::systemPrompt() const
{
    return system_prompt_->toPlainText();
}

inference::SamplingParams SamplingPanel::sampling() const
{
    inference::SamplingParams s;
    s.temperature = temperature_->value();
    s.top_p = top_p_->value();
    if (top_k_->value() > 0)
        s.top_k = top_k_->value();
    s.max_tokens = max_tokens_->value();
    if (seed_->value() != kRandomSeed)
        s.seed = static_cast<quint64>(seed_->value());
    return s;
}

void SamplingPanel::applyPreset(int index)
{
    const SamplingPreset& p = sampling_presets()[static_cast<size_t>(index)];
    updating_ = true;
    temperature_->setValue(p.temperature);
    top_p_->setValue(p.top_p);
    top_k_->setValue(p.top_k);
    preset_->setCurrentIndex(index);
    updating_ = false;
}

void SamplingPanel::markCustom()
{
    if (updating_)
        return;
    preset_->setCurrentIndex(static_cast<int>(sampling_presets().size()));
    emit samplingChanged();
}

} // namespace kurabe::ui
