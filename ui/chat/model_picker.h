// The Chat page's model choice: the runnable local models of the library in a combo box, with
// the load state beside it (an indeterminate bar while the model loads on its worker thread,
// then "cpu · <device>" or "vulkan · <GPU>"). The first model is chosen for the user, so a new
// library is ready to chat.
#pragma once

#include "app/app_context.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;

namespace kurabe::ui {

class ModelPicker : public QWidget
{
    Q_OBJECT
public:
    explicit ModelPicker(app::AppContext& context, QWidget* parent = nullptr);

    // Reads the library again; returns whether it holds any file (runnable or not).
    bool reload();
    // Chooses the model file at `path` when it is in the list.
    void choosePath(const QString& path);
    QComboBox* comboBox() const { return combo_; }

signals:
    // The library gained or lost its files (for the first-run welcome state).
    void libraryChanged(bool has_files);
    // The chosen model is loaded (ok) or could not be (error says why).
    void modelReady(bool ok, const QString& error);
    void storageError(const QString& message);

private:
    void choose(int index);

    app::AppContext& context_;
    QComboBox* combo_;
    QProgressBar* progress_;
    QLabel* state_;
};

} // namespace kurabe::ui
