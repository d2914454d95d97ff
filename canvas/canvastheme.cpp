#include "canvastheme.h"

#include <QGuiApplication>

namespace Flow {
namespace {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t,
                            a.alphaF() + (b.alphaF() - a.alphaF()) * t);
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

} // namespace

CanvasTheme CanvasTheme::fromPalette(const QPalette &palette)
{
    CanvasTheme t;
    const QColor window = palette.color(QPalette::Window);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::WindowText);
    t.dark = window.lightnessF() < 0.5;
    // A canvas a little off the window colour, cards a little towards the base colour, so cards stand
    // out without shadows (shadows as graphics effects are too slow, DESIGN.md §7).
    t.background = t.dark ? mix(window, Qt::black, 0.25) : mix(window, QColor(236, 238, 242), 0.6);
    t.gridMinor = mix(t.background, text, t.dark ? 0.16 : 0.20);
    t.gridMajor = mix(t.background, text, t.dark ? 0.06 : 0.07);
    t.cardFill = t.dark ? mix(base, window, 0.35).lighter(118) : base;
    t.cardHeader = t.dark ? t.cardFill.lighter(112) : mix(base, window, 0.45);
    t.cardBorder = t.dark ? mix(t.cardFill, text, 0.22) : mix(base, text, 0.20);
    t.cardSelected = palette.color(QPalette::Highlight);
    t.text = palette.color(QPalette::Text);
    if (t.dark && t.text.lightnessF() < 0.5)
        t.text = QColor(230, 230, 230);
    t.textSecondary = mix(t.cardFill, t.text, 0.62);
    t.port = mix(t.cardFill, t.text, 0.55);
    t.portFree = mix(t.cardFill, t.text, 0.45);
    t.wire = mix(t.background, text, t.dark ? 0.55 : 0.50);
    t.wireAfter = mix(t.background, text, 0.35);
    t.dimmed = withAlpha(t.background, 170);
    t.accept = QColor(34, 197, 94);

    QFont font = QGuiApplication::font();
    t.titleFont = font;
    t.titleFont.setPixelSize(13);
    t.titleFont.setWeight(QFont::DemiBold);
    t.subtitleFont = font;
    t.subtitleFont.setPixelSize(11);
    t.portFont = font;
    t.portFont.setPixelSize(11);
    return t;
}

QColor CanvasTheme::categoryColor(const QString &category) const
{
    // The same hues as the category icons in resources/icons.
    static const QHash<QString, QColor> colors{
        {QStringLiteral("system"), QColor(0x47, 0x55, 0x69)},
        {QStringLiteral("flow"), QColor(0x7c, 0x3a, 0xed)},
        {QStringLiteral("debug"), QColor(0xdb, 0x27, 0x77)},
        {QStringLiteral("data"), QColor(0x16, 0xa3, 0x4a)},
        {QStringLiteral("network"), QColor(0x25, 0x63, 0xeb)},
        {QStringLiteral("files"), QColor(0xea, 0x58, 0x0c)},
        {QStringLiteral("script"), QColor(0xca, 0x8a, 0x04)},
    };
    QColor c = colors.value(category.toLower(), QColor(0x8a, 0x8f, 0x98));
    if (dark && category.compare(u"system", Qt::CaseInsensitive) == 0)
        c = QColor(0x94, 0xa3, 0xb8); // slate is too dark on a dark card
    return c;
}

} // namespace Flow
