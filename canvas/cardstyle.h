#pragma once

#include "canvastheme.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>

// Geometry and colour helpers of node cards shared by nodeitem.cpp and nodeitemoverlay.cpp.
namespace Flow::CardStyle {

constexpr qreal Radius = 8;
constexpr qreal IconSize = 24;
constexpr qreal TextLeft = 46;
constexpr qreal BodyTop = 4; // gap between the header and the first port row
// Level of detail, keyed to the size text reaches on screen rather than to fixed zooms: a text is
// drawn while its glyphs are at least MinTextPx tall on screen (smaller is noise, not text). Port
// names, the card's most useful small text, grow in scene units as the view zooms out so that they
// stay ComfortTextPx tall on screen, up to what their row holds: at the zooms "fit" picks for small
// and middling graphs (40-70%) they stay readable instead of vanishing below a fixed 70%.
constexpr qreal MinTextPx = 6.5;
constexpr qreal ComfortTextPx = 8.5;
constexpr qreal PortNameMaxPx = 16; // rows are 22 scene units high
constexpr qreal TitleMaxPx = 18;    // the header is 46 high; the subtitle below shows only from ~60%
// Below this (view pixels per scene unit) a card is just a coloured rectangle.
constexpr qreal TinyLod = 0.3;
// The run overlay's status line (subtitle size) shares the title's threshold.
constexpr qreal TextLod = 0.55;

// What a card draws at one level of detail.
struct CardDetail
{
    bool tiny = false;     // one coloured rectangle, nothing else
    bool title = false;    // the node id
    qreal titlePx = 0;     // pixel size of its font, in scene units (grows like port names)
    bool subtitle = false; // the type title
    bool portNames = false;
    qreal portNamePx = 0; // pixel size of the port name font, in scene units
    bool operator==(const CardDetail &) const = default;
};

inline qreal fontPx(const QFont &font)
{
    return font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 96.0 / 72.0;
}

inline CardDetail cardDetail(qreal lod, const CanvasTheme &theme)
{
    CardDetail d;
    if (lod < TinyLod) {
        d.tiny = true;
        return d;
    }
    // Whole pixels: the cached layouts change only when the size visibly does.
    auto grown = [lod](qreal base, qreal most) {
        return std::round(std::clamp(ComfortTextPx / lod, base, std::max(base, most)));
    };
    d.titlePx = grown(fontPx(theme.titleFont), TitleMaxPx);
    d.title = d.titlePx * lod >= MinTextPx;
    d.subtitle = fontPx(theme.subtitleFont) * lod >= MinTextPx;
    d.portNamePx = grown(fontPx(theme.portFont), PortNameMaxPx);
    d.portNames = d.portNamePx * lod >= MinTextPx;
    return d;
}

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
