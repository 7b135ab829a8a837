// A conversation's system prompt and sampling parameters (temperature, top-p, top-k, max
// tokens, seed), with presets. Shown beside the chat; what it holds is stored with the
// conversation (ConversationStore::set_system_prompt / set_defaults) by the Chat page.
#pragma once

#include "inference/backend.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QPlainTextEdit;
class QSpinBox;

namespace kurabe::ui {

struct SamplingPreset
{
    const char* name;
    double temperature;
    double top_p;
    int top_k;
};

// Precise, Balanced, Creative.
const std::vector<SamplingPreset>& sampling_presets();

class SamplingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SamplingPanel(QWidget* parent = nullptr);

    // Shows these values (no changed() signal).
    void setValues(const QString& system_prompt, const inference::SamplingParams& sampling);
    QString systemPrompt() const;
    inference::SamplingParams sampling() const;
    void applyPreset(int index);

    QPlainTextEdit* systemPromptEdit() const { return system_prompt_; }
    QDoubleSpinBox* temperatureBox() const { return temperature_; }
    QSpinBox* maxTokensBox() const { return max_tokens_; }
    QSpinBox* seedBox() const { return seed_; }

signals:
    void samplingChanged();
    void systemPromptChanged();

private:
    void markCustom();

    QComboBox* preset_;
    QPlainTextEdit* system_prompt_;
    QDoubleSpinBox* temperature_;
    QDoubleSpinBox* top_p_;
    QSpinBox* top_k_;
    QSpinBox* max_tokens_;
    QSpinBox* seed_;
    bool updating_ = false;
};

} // namespace kurabe::ui
