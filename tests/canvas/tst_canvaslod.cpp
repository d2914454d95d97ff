// Level of detail keyed to on-screen text size (what a card draws at several zooms, read back from the
// real paint, not from pixels), port names readable at the zoom "fit" picks for the bundled examples,
// and a minimap that never sits over a card.
#include "canvas/cardstyle.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/minimap.h"
#include "canvas/nodeitem.h"
#include "canvastestutil.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "viewtestbase.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Flow;
using namespace Qt::StringLiterals;

class TstCanvasLod : public CanvasTest::ViewTestBase
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }
    void detailAtZoom_data();
    void detailAtZoom();
    void fitShowsPortNames_data();
    void fitShowsPortNames();
    void minimapAvoidsCards_data();
    void minimapAvoidsCards();

private:
    void paintView() { m_editor->view()->viewport()->grab(); }
};

static QByteArray twoNodes()
{
    return "flowstudio: 1\nname: two\nnodes:\n"
           "  produce: {type: shell.exec, config: {command: \"true\"}}\n"
           "  consume:\n    type: json.parse\n"
           "    inputs: {text: produce.stdout}\n"
           "layout:\n  produce: [0, 0]\n  consume: [300, 0]\n";
}

void TstCanvasLod::detailAtZoom_data()
{
    QTest::addColumn<qreal>("zoom");
    QTest::addColumn<bool>("tiny");
    QTest::addColumn<bool>("title");
    QTest::addColumn<bool>("subtitle");
    QTest::addColumn<bool>("portNames");
    //                              tiny   title  subtitle ports
    QTest::newRow("200%") << 2.0 << false << true << true << true;
    QTest::newRow("100%") << 1.0 << false << true << true << true;
    QTest::newRow("68% (an example's fit)") << 0.68 << false << true << true << true;
    QTest::newRow("50%") << 0.5 << false << true << false << true;
    QTest::newRow("42%") << 0.42 << false << true << false << true;
    QTest::newRow("38%") << 0.38 << false << true << false << false;
    QTest::newRow("32%") << 0.32 << false << false << false << false;
    QTest::newRow("20% (overview)") << 0.2 << true << false << false << false;
}

void TstCanvasLod::detailAtZoom()
{
    QFETCH(qreal, zoom);
    QFETCH(bool, tiny);
    QFETCH(bool, title);
    QFETCH(bool, subtitle);
    QFETCH(bool, portNames);
    load(twoNodes());
    GraphView *view = m_editor->view();
    NodeItem *item = m_editor->scene()->nodeItem(u"consume");
    QVERIFY(item);
    view->setZoom(zoom, item->sceneBoundingRect().center());
    view->centerOn(item);
    paintView();
    const CardStyle::CardDetail &d = item->lastDetail();
    if (!tiny && zoom < 0.3)
        QFAIL("bad row");
    // At overview zoom the scene draws every card itself; the item paints nothing at all.
    if (tiny) {
        QVERIFY(m_editor->scene()->isOverview());
        QCOMPARE(CardStyle::cardDetail(zoom, m_editor->scene()->theme()).tiny, true);
        return;
    }
    QCOMPARE(d.tiny, false);
    QCOMPARE(d.title, title);
    QCOMPARE(d.subtitle, subtitle);
    QCOMPARE(d.portNames, portNames);
    if (portNames) {
        // Drawn names are readable on screen: never smaller than the threshold, never smaller than the
        // theme's own size in the scene, and within their row.
        QVERIFY2(d.portNamePx * zoom >= CardStyle::MinTextPx - 1e-9,
                 qPrintable(QString::number(d.portNamePx)));
        QVERIFY(d.portNamePx >= CardStyle::fontPx(m_editor->scene()->theme().portFont));
        QVERIFY(d.portNamePx <= CardStyle::PortNameMaxPx);
    }
    if (title) {
        QVERIFY(d.titlePx * zoom >= CardStyle::MinTextPx - 1e-9);
        QVERIFY(d.titlePx <= CardStyle::TitleMaxPx);
    }
    if (zoom >= 1.0) { // the theme's own sizes
        QCOMPARE(d.portNamePx, CardStyle::fontPx(m_editor->scene()->theme().portFont));
        QCOMPARE(d.titlePx, CardStyle::fontPx(m_editor->scene()->theme().titleFont));
    }
}

void TstCanvasLod::fitShowsPortNames_data()
{
    QTest::addColumn<QString>("file");
    const QDir examples(QStringLiteral(FLOW_SOURCE_DIR "/resources/examples"));
    const QStringList files = examples.entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << examples.filePath(f);
}

// The examples are the "small and middling" graphs a new user opens first: after fit, every card
// that has ports shows their names.
void TstCanvasLod::fitShowsPortNames()
{
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    load(f.readAll());
    GraphView *view = m_editor->view();
    view->zoomToFit();
    paintView();
    int withPorts = 0;
    for (NodeItem *item : m_editor->scene()->nodeItems()) {
        if (item->inputPorts().isEmpty() && item->outputPorts().isEmpty())
            continue;
        ++withPorts;
        QVERIFY2(item->lastDetail().portNames,
                 qPrintable(u"%1 at fit zoom %2 hides its port names"_s.arg(item->id()).arg(view->zoom())));
        QVERIFY(item->lastDetail().title);
    }
    QVERIFY(withPorts > 0);
}

void TstCanvasLod::minimapAvoidsCards_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("faded");
    // A single row, fitted: its cards reach the bottom right and left corners, so the minimap moves to
    // the top. A full grid at fit reaches every corner: the minimap fades.
    QTest::newRow("one card") << 1 << 1 << false;
    QTest::newRow("a row reaching the bottom corners") << 4 << 1 << false;
    QTest::newRow("a grid reaching every corner") << 12 << 12 << true;
}

void TstCanvasLod::minimapAvoidsCards()
{
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(bool, faded);
    QByteArray yaml = "flowstudio: 1\nname: grid\nnodes:\n";
    QByteArray layout = "layout:\n";
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            yaml += u"  n%1_%2: {type: debug.log}\n"_s.arg(r).arg(c).toUtf8();
            layout += u"  n%1_%2: [%3, %4]\n"_s.arg(r).arg(c).arg(c * 260).arg(r * 140).toUtf8();
        }
    }
    yaml += layout;
    load(yaml);
    GraphView *view = m_editor->view();
    view->zoomToFit();
    Minimap *minimap = view->minimap();
    auto overlapsCard = [&] {
        const QRect mapRect = minimap->geometry().translated(-view->viewport()->pos());
        for (NodeItem *item : m_editor->scene()->nodeItems()) {
            if (view->mapFromScene(item->sceneBoundingRect()).boundingRect().intersects(mapRect))
                return true;
        }
        return false;
    };
    // Placement follows the view after the event loop turns (it is coalesced).
    QTRY_COMPARE(minimap->isFaded(), faded);
    QVERIFY(minimap->isVisible());
    if (!faded)
        QTRY_VERIFY(!overlapsCard());
    else
        QVERIFY(overlapsCard()); // faded because there was no free corner, not by mistake

    // Panning the graph away from the corner gives the minimap back its full look.
    if (faded) {
        view->setZoom(0.3, QPointF());
        view->centerOn(m_editor->scene()->nodesBoundingRect().topLeft() - QPointF(2000, 2000));
        QTRY_COMPARE(minimap->isFaded(), false);
        QVERIFY(!overlapsCard());
    }
}

QTEST_MAIN(TstCanvasLod)
#include "tst_canvaslod.moc"
