#include "placeholder_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace kurabe::ui {

PlaceholderPage::PlaceholderPage(const QString& title, const QString& purpose, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    auto* heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("page-title"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    auto* text = new QLabel(purpose, this);
    text->setWordWrap(true);
    text->setObjectName(QStringLiteral("page-purpose"));
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch(1);
}

} // namespace kurabe::ui
