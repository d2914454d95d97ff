#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

namespace Flow {

// Colours and fonts of the canvas, derived from a QPalette so that light and dark desktop themes are
// followed. Plain data: the scene recomputes it on palette changes and items read it while painting.
struct CanvasTheme
{
    bool dark = false;
    QColor background;
    QColor gridMinor;
    QColor gridMajor;
    QColor cardFill;
    QColor cardHeader;
    QColor cardBorder;
    QColor cardSelected; // border of a selected card, and selected wires
    QColor text;
    QColor textSecondary;
    QColor port;
    QColor portFree;
    QColor wire;
    QColor wireAfter;
    QColor dimmed; // veil over refused targets while a wire is dragged
    QColor accept; // highlight of an allowed target port
    QFont titleFont;
    QFont subtitleFont;
    QFont portFont;

    static CanvasTheme fromPalette(const QPalette &palette);
    // The stripe colour of a node type category ("System", "Network", ...); unknown ones get grey.
    QColor categoryColor(const QString &category) const;
};

} // namespace Flow
