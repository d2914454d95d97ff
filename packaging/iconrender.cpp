// flow_iconrender: renders the app's SVG icon as the PNG sizes of the freedesktop icon theme.
//   flow_iconrender IN.svg NAME OUTDIR SIZE...   writes OUTDIR/<S>x<S>/apps/NAME.png for each size.
// Qt's own SVG renderer, so the build needs no other image tool.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: flow_iconrender IN.svg NAME OUTDIR SIZE...\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "flow_iconrender: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    for (const QString &text : args.mid(4)) {
        const int size = text.toInt();
        if (size <= 0)
            return 2;
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(3)).arg(size);
        QDir().mkpath(dir);
        if (!image.save(dir + QLatin1Char('/') + args.at(2) + QLatin1String(".png"))) {
            std::fprintf(stderr, "flow_iconrender: cannot write in %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
