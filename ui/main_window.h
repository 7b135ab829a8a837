// The main window: a sidebar of workspaces (Chats, Compare, Catalog, Models, Settings) and the
// page of the chosen one. Remembers its geometry and last page between runs.
#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QSettings;

namespace kurabe::app {
class AppContext;
}
namespace kurabe::storage {
class SettingsStore;
}

namespace kurabe::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Pages, in sidebar order. Their object names are "page-chats", "page-compare", ...
    enum Page
    {
        Chats,
        Compare,
        Catalog,
        Models,
        Settings,
        PageCount
    };

    // `settings` holds the window state; the caller owns it and keeps it alive.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);
    // With the profile's services: the Chats, Compare and Models pages are the real workspaces.
    // `context` must outlive the window.
    MainWindow(QSettings& settings, app::AppContext& context, QWidget* parent = nullptr);

    void show_page(Page page);
    Page current_page() const;
    QWidget* page_widget(Page page) const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    MainWindow(QSettings& settings, app::AppContext* context, QWidget* parent);
    void save_state();
    // View > Language: System / English / 日本語, saved in the profile; applied at next start.
    void build_language_menu(storage::SettingsStore& store);

    QSettings& settings_;
    QListWidget* sidebar_ = nullptr;
    QStackedWidget* pages_ = nullptr;
};

} // namespace kurabe::ui
