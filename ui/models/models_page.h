// The Models workspace: the library of GGUF files. Add files with the button, by dropping
// them on the page or by watching a folder; each is read and hashed in the background (a file
// that cannot be used is listed with the reason); remove a file from the library (the file
// stays on disk), delete it from disk after a confirmation, or read and hash it again.
#pragma once

#include "app/app_context.h"

#include <QWidget>

#include <functional>

class QLabel;
class QTableView;

namespace kurabe::ui {

class ModelFileTableModel;
class LoadSettingsPanel;
class WatchedFoldersPanel;

class ModelsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ModelsPage(app::AppContext& context, QWidget* parent = nullptr);

    // Adds the files; errors (already in the library, unreadable database) are shown.
    void addFiles(const QStringList& paths);
    // Opens the file dialog.
    void chooseFiles();
    void removeSelected();
    // Asks first (confirmation()), then removes the selected files from the library and
    // deletes them from disk.
    void deleteSelectedFromDisk();
    void rehashSelected();

    ModelFileTableModel* tableModel() const { return model_; }
    QTableView* tableView() const { return table_; }
    QLabel* messageLabel() const { return message_; }
    WatchedFoldersPanel* watchedFoldersPanel() const { return folders_; }
    LoadSettingsPanel* loadSettingsPanel() const { return load_settings_; }

    // How the page asks "delete these files?": a message box by default; tests answer it.
    using Confirmation = std::function<bool(const QString& question)>;
    void setConfirmation(Confirmation confirm) { confirm_ = std::move(confirm); }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void showMessage(const QString& text);
    // The selected rows' ids and paths.
    QList<std::pair<qint64, QString>> selectedFiles() const;

    app::AppContext& context_;
    ModelFileTableModel* model_;
    QTableView* table_;
    QLabel* message_;
    WatchedFoldersPanel* folders_;
    LoadSettingsPanel* load_settings_;
    Confirmation confirm_;
};

// The local .gguf files among dropped URLs.
QStringList gguf_paths(const QList<QUrl>& urls);

} // namespace kurabe::ui
