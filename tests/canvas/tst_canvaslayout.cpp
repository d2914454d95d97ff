// Auto-layout (Graphviz dot, or the layered fallback) and automatic placement never overlap nodes.
#include "canvas/autolayout.h"
#include "canvas/nodeitem.h"
#include "canvastestutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace Flow;
using CanvasTest::Fixture;

class TstCanvasLayout : public QObject
{
    Q_OBJECT

private slots:
    void autoLayoutExamples_data();
    void autoLayoutExamples();
    void autoLayoutGenerated_data();
    void autoLayoutGenerated();
    void layeredFallbackDirectAndOrdered();
    void layoutSelectionOnlyMovesSelection();
    void automaticPlacementIsDeterministic();
};

namespace {

void runLayout(Fixture &f, const QStringList &ids = {})
{
    QSignalSpy done(f.controller.get(), &GraphController::layoutFinished);
    f.controller->autoLayoutNodes(ids);
    QVERIFY(done.wait(30000));
}

} // namespace

void TstCanvasLayout::autoLayoutExamples_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &file : CanvasTest::exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void TstCanvasLayout::autoLayoutExamples()
{
    QFETCH(QString, path);
    Fixture f;
    f.document.setWorkflow(CanvasTest::loadExample(path));
    const QByteArray before = f.bytes();
    runLayout(f);
    QString clash;
    QVERIFY2(CanvasTest::noOverlap(*f.scene, &clash), qPrintable(clash));
    QCOMPARE(f.undo.count(), 1);
    // Data flows left to right: every wire's source is left of its target.
    for (const Edge &e : edgesOf(f.document.workflow()))
        QVERIFY2(f.scene->nodePosition(e.fromNode).x() < f.scene->nodePosition(e.toNode).x(),
                 qPrintable(e.toNode));
    f.undo.undo();
    QCOMPARE(f.bytes(), before);
}

void TstCanvasLayout::autoLayoutGenerated_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("positions");
    QTest::newRow("200 placed") << 200 << true;
    QTest::newRow("200 unplaced") << 200 << false;
}

void TstCanvasLayout::autoLayoutGenerated()
{
    QFETCH(int, count);
    QFETCH(bool, positions);
    Fixture f;
    f.document.setWorkflow(CanvasTest::generatedWorkflow(count, count / 4, count / 10, positions));
    QString clash;
    f.scene->ensurePositions();
    if (!positions) // automatic placement
        QVERIFY2(CanvasTest::noOverlap(*f.scene, &clash), qPrintable(clash));
    runLayout(f);
    QVERIFY2(CanvasTest::noOverlap(*f.scene, &clash), qPrintable(clash));
    for (const Node &n : f.document.workflow().nodes)
        QVERIFY(n.position); // every node has a place in the file now
}

void TstCanvasLayout::layeredFallbackDirectAndOrdered()
{
    // The fallback on its own (it is what runs without Graphviz): no overlap, sources left of targets.
    const Workflow wf = CanvasTest::generatedWorkflow(200, 50, 20, false);
    LayoutGraph graph;
    QHash<QString, int> index;
    for (const Node &n : wf.nodes) {
        index.insert(n.id, int(graph.boxes.size()));
        graph.boxes.append({n.id, QSizeF(200, 80 + (graph.boxes.size() % 3) * 22)});
    }
    for (const Edge &e : edgesOf(wf))
        graph.links.append({index.value(e.fromNode), 0, index.value(e.toNode), 0});
    const QHash<QString, QPointF> pos = computeLayeredLayout(graph);
    QCOMPARE(pos.size(), graph.boxes.size());
    for (int i = 0; i < graph.boxes.size(); ++i) {
        const QRectF a(pos.value(graph.boxes.at(i).id), graph.boxes.at(i).size);
        for (int j = i + 1; j < graph.boxes.size(); ++j) {
            const QRectF b(pos.value(graph.boxes.at(j).id), graph.boxes.at(j).size);
            QVERIFY2(!a.intersects(b), qPrintable(graph.boxes.at(i).id + " " + graph.boxes.at(j).id));
        }
    }
    for (const LayoutGraph::Link &l : std::as_const(graph.links))
        QVERIFY(pos.value(graph.boxes.at(l.from).id).x() < pos.value(graph.boxes.at(l.to).id).x());
    // A cycle does not hang it.
    LayoutGraph cyclic;
    cyclic.boxes = {{"a", QSizeF(200, 80)}, {"b", QSizeF(200, 80)}};
    cyclic.links = {{0, 0, 1, 0}, {1, 0, 0, 0}};
    QCOMPARE(computeLayeredLayout(cyclic).size(), 2);
    QCOMPARE(computeLayout(cyclic).size(), 2);
}

void TstCanvasLayout::layoutSelectionOnlyMovesSelection()
{
    Fixture f;
    f.document.setWorkflow(CanvasTest::generatedWorkflow(30, 5, 0, true));
    const QPointF untouched = f.scene->nodePosition(u"n29");
    runLayout(f, {"n0", "n5", "n10", "n11"});
    QCOMPARE(f.scene->nodePosition(u"n29"), untouched);
    QCOMPARE(f.undo.count(), 1);
    QCOMPARE(f.undo.command(0)->text(), GraphController::tr("Auto-layout selection"));
}

void TstCanvasLayout::automaticPlacementIsDeterministic()
{
    const Workflow wf = CanvasTest::generatedWorkflow(40, 8, 4, false);
    QList<QPointF> first;
    for (int round = 0; round < 2; ++round) {
        Fixture f;
        f.document.setWorkflow(wf);
        QList<QPointF> positions;
        for (const Node &n : wf.nodes)
            positions.append(f.scene->nodePosition(n.id));
        if (round == 0)
            first = positions;
        else
            QCOMPARE(positions, first);
    }
}

QTEST_MAIN(TstCanvasLayout)
#include "tst_canvaslayout.moc"
