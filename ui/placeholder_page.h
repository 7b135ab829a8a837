// A workspace page that has its title and purpose but no content yet; each workspace's issue
// replaces it with the real page.
#pragma once

#include <QWidget>

namespace kurabe::ui {

class PlaceholderPage : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QString& title, const QString& purpose, QWidget* parent = nullptr);
};

} // namespace kurabe::ui
