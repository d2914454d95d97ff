#pragma once

#include "commandline.h"

namespace Flow::Studio {

// Organisation and application names: they decide where QSettings and the recovery files live, so
// the app and the tests that look at its files must agree on them.
void setApplicationIdentity();

// The --lang value if one was given (read before the full parse so that --help is translated too).
QString languageArgument(const QStringList &arguments);

// Runs the app with parsed options: opens the window (and the file), or takes the screenshot and
// quits. Returns the exit code.
int runStudio(const StudioOptions &options);

} // namespace Flow::Studio
