// The Models page's watched folders: the list, "Watch folder…" (a folder dialog) and "Stop
// watching". New .gguf files in these folders join the library by themselves (WatchedFolders).
#pragma once

#include "app/library/watched_folders.h"

#include <QWidget>

class QListView;
class QStringListModel;

namespace kurabe::ui {

class WatchedFoldersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WatchedFoldersPanel(app::WatchedFolders& folders, QWidget* parent = nullptr);

    // Watches `folder`; a problem (not a folder, already watched) is reported by message().
    void watchFolder(const QString& folder);
    // Opens the folder dialog.
    void chooseFolder();
    void unwatchSelected();

    QListView* listView() const { return list_; }
    QStringListModel* listModel() const { return model_; }

signals:
    void message(const QString& text);

private:
    void reload();

    app::WatchedFolders& folders_;
    QStringListModel* model_;
    QListView* list_;
};

} // namespace kurabe::ui
