#pragma once

#include <QString>

namespace Flow::Studio {

// Installs the translators for `language` ("de"), or for the system locale when it is empty: the
// app's own strings (compiled in under :/i18n) and Qt's (standard dialogs, command-line help).
// Returns the language that was loaded, or an empty string when the app's strings stay English.
QString installTranslations(const QString &language);

// The language codes the app has translations for (from the compiled-in .qm files).
QStringList availableLanguages();

} // namespace Flow::Studio
