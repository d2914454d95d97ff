#pragma once

#include "canvastheme.h"

#include <QColor>

// Geometry and colour helpers of node cards shared by nodeitem.cpp and nodeitemoverlay.cpp.
namespace Flow::CardStyle {

constexpr qreal Radius = 8;
constexpr qreal IconSize = 24;
constexpr qreal TextLeft = 46;
constexpr qreal BodyTop = 4; // gap between the header and the first port row
// Level of detail (device pixels per scene unit) below which text is unreadable and not drawn, and
// below which a card is just a coloured rectangle.
constexpr qreal TextLod = 0.55;
constexpr qreal PortNameLod = 0.7;
constexpr qreal TinyLod = 0.3;
// The run state glyph at the right end of the title row, and the room the title leaves for it.
constexpr qreal GlyphSize = 18;
constexpr qreal OverlayGlyphRoom = 24;

inline QColor mixColors(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

// The veil over cards that the shown run does not include: lighter than the refused-target veil.
inline QColor overlayFade(const CanvasTheme &theme)
{
    QColor c = theme.background;
    c.setAlpha(115);
    return c;
}

} // namespace Flow::CardStyle
