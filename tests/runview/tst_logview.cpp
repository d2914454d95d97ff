// LogView on screen (offscreen platform): follow mode, copying lines, the filter widgets, and the
// lines of a real run of shell commands.
#include "app/runview/logfilter.h"
#include "app/runview/logview.h"
#include "executor/run.h"
#include "model/workflowio.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace Flow;

namespace {

constexpr qint64 BaseTime = 1'800'000'000'000;

RunEvent runEvent(EventKind kind, const QString &node, int attempt, const QVariantMap &data, qint64 seq)
{
    RunEvent e;
    e.run = QStringLiteral("r1");
    e.seq = seq;
    e.time = BaseTime + seq * 1000 + 7;
    e.node = node;
    e.kind = kind;
    e.attempt = attempt;
    e.data = data;
    return e;
}

RunEvent logEvent(const QString &node, int attempt, const QString &stream, const QString &line, qint64 seq)
{
    return runEvent(EventKind::NodeLog, node, attempt, {{"stream", stream}, {"line", line}}, seq);
}

RunEvents numberedLines(qint64 from, int count)
{
    RunEvents events;
    for (qint64 i = from; i < from + count; ++i)
        events.append(logEvent(i % 2 ? "odd" : "even", 1, "stdout", QStringLiteral("line %1").arg(i), i));
    return events;
}

RunEvents smallLog()
{
    return {
        logEvent("fetch", 1, "stdout", "downloading", 1),
        logEvent("fetch", 1, "stderr", "connection reset", 2),
        runEvent(EventKind::NodeRetrying, "fetch", 1,
                 {{"attempt", 2}, {"delay", 1500}, {"error", "connection reset"}}, 3),
        logEvent("fetch", 2, "stdout", "downloading again", 4),
        logEvent("parse", 1, "info", "12 tokens", 5),
        runEvent(EventKind::NodeFailed, "parse", 1, {{"error", "bad token"}}, 6),
        logEvent("Alpha", 1, "stdout", "first node by name", 7),
    };
}

QString hms(qint64 seq)
{
    return QDateTime::fromMSecsSinceEpoch(BaseTime + seq * 1000 + 7).toString("HH:mm:ss.zzz");
}

bool lastRowVisible(const LogView &log)
{
    const QTableView *view = log.view();
    const int last = view->model()->rowCount() - 1;
    const QRect rect = view->visualRect(view->model()->index(last, 0));
    return last >= 0 && view->viewport()->rect().contains(rect.center());
}

void wheelUp(QWidget *viewport)
{
    const QPointF at = QRectF(viewport->rect()).center();
    QWheelEvent wheel(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &wheel);
}

} // namespace

class tst_LogView : public QObject
{
    Q_OBJECT

private slots:
    void followMode();
    void copy();
    void filterWidgets();
    void textFilterOnABigLog();
    void doubleClickActivatesNode();
    void clearKeepsNodeFilter();
    void realRun();
};

void tst_LogView::followMode()
{
    LogView log;
    log.resize(700, 300);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    QScrollBar *bar = log.view()->verticalScrollBar();
    auto *follow = log.findChild<QToolButton *>("follow");
    QVERIFY(follow && follow->isChecked());
    QVERIFY(log.isFollowing());

    log.addEvents(numberedLines(1, 200));
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_VERIFY(lastRowVisible(log));
    QCOMPARE(bar->value(), bar->maximum());
    log.addEvents(numberedLines(201, 200));
    QTRY_VERIFY(lastRowVisible(log));
    QVERIFY(log.isFollowing());

    // The user scrolls up: following stops and new lines leave the view where it is.
    QSignalSpy followingChanged(&log, &LogView::followingChanged);
    wheelUp(log.view()->viewport());
    QVERIFY(!log.isFollowing());
    QVERIFY(!follow->isChecked());
    QCOMPARE(followingChanged.size(), 1);
    const int value = bar->value();
    QVERIFY(value < bar->maximum());
    log.addEvents(numberedLines(401, 200));
    QTRY_COMPARE(log.view()->model()->rowCount(), 600);
    QTest::qWait(0);
    QCOMPARE(bar->value(), value);
    QVERIFY(!lastRowVisible(log));

    // Back at the bottom: following again.
    bar->setValue(bar->maximum());
    QVERIFY(log.isFollowing());
    QVERIFY(follow->isChecked());
    log.addEvents(numberedLines(601, 200));
    QTRY_VERIFY(lastRowVisible(log));

    // The button turns it off and on; on jumps to the newest line.
    follow->click();
    QVERIFY(!log.isFollowing());
    bar->setValue(0);
    log.addEvents(numberedLines(801, 50));
    QTest::qWait(0);
    QCOMPARE(bar->value(), 0);
    follow->click();
    QVERIFY(log.isFollowing());
    QTRY_VERIFY(lastRowVisible(log));
}

void tst_LogView::copy()
{
    LogView log;
    log.resize(700, 300);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    log.addEvents(smallLog());
    QTableView *view = log.view();
    QItemSelectionModel *selection = view->selectionModel();
    const auto selectRow = [&](int row) {
        selection->select(view->model()->index(row, 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    };
    selectRow(3);
    selectRow(1);
    selectRow(2);
    const QString expected = hms(2) + " fetch#1 [stderr] connection reset\n" + hms(3)
                             + " fetch#1 [warn] attempt 1 failed: connection reset; retrying in 1.5 s\n"
                             + hms(4) + " fetch#2 [stdout] downloading again";
    QCOMPARE(log.selectedText(), expected);

    QGuiApplication::clipboard()->setText("before");
    view->setFocus();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);

    // The context menu's Copy.
    selection->clearSelection();
    selectRow(5);
    QAction *copy = nullptr;
    for (QAction *action : view->actions()) {
        if (action->text() == "Copy")
            copy = action;
    }
    QVERIFY(copy);
    QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), hms(6) + " parse#1 [error] bad token");
}

void tst_LogView::filterWidgets()
{
    LogView log;
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    log.addEvents(smallLog());
    QAbstractItemModel *shown = log.view()->model();
    QCOMPARE(shown->rowCount(), 7);

    auto *nodes = log.findChild<QComboBox *>("nodeFilter");
    QVERIFY(nodes);
    QStringList items;
    for (int i = 0; i < nodes->count(); ++i)
        items.append(nodes->itemText(i));
    QCOMPARE(items, (QStringList{"All nodes", "Alpha", "fetch", "parse"}));
    nodes->setCurrentIndex(nodes->findData("fetch"));
    QCOMPARE(shown->rowCount(), 4);

    auto *attempts = log.findChild<QComboBox *>("attemptFilter");
    QVERIFY(attempts);
    QCOMPARE(attempts->count(), 3); // All, 1, 2
    attempts->setCurrentIndex(attempts->findData(1));
    QCOMPARE(shown->rowCount(), 3);

    auto *stderrButton = log.findChild<QToolButton *>("stream-stderr");
    QVERIFY(stderrButton && stderrButton->isChecked());
    QTest::mouseClick(stderrButton, Qt::LeftButton);
    QVERIFY(!stderrButton->isChecked());
    QCOMPARE(shown->rowCount(), 2); // downloading, the retry warning

    auto *text = log.findChild<QLineEdit *>("textFilter");
    QVERIFY(text);
    QCOMPARE(text->placeholderText(), QString("Filter text"));
    QTest::keyClicks(text, "RETRY");
    QTRY_COMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, LogModel::StreamColumn).data().toString(), QString("warn"));
    auto *count = log.findChild<QLabel *>("lineCount");
    QVERIFY(count && count->text().contains("1 of 7"));

    text->clear();
    QTest::mouseClick(stderrButton, Qt::LeftButton);
    attempts->setCurrentIndex(0);
    QTRY_COMPARE(shown->rowCount(), 4);

    log.setNodeFilter("parse");
    QCOMPARE(nodes->currentText(), QString("parse"));
    QCOMPARE(log.nodeFilter(), QString("parse"));
    QCOMPARE(shown->rowCount(), 2);
    log.setNodeFilter({});
    QCOMPARE(nodes->currentIndex(), 0);
    QCOMPARE(shown->rowCount(), 7);
    // A node without lines yet can be chosen; its lines show up as they come.
    log.setNodeFilter("later");
    QCOMPARE(shown->rowCount(), 0);
    log.addEvents({logEvent("later", 1, "stdout", "here", 8)});
    QCOMPARE(shown->rowCount(), 1);
}

// On a big log typing is debounced and the refilter runs in slices; the result arrives whole.
void tst_LogView::textFilterOnABigLog()
{
    LogView log;
    log.resize(700, 300);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    constexpr int lines = 120'000;
    for (int from = 1; from <= lines; from += 3000)
        log.addEvents(numberedLines(from, 3000));
    QAbstractItemModel *shown = log.view()->model();
    QCOMPARE(shown->rowCount(), lines);
    auto *text = log.findChild<QLineEdit *>("textFilter");
    QTest::keyClicks(text, "LINE 11111");
    QCOMPARE(shown->rowCount(), lines); // not per key
    QTRY_COMPARE(shown->rowCount(), 11);
    QCOMPARE(shown->index(0, LogModel::MessageColumn).data().toString(), QString("line 11111"));
    QCOMPARE(shown->index(10, LogModel::MessageColumn).data().toString(), QString("line 111119"));
    auto *count = log.findChild<QLabel *>("lineCount");
    QCOMPARE(count->text(), QString("11 of %1 lines").arg(QLocale().toString(lines)));
    QVERIFY(log.isFollowing());
    QTRY_VERIFY(lastRowVisible(log));
}

void tst_LogView::doubleClickActivatesNode()
{
    LogView log;
    log.resize(700, 300);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    log.addEvents(smallLog());
    QSignalSpy activated(&log, &LogView::nodeActivated);
    const QRect rect = log.view()->visualRect(log.view()->model()->index(4, LogModel::MessageColumn));
    // QTest's double click is the second click alone.
    QTest::mouseClick(log.view()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(log.view()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QString("parse"));
}

void tst_LogView::clearKeepsNodeFilter()
{
    LogView log;
    log.addEvents(smallLog());
    log.setNodeFilter("fetch");
    log.clear();
    QCOMPARE(log.model()->lineCount(), 0);
    auto *nodes = log.findChild<QComboBox *>("nodeFilter");
    QCOMPARE(nodes->count(), 2);
    QCOMPARE(nodes->currentText(), QString("fetch"));
    log.addEvents(smallLog());
    QCOMPARE(log.view()->model()->rowCount(), 4);
    QCOMPARE(nodes->count(), 4);
    QCOMPARE(nodes->currentText(), QString("fetch"));
}

void tst_LogView::realRun()
{
    const QByteArray yaml
        = "flowstudio: 1\nname: logs\nnodes:\n"
          "  count: {type: shell.exec, config: {command: 'for i in $(seq 1 5); do echo $i; done'}}\n"
          "  complain: {type: shell.exec, config: {command: 'echo oops >&2; echo fine'}}\n"
          "  flaky:\n"
          "    type: shell.exec\n"
          "    config: {command: 'echo trying; echo broken >&2; exit 3'}\n"
          "    retry: {attempts: 2, delay: 100ms}\n"
          "    after: [count, complain]\n";
    const LoadResult loaded = readWorkflow(yaml);
    QVERIFY(loaded.ok());
    Run run(*loaded.workflow, builtinNodeRegistry());
    LogView log;
    log.show();
    connect(&run, &Run::eventsReady, &log, &LogView::addEvents);
    QSignalSpy finished(&run, &Run::finished);
    run.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(log.model()->runId(), run.id());

    // Lines per node as "attempt stream text".
    QHash<QString, QStringList> lines;
    const LogModel *model = log.model();
    for (int row = 0; row < model->lineCount(); ++row) {
        lines[model->nodeId(row)].append(
            QStringLiteral("%1 %2 %3")
                .arg(model->attempt(row))
                .arg(LogModel::streamName(model->stream(row)), model->text(row)));
    }
    QCOMPARE(lines.value("count"),
             (QStringList{"1 stdout 1", "1 stdout 2", "1 stdout 3", "1 stdout 4", "1 stdout 5"}));
    // stdout and stderr are read separately: their order relative to each other is not kept.
    QStringList complain = lines.value("complain");
    complain.sort();
    QCOMPARE(complain, (QStringList{"1 stderr oops", "1 stdout fine"}));
    QStringList flaky = lines.value("flaky");
    QCOMPARE(flaky.size(), 6);
    QCOMPARE(flaky.at(2),
             QString("1 warn attempt 1 failed: command exited with status 3: broken; retrying in 0.1 s"));
    QCOMPARE(flaky.at(5), QString("2 error command exited with status 3: broken"));
    QStringList attempt1 = flaky.mid(0, 2), attempt2 = flaky.mid(3, 2);
    attempt1.sort();
    attempt2.sort();
    QCOMPARE(attempt1, (QStringList{"1 stderr broken", "1 stdout trying"}));
    QCOMPARE(attempt2, (QStringList{"2 stderr broken", "2 stdout trying"}));

    // The stream filter through its button: only stderr and error.
    for (const char *name : {"stream-stdout", "stream-info", "stream-warn", "stream-debug"})
        log.findChild<QToolButton *>(name)->setChecked(false);
    QAbstractItemModel *shown = log.view()->model();
    QCOMPARE(shown->rowCount(), 4);
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QString stream = shown->index(row, LogModel::StreamColumn).data().toString();
        QVERIFY2(stream == "stderr" || stream == "error", qPrintable(stream));
        QCOMPARE(shown->index(row, 0).data(Qt::ForegroundRole).value<QColor>(),
                 LogModel::streamColor(LogModel::Error, false));
    }
}

QTEST_MAIN(tst_LogView)
#include "tst_logview.moc"
