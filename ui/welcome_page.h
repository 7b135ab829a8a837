// What the Chat page shows before any model is in the library: the three ways to get one, so
// the first window is never empty and silent.
#pragma once

#include <QWidget>

namespace kurabe::ui {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

signals:
    void browseCatalogRequested();
    void addModelFileRequested();
    void connectProviderRequested();
};

} // namespace kurabe::ui
