#include "ui/models/models_page.h"

#include "ui/models/load_settings_panel.h"
#include "ui/models/model_file_table_model.h"
#include "ui/models/watched_folders_panel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace kurabe::ui {

ModelsPage::ModelsPage(app::AppContext& context, QWidget* parent)
    : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("models-page"));
    setAcceptDrops(true);
    model_ = new ModelFileTableModel(context.library(), this);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Model files"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    auto* hint = new QLabel(tr("GGUF files on this computer. Add files with the button or drop "
                               "them here; each is checked and its SHA-256 computed in the "
                               "background."),
                            this);
    hint->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add GGUF file…"), this);
    add->setObjectName(QStringLiteral("add-model"));
    auto* rehash = new QPushButton(tr("Verify again"), this);
    rehash->setObjectName(QStringLiteral("rehash-model"));
    auto* remove = new QPushButton(tr("Remove from library"), this);
    remove->setObjectName(QStringLiteral("remove-model"));
    auto* erase = new QPushButton(tr("Delete file…"), this);
    erase->setObjectName(QStringLiteral("delete-model-file"));
    buttons->addWidget(add);
    buttons->addWidget(rehash);
    buttons->addWidget(remove);
    buttons->addWidget(erase);
    buttons->addStretch(1);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("model-table"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("models-message"));
    message_->setWordWrap(true);
    message_->hide();

    folders_ = new WatchedFoldersPanel(context.watchedFolders(), this);
    load_settings_ = new LoadSettingsPanel(context, this);

    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addWidget(folders_);
    layout->addLayout(buttons);
    layout->addWidget(message_);
    layout->addWidget(table_, 1);
    layout->addWidget(load_settings_);

    connect(add, &QPushButton::clicked, this, &ModelsPage::chooseFiles);
    connect(rehash, &QPushButton::clicked, this, &ModelsPage::rehashSelected);
    connect(remove, &QPushButton::clicked, this, &ModelsPage::removeSelected);
    connect(erase, &QPushButton::clicked, this, &ModelsPage::deleteSelectedFromDisk);
    connect(folders_, &WatchedFoldersPanel::message, this, &ModelsPage::showMessage);
    connect(load_settings_, &LoadSettingsPanel::message, this, &ModelsPage::showMessage);
    // The memory estimate is for the file selected last.
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                load_settings_->setSummary(
                    current.isValid() ? model_->file(current.row()).gguf_summary : QJsonObject());
            });
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(this, tr("Delete model files"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };
    connect(model_, &ModelFileTableModel::storageError, this, &ModelsPage::showMessage);
    connect(&context.library(), &app::ModelLibrary::storageError, this, &ModelsPage::showMessage);
    connect(&context.library(), &app::ModelLibrary::hashChanged, this,
            [this](qint64, const QString& path, const QString& before, const QString& now) {
                showMessage(tr("%1 changed since it was last verified (sha256 was %2…, is now "
                               "%3…): it was modified or is damaged; download it again if you "
                               "did not change it.")
                                .arg(path, before.left(12), now.left(12)));
            });
    if (storage::StorageResult<void> r = model_->reload(); !r)
        showMessage(r.message());
    table_->resizeColumnsToContents();
}

void ModelsPage::addFiles(const QStringList& paths)
{
    QStringList problems;
    for (const QString& path : paths) {
        // Added by hand: a watched folder may list it again if it is removed later.
        context_.watchedFolders().forgetRemoval(path);
        if (storage::StorageResult<qint64> id = context_.library().addFile(path); !id)
            problems << id.message();
    }
    showMessage(problems.join(QLatin1Char('\n')));
}

void ModelsPage::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Add GGUF files"),
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
        tr("GGUF models (*.gguf);;All files (*)"));
    addFiles(paths);
}

QList<std::pair<qint64, QString>> ModelsPage::selectedFiles() const
{
    QList<std::pair<qint64, QString>> files;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        files.append({index.data(ModelFileTableModel::IdRole).toLongLong(),
                      index.data(ModelFileTableModel::PathRole).toString()});
    return files;
}

void ModelsPage::removeSelected()
{
    for (const auto& [id, path] : selectedFiles()) {
        if (storage::StorageResult<void> r = context_.library().removeFile(id); !r)
            showMessage(r.message());
        else
            context_.watchedFolders().noteRemoved(path);
    }
}

void ModelsPage::deleteSelectedFromDisk()
{
    const QList<std::pair<qint64, QString>> files = selectedFiles();
    if (files.isEmpty())
        return;
    QStringList paths;
    for (const auto& file : files)
        paths << file.second;
    if (!confirm_(tr("Delete %n file(s) from the disk? This cannot be undone.\n\n%1", nullptr,
                     static_cast<int>(paths.size()))
                      .arg(paths.join(QLatin1Char('\n')))))
        return;
    QStringList problems;
    for (const auto& [id, path] : files) {
        // Deleted first: a file that cannot be deleted stays in the library, as it is on disk.
        QFile file(path);
        if (file.exists() && !file.remove()) {
            problems << tr("%1 could not be deleted: %2").arg(path, file.errorString());
            continue;
        }
        if (storage::StorageResult<void> r = context_.library().removeFile(id); !r)
            problems << r.message();
    }
    showMessage(problems.join(QLatin1Char('\n')));
}

void ModelsPage::rehashSelected()
{
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        context_.library().inspect(index.data(ModelFileTableModel::IdRole).toLongLong());
}

void ModelsPage::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && !gguf_paths(event->mimeData()->urls()).isEmpty())
        event->acceptProposedAction();
}

void ModelsPage::dropEvent(QDropEvent* event)
{
    const QStringList paths = gguf_paths(event->mimeData()->urls());
    if (paths.isEmpty())
        return;
    addFiles(paths);
    event->acceptProposedAction();
}

void ModelsPage::showMessage(const QString& text)
{
    message_->setText(text);
    message_->setVisible(!text.isEmpty());
}

QStringList gguf_paths(const QList<QUrl>& urls)
{
    QStringList paths;
    for (const QUrl& url : urls) {
        if (url.isLocalFile() &&
            url.toLocalFile().endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace kurabe::ui
