// Renders a workflow's canvas to a PNG, offscreen: for looking at the canvas without a display.
//   canvas_render IN.yaml OUT.png [--size WxH] [--zoom Z|fit] [--dark] [--select a,b] [--drag node.port]
#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/minimap.h"
#include "canvas/palettewidget.h"
#include "canvas/quickaddpopup.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QPainter>
#include <QStyleFactory>
#include <QTreeWidget>
#include <QUndoStack>

#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: canvas_render IN.yaml OUT.png [--size WxH] [--zoom Z|fit] [--dark] "
                             "[--select a,b] [--drag node.port]\n");
        return 2;
    }
    QSize size(1200, 700);
    QString zoom = QStringLiteral("fit");
    QStringList select;
    QString drag;
    QString palettePng;
    QString quickAddPng;
    bool dark = false;
    bool layout = false;
    for (int i = 3; i < args.size(); ++i) {
        if (args[i] == u"--size" && i + 1 < args.size()) {
            const QStringList wh = args[++i].split(u'x');
            size = QSize(wh.value(0).toInt(), wh.value(1).toInt());
        } else if (args[i] == u"--zoom" && i + 1 < args.size()) {
            zoom = args[++i];
        } else if (args[i] == u"--dark") {
            dark = true;
        } else if (args[i] == u"--select" && i + 1 < args.size()) {
            select = args[++i].split(u',');
        } else if (args[i] == u"--drag" && i + 1 < args.size()) {
            drag = args[++i];
        } else if (args[i] == u"--layout") {
            layout = true;
        } else if (args[i] == u"--palette" && i + 1 < args.size()) {
            palettePng = args[++i];
        } else if (args[i] == u"--quickadd" && i + 1 < args.size()) {
            quickAddPng = args[++i];
        }
    }
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (dark) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(37, 38, 43));
        p.setColor(QPalette::WindowText, QColor(225, 225, 230));
        p.setColor(QPalette::Base, QColor(30, 31, 35));
        p.setColor(QPalette::Text, QColor(225, 225, 230));
        p.setColor(QPalette::Button, QColor(45, 46, 52));
        p.setColor(QPalette::ButtonText, QColor(225, 225, 230));
        p.setColor(QPalette::Highlight, QColor(64, 128, 255));
        app.setPalette(p);
    }
    QFile in(args[1]);
    if (!in.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args[1]));
        return 1;
    }
    Flow::WorkflowDocument doc;
    const Flow::LoadResult loaded = Flow::readWorkflow(in.readAll());
    if (!loaded.workflow) {
        std::fprintf(stderr, "not a workflow\n");
        return 1;
    }
    doc.setWorkflow(*loaded.workflow);
    QUndoStack undo;
    Flow::CanvasEditor editor(&doc, &undo);
    editor.resize(size);
    editor.show();
    QApplication::processEvents();
    if (layout) {
        QEventLoop loop;
        QObject::connect(editor.controller(), &Flow::GraphController::layoutFinished, &loop,
                         &QEventLoop::quit);
        editor.controller()->autoLayout();
        loop.exec();
    }
    if (zoom == u"fit")
        editor.view()->zoomToFit();
    else
        editor.view()->setZoom(zoom.toDouble(), editor.scene()->nodesBoundingRect().center());
    if (zoom != u"fit")
        editor.view()->centerOn(editor.scene()->nodesBoundingRect().center());
    editor.scene()->selectNodes(select);
    if (!drag.isEmpty()) {
        const QStringList parts = drag.split(u'.');
        editor.scene()->beginConnectionDrag(Flow::PortRef{parts.value(0), parts.value(1), true});
    }
    QApplication::processEvents();
    editor.grab().save(args[2]);
    if (!palettePng.isEmpty()) {
        Flow::PaletteWidget palette;
        palette.resize(240, 480);
        palette.show();
        palette.tree()->setCurrentItem(palette.tree()->topLevelItem(1)->child(0));
        QApplication::processEvents();
        palette.grab().save(palettePng);
    }
    if (!quickAddPng.isEmpty()) {
        Flow::QuickAddPopup *popup = editor.view()->quickAddPopup();
        popup->popup(QPoint(100, 100));
        popup->filterEdit()->setText(QStringLiteral("js"));
        QApplication::processEvents();
        popup->grab().save(quickAddPng);
    }
    return 0;
}
