#include "commandline.h"
#include "localization.h"
#include "studioapp.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Flow::Studio::setApplicationIdentity();
    Flow::Studio::installTranslations(Flow::Studio::languageArgument(app.arguments()));

    const Flow::Studio::ParsedCommandLine parsed = Flow::Studio::parseCommandLine(app.arguments());
    if (!parsed.options) {
        std::fputs(parsed.output.toLocal8Bit().constData(), parsed.exitCode == 0 ? stdout : stderr);
        return parsed.exitCode;
    }
    return Flow::Studio::runStudio(*parsed.options);
}
