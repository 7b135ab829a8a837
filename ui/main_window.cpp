#include "main_window.h"

#include "app_context.h"
#include "placeholder_page.h"
#include "resources.h"
#include "storage/stores/settings_store.h"
#include "ui/catalog/catalog_page.h"
#include "ui/chat/chat_page.h"
#include "ui/compare/compare_page.h"
#include "ui/models/models_page.h"
#include "ui/ui_language.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace kurabe::ui {

namespace {

struct PageSpec
{
    const char* key; // object name suffix and settings value
    const char* title;
    const char* purpose;
};

// Sidebar order; matches MainWindow::Page.
const PageSpec k_pages[MainWindow::PageCount] = {
    {"chats", QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "Chats"),
     QT_TRANSLATE_NOOP("kurabe::ui::MainWindow",
                       "Chat offline with local models, or with a remote provider.")},
    {"compare", QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "Compare"),
     QT_TRANSLATE_NOOP("kurabe::ui::MainWindow",
                       "Send the same prompts to several models and compare their answers side "
                       "by side: measured, rated and saved.")},
    {"catalog", QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "Catalog"),
     QT_TRANSLATE_NOOP("kurabe::ui::MainWindow",
                       "Browse models with their context lengths, licenses and local downloads.")},
    {"models", QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "Models"),
     QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "The GGUF model files on this computer.")},
    {"settings", QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "Settings"),
     QT_TRANSLATE_NOOP("kurabe::ui::MainWindow", "Devices, providers, appearance and data.")},
};

const QString k_geometry_key = QStringLiteral("window/geometry");
const QString k_state_key = QStringLiteral("window/state");
const QString k_page_key = QStringLiteral("window/page");

} // namespace

MainWindow::MainWindow(QSettings& settings, QWidget* parent) : MainWindow(settings, nullptr, parent)
{}

MainWindow::MainWindow(QSettings& settings, app::AppContext& context, QWidget* parent)
    : MainWindow(settings, &context, parent)
{}

MainWindow::MainWindow(QSettings& settings, app::AppContext* context, QWidget* parent)
    : QMainWindow(parent), settings_(settings)
{
    setWindowTitle(QStringLiteral("Kurabe"));
    setWindowIcon(resources::app_icon());
    setObjectName(QStringLiteral("main-window"));

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    sidebar_ = new QListWidget(central);
    sidebar_->setObjectName(QStringLiteral("sidebar"));
    sidebar_->setFrameShape(QFrame::NoFrame);
    sidebar_->setFixedWidth(168);
    sidebar_->setSpacing(2);
    pages_ = new QStackedWidget(central);
    pages_->setObjectName(QStringLiteral("pages"));

    for (const PageSpec& spec : k_pages) {
        const QString title = tr(spec.title);
        auto* item = new QListWidgetItem(title, sidebar_);
        item->setData(Qt::UserRole, QString::fromLatin1(spec.key));
        item->setSizeHint(QSize(0, 36));
        // The catalog keeps its database beside window.ini, in the profile's data directory.
        QWidget* page = qstrcmp(spec.key, "catalog") == 0
                            ? static_cast<QWidget*>(new CatalogPage(
                                  QFileInfo(settings_.fileName()).absolutePath(), pages_))
                            : new PlaceholderPage(title, tr(spec.purpose), pages_);
        if (context && qstrcmp(spec.key, "chats") == 0) {
            delete page;
            page = new ChatPage(*context, pages_);
        } else if (context && qstrcmp(spec.key, "compare") == 0) {
            delete page;
            page = new ComparePage(*context, pages_);
        } else if (context && qstrcmp(spec.key, "models") == 0) {
            delete page;
            page = new ModelsPage(*context, pages_);
        }
        page->setObjectName(QStringLiteral("page-") + QString::fromLatin1(spec.key));
        pages_->addWidget(page);
    }
    layout->addWidget(sidebar_);
    layout->addWidget(pages_, 1);
    setCentralWidget(central);

    connect(sidebar_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
    if (context)
        build_language_menu(context->settings());
    if (auto* chat = qobject_cast<ChatPage*>(page_widget(Chats))) {
        // The first-run choices lead to the pages that give a model.
        connect(chat, &ChatPage::catalogRequested, this, [this] { show_page(Catalog); });
        connect(chat, &ChatPage::providerRequested, this, [this] { show_page(Settings); });
        connect(chat, &ChatPage::addModelRequested, this, [this] {
            show_page(Models);
            if (auto* models = qobject_cast<ModelsPage*>(page_widget(Models)))
                models->chooseFiles();
        });
    }
    if (auto* compare = qobject_cast<ComparePage*>(page_widget(Compare))) {
        // "Continue in chat": the conversation made from an answer opens on the Chats page.
        connect(compare, &ComparePage::conversationCreated, this, [this](qint64 id) {
            if (auto* chat = qobject_cast<ChatPage*>(page_widget(Chats))) {
                chat->openConversation(id);
                show_page(Chats);
            }
        });
    }

    // Restore where the user left off; the first run gets a comfortable size on the screen.
    if (!restoreGeometry(settings_.value(k_geometry_key).toByteArray())) {
        QSize size(1200, 780);
        if (const QScreen* screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.9);
        resize(size);
    }
    restoreState(settings_.value(k_state_key).toByteArray());
    const QString last = settings_.value(k_page_key).toString();
    Page start = Chats;
    for (int i = 0; i < PageCount; ++i) {
        if (last == QLatin1String(k_pages[i].key))
            start = static_cast<Page>(i);
    }
    show_page(start);
}

void MainWindow::build_language_menu(storage::SettingsStore& store)
{
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* menu = view->addMenu(tr("&Language"));
    menu->setObjectName(QStringLiteral("language-menu"));
    auto* group = new QActionGroup(menu);
    const auto saved = store.text(kUiLanguageSetting, kSystemLanguage);
    const QString current = saved ? *saved : kSystemLanguage;
    // Each language is named in itself, so it can be found whatever the window shows now.
    const QString titles[] = {tr("&System"), QStringLiteral("&English"),
                              QStringLiteral("日本語 (&J)")};
    const QStringList codes = ui_language_choices();
    for (int i = 0; i < codes.size(); ++i) {
        QAction* action = menu->addAction(titles[i]);
        action->setObjectName(QStringLiteral("language-") + codes[i]);
        action->setCheckable(true);
        action->setChecked(codes[i] == current);
        action->setData(codes[i]);
        group->addAction(action);
    }
    connect(group, &QActionGroup::triggered, this, [this, &store](QAction* action) {
        const auto stored = store.set_text(kUiLanguageSetting, action->data().toString());
        statusBar()->showMessage(
            stored ? tr("The language changes when Kurabe starts again.")
                   : tr("The language could not be saved: %1").arg(stored.message()));
    });
}

void MainWindow::show_page(Page page)
{
    sidebar_->setCurrentRow(page);
}

MainWindow::Page MainWindow::current_page() const
{
    return static_cast<Page>(pages_->currentIndex());
}

QWidget* MainWindow::page_widget(Page page) const
{
    return pages_->widget(page);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    save_state();
    QMainWindow::closeEvent(event);
}

void MainWindow::save_state()
{
    settings_.setValue(k_geometry_key, saveGeometry());
    settings_.setValue(k_state_key, saveState());
    settings_.setValue(k_page_key, QString::fromLatin1(k_pages[current_page()].key));
    settings_.sync();
}

} // namespace kurabe::ui
