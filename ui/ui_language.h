// The language of the window's text. The user picks System, English or 日本語 (stored in the
// profile's settings under kUiLanguageSetting); KURABE_LANG overrides the choice for one run.
// Kurabe's translations are compiled into the binary under ":/i18n"; Qt's own (dialog buttons,
// context menus) come from Qt's translations folder when the system has them. A choice takes
// effect at the next start: the translators are installed before the main window is built.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace kurabe::ui {

// SettingsStore key; the value is one of ui_language_choices().
inline const QString kUiLanguageSetting = QStringLiteral("ui.language");
inline const QString kSystemLanguage = QStringLiteral("system");

// "system", then the languages Kurabe has text in ("en", "ja").
QStringList ui_language_choices();

// The language to show, "en" or "ja". `override` (KURABE_LANG) wins when it is not empty; it and
// `setting` may be a code ("ja"), a locale name ("ja_JP.UTF-8") or "system", which follows
// `system`. A language Kurabe has no text in reads as English.
QString resolve_ui_language(const QString& setting, const QString& override,
                            const QLocale& system = QLocale::system());

// Installs the translators for `language` ("ja") into `app`, which owns them. English needs
// none. Returns an empty string, or why Kurabe's own translation could not be loaded (Qt's
// missing translation is not an error: its dialogs then stay in English).
QString install_ui_translations(QCoreApplication& app, const QString& language);

// The language of the installed translation ("en" when none is installed). The catalog uses it
// to pick an entry's description.
QString current_ui_language();

} // namespace kurabe::ui
