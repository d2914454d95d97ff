#include "appearance.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace Flow::Studio {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b2d30);
    const QColor base(0x1e1f22);
    const QColor text(0xdfe1e5);
    const QColor disabledText(0x7a7e85);
    const QColor highlight(0x3574f0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26282b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c3f41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x393b40));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x4e5157));
    p.setColor(QPalette::Midlight, QColor(0x43454a));
    p.setColor(QPalette::Mid, QColor(0x2f3135));
    p.setColor(QPalette::Dark, QColor(0x1b1c1f));
    p.setColor(QPalette::Shadow, QColor(0x101113));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x589df6));
    p.setColor(QPalette::LinkVisited, QColor(0x9e7bd9));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabledText);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45484d));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3f4f6));
    p.setColor(QPalette::WindowText, QColor(0x1f2328));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6f8fa));
    p.setColor(QPalette::ToolTipBase, QColor(0xffffe8));
    p.setColor(QPalette::ToolTipText, QColor(0x1f2328));
    p.setColor(QPalette::PlaceholderText, QColor(0x8c959f));
    p.setColor(QPalette::Text, QColor(0x1f2328));
    p.setColor(QPalette::Button, QColor(0xf6f8fa));
    p.setColor(QPalette::ButtonText, QColor(0x1f2328));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xeaeef2));
    p.setColor(QPalette::Mid, QColor(0xd0d7de));
    p.setColor(QPalette::Dark, QColor(0xafb8c1));
    p.setColor(QPalette::Shadow, QColor(0x6e7781));
    p.setColor(QPalette::Highlight, QColor(0x0969da));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x0969da));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, QColor(0x8c959f));
    }
    return p;
}

void applyAppearance(ThemeChoice theme)
{
    // What the platform gave us, to go back to when the user picks "System" again.
    static const QString systemStyle = QApplication::style()->name();
    static const QPalette systemPalette = QApplication::palette();
    if (theme == ThemeChoice::System) {
        if (QApplication::style()->name() != systemStyle)
            QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(systemPalette);
        return;
    }
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == ThemeChoice::Dark ? darkPalette() : lightPalette());
}

ThemeChoice savedAppearance()
{
    const QString name = QSettings().value(QStringLiteral("appearance/theme")).toString();
    if (name == QLatin1String("dark"))
        return ThemeChoice::Dark;
    if (name == QLatin1String("light"))
        return ThemeChoice::Light;
    return ThemeChoice::System;
}

void saveAppearance(ThemeChoice theme)
{
    const char *names[] = {"system", "light", "dark"};
    QSettings().setValue(QStringLiteral("appearance/theme"), QString::fromLatin1(names[int(theme)]));
}

} // namespace Flow::Studio
