// The Models workspace: the library of GGUF files. Add files with the button or by dropping
// them on the page; each is read and hashed in the background; remove a file from the
// library (the file stays on disk), or read and hash it again.
#pragma once

#include "app/app_context.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace kurabe::ui {

class ModelFileTableModel;

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
    void rehashSelected();

    ModelFileTableModel* tableModel() const { return model_; }
    QTableView* tableView() const { return table_; }
    QLabel* messageLabel() const { return message_; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void showMessage(const QString& text);

    app::AppContext& context_;
    ModelFileTableModel* model_;
    QTableView* table_;
    QLabel* message_;
};

// The local .gguf files among dropped URLs.
QStringList gguf_paths(const QList<QUrl>& urls);

} // namespace kurabe::ui
