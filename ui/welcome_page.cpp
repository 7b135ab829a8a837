#include "ui/welcome_page.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace kurabe::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcome"));
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto* title = new QLabel(tr("Welcome to Kurabe"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(tr("To chat, Kurabe needs a model. Download one from the catalog, add "
                               "a GGUF file you already have, or connect a remote provider."),
                            this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    layout->addWidget(text);

    struct Choice
    {
        const char* name;
        QString label;
        void (WelcomePage::*signal)();
    };
    const Choice choices[] = {
        {"welcome-catalog", tr("Browse the catalog"), &WelcomePage::browseCatalogRequested},
        {"welcome-add-file", tr("Add a GGUF file…"), &WelcomePage::addModelFileRequested},
        {"welcome-provider", tr("Connect a provider"), &WelcomePage::connectProviderRequested},
    };
    for (const Choice& choice : choices) {
        auto* button = new QPushButton(choice.label, this);
        button->setObjectName(QLatin1String(choice.name));
        button->setMinimumWidth(260);
        layout->addWidget(button, 0, Qt::AlignHCenter);
        connect(button, &QPushButton::clicked, this, choice.signal);
    }
    layout->addStretch(2);
}

} // namespace kurabe::ui
