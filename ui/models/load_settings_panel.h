// The Models page's loading settings: the context length local models are loaded with (the
// model's default or a fixed number of tokens), with what that length would take in memory for
// the selected file, and how many models stay loaded at once. Both are saved in the profile;
// a new context length loads the chosen model again.
#pragma once

#include "app/app_context.h"
#include "catalog/machine_memory.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;

namespace kurabe::ui {

class LoadSettingsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LoadSettingsPanel(app::AppContext& context, QWidget* parent = nullptr);

    // The file whose memory needs are shown (its gguf_summary); empty: none.
    void setSummary(const QJsonObject& summary);
    // Tests give the machine instead of waiting for the detection.
    void setMachine(const catalog::MachineMemory& machine);

    QComboBox* contextBox() const { return context_box_; }
    QSpinBox* keepLoadedBox() const { return keep_box_; }
    QLabel* estimateLabel() const { return estimate_; }

signals:
    void message(const QString& text);

private:
    void updateEstimate();

    app::AppContext& context_;
    QComboBox* context_box_;
    QSpinBox* keep_box_;
    QLabel* estimate_;
    QJsonObject summary_;
    std::optional<catalog::MachineMemory> machine_; // detected on a worker thread
};

} // namespace kurabe::ui
