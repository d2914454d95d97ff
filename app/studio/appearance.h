#pragma once

#include "commandline.h"

QT_BEGIN_NAMESPACE
class QPalette;
QT_END_NAMESPACE

namespace Flow::Studio {

// Light and dark appearance. "System" keeps the platform style and palette (and so follows the
// desktop when it switches); light and dark use Fusion with a fixed palette.
void applyAppearance(ThemeChoice theme);
// The user's choice from View > Appearance (QSettings); System when none was made.
ThemeChoice savedAppearance();
void saveAppearance(ThemeChoice theme);
QPalette darkPalette();
QPalette lightPalette();

} // namespace Flow::Studio
