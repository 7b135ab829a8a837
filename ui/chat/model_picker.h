// The Chat page's model choice: the runnable local models of the library and the configured
// remote providers' models together in one combo box, with the load state beside it (an
// progress bar with its stage and a Cancel button while a local model loads on its worker
// thread, then "Vulkan: <GPU>", "CPU: <reason>" or "Remote: <host>"). The first model is chosen for
// the user, so a new library is ready to chat.
#pragma once

#include "app/app_context.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace kurabe::ui {

class ModelPicker : public QWidget
{
    Q_OBJECT
public:
    explicit ModelPicker(app::AppContext& context, QWidget* parent = nullptr);

    // Item data: Qt::UserRole holds the local path or app::remoteModelKey(); these the parts.
    enum Role
    {
        ProviderRole = Qt::UserRole + 1,
        RemoteModelRole,
    };

    // Reads the library and the remote models again; returns whether there is anything to
    // chat with or about (a file in the library, runnable or not, or a remote model).
    bool reload();
    // Chooses the model a stored target names ({"kind":"local","path":...} or
    // {"kind":"remote","provider":...,"model":...}): a local one when it is in the library, a
    // remote one even before its provider's list arrives.
    void chooseTarget(const QJsonObject& target);
    QComboBox* comboBox() const { return combo_; }
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* cancelButton() const { return cancel_; }

signals:
    // The library gained or lost its files (for the first-run welcome state).
    void libraryChanged(bool has_models);
    // The chosen model is loaded (ok) or could not be (error says why).
    void modelReady(bool ok, const QString& error);
    void storageError(const QString& message);

private:
    void choose(int index);
    void showLoaded(const QString& key);

    app::AppContext& context_;
    QComboBox* combo_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QLabel* state_;
};

} // namespace kurabe::ui
