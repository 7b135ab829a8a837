#include "ui/models/watched_folders_panel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStandardPaths>
#include <QStringListModel>
#include <QVBoxLayout>

namespace kurabe::ui {

WatchedFoldersPanel::WatchedFoldersPanel(app::WatchedFolders& folders, QWidget* parent)
    : QWidget(parent), folders_(folders)
{
    setObjectName(QStringLiteral("watched-folders"));
    model_ = new QStringListModel(this);
    list_ = new QListView(this);
    list_->setObjectName(QStringLiteral("watched-folder-list"));
    list_->setModel(model_);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // A few folders at most: the list stays short so the table keeps the room.
    list_->setMaximumHeight(list_->fontMetrics().height() * 5);

    auto* watch = new QPushButton(tr("Watch folder…"), this);
    watch->setObjectName(QStringLiteral("watch-folder"));
    auto* unwatch = new QPushButton(tr("Stop watching"), this);
    unwatch->setObjectName(QStringLiteral("unwatch-folder"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(watch);
    buttons->addWidget(unwatch);
    buttons->addStretch(1);

    auto* label =
        new QLabel(tr("Watched folders: new .gguf files in them are added by themselves."), this);
    label->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(list_, 1);
    row->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addLayout(row);

    connect(watch, &QPushButton::clicked, this, &WatchedFoldersPanel::chooseFolder);
    connect(unwatch, &QPushButton::clicked, this, &WatchedFoldersPanel::unwatchSelected);
    connect(&folders_, &app::WatchedFolders::foldersChanged, this, &WatchedFoldersPanel::reload);
    connect(&folders_, &app::WatchedFolders::error, this, &WatchedFoldersPanel::message);
    reload();
}

void WatchedFoldersPanel::watchFolder(const QString& folder)
{
    if (storage::StorageResult<void> r = folders_.addFolder(folder); !r)
        emit message(r.message());
}

void WatchedFoldersPanel::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Watch a folder for GGUF files"),
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    if (!folder.isEmpty())
        watchFolder(folder);
}

void WatchedFoldersPanel::unwatchSelected()
{
    const QModelIndex current = list_->currentIndex();
    if (!current.isValid())
        return;
    if (storage::StorageResult<void> r = folders_.removeFolder(current.data().toString()); !r)
        emit message(r.message());
}

void WatchedFoldersPanel::reload()
{
    model_->setStringList(folders_.folders());
}

} // namespace kurabe::ui
