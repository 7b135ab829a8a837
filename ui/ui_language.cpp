#include "ui/ui_language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QTranslator>

namespace kurabe::ui {

namespace {

const QString k_english = QStringLiteral("en");
const QString k_japanese = QStringLiteral("ja");

// "ja_JP.UTF-8" -> "ja"; "EN" -> "en".
QString language_code(const QString& name)
{
    QString code = name.trimmed().toLower();
    const qsizetype end = code.indexOf(QRegularExpression(QStringLiteral("[_.@-]")));
    return end < 0 ? code : code.left(end);
}

QString supported_or_english(const QString& code)
{
    return code == k_japanese ? k_japanese : k_english;
}

} // namespace

QStringList ui_language_choices()
{
    return {kSystemLanguage, k_english, k_japanese};
}

QString resolve_ui_language(const QString& setting, const QString& override, const QLocale& system)
{
    const QString chosen = language_code(override.trimmed().isEmpty() ? setting : override);
    if (chosen.isEmpty() || chosen == kSystemLanguage) {
        // uiLanguages() lists the user's preferred languages in order ("ja-JP", "en-US").
        for (const QString& name : system.uiLanguages()) {
            const QString code = language_code(name);
            if (code == k_japanese || code == k_english)
                return code;
        }
        return k_english;
    }
    return supported_or_english(chosen);
}

QString install_ui_translations(QCoreApplication& app, const QString& language)
{
    if (language == k_english)
        return {};
    auto* own = new QTranslator(&app);
    const QString own_file = QStringLiteral(":/i18n/kurabe_%1.qm").arg(language);
    if (!own->load(own_file)) {
        delete own;
        return QCoreApplication::translate("kurabe::ui::UiLanguage",
                                           "%1 is missing from this build of Kurabe, so the "
                                           "window stays in English")
            .arg(own_file);
    }
    QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_") + language,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return {};
}

QString current_ui_language()
{
    // Each translation translates this marker into its own language code.
    return QCoreApplication::translate("kurabe::ui::UiLanguage", "en",
                                       "the code of the language of this translation");
}

} // namespace kurabe::ui
