#include "localization.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Flow::Studio {

QString installTranslations(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto app = new QTranslator(QCoreApplication::instance());
    if (!app->load(locale, QStringLiteral("flowstudio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete app;
        return {};
    }
    QCoreApplication::installTranslator(app);
    // Qt's own strings are optional: the qt6-translations package may not be installed.
    auto qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    return locale.name().section(QLatin1Char('_'), 0, 0);
}

QStringList availableLanguages()
{
    QStringList languages{QStringLiteral("en")};
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("flowstudio_*.qm")});
    for (const QString &file : files)
        languages.append(file.mid(11, file.size() - 14));
    return languages;
}

} // namespace Flow::Studio
