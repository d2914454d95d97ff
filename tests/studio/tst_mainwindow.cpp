// The main window in-process (offscreen): opening files, problems, and the canvas <-> YAML sync.
#include "studiotestutil.h"

#include "commandpalette.h"
#include "filecontroller.h"
#include "mainwindow.h"
#include "notificationbar.h"
#include "problemsview.h"
#include "studioapp.h"
#include "documents/workflowsession.h"
#include "yamleditor.h"
#include "yamlpane.h"

#include "canvas/canvaseditor.h"
#include "canvas/graphcontroller.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/quickaddpopup.h"
#include "model/workflowdocument.h"

#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUndoView>
#include <QtTest>

#include <Qsci/qsciscintilla.h>

using namespace Flow;
using namespace Flow::Studio;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensExampleAndShowsIt_data();
    void opensExampleAndShowsIt();
    void malformedFileShowsErrorAtItsLine_data();
    void malformedFileShowsErrorAtItsLine();
    void everyInvalidCorpusFileOpens_data();
    void everyInvalidCorpusFileOpens();
    void clickOnProblemJumpsToLine();
    void nextProblemCyclesThroughProblems();
    void canvasEditReachesYaml();
    void yamlEditReachesCanvasAfterPause();
    void brokenYamlKeepsCanvasAndShowsError();
    void titleShowsFileAndModifiedMark();
    void undoHistoryListsSteps();
    void droppedFileIsOpened_data();
    void droppedFileIsOpened();
    void missingFileBecomesNewFile();
    void menusHaveStandardShortcuts();
    void fileChangedOnDiskOffersReload();
    void revertDropsChanges();
    void recentFilesRemembered();
    void commandPaletteFindsAndRunsActions();
    void appearanceFollowsChoice();
    void closingWithUnsavedChangesAsks();
    void addNodeActionOpensQuickAdd();

private:
    QString writeTemp(const QByteArray &bytes, const QString &name = QStringLiteral("flow.yaml"))
    {
        const QString path = m_dir.filePath(name);
        return StudioTest::writeFile(path, bytes) ? path : QString();
    }
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
}

void tst_MainWindow::opensExampleAndShowsIt_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &file : StudioTest::exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    // The valid corpus: BOM, CRLF, anchors, unicode, comments...
    const QDir valid(QStringLiteral(FLOW_SOURCE_DIR "/tests/data/valid"));
    for (const QString &name : valid.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(QStringLiteral("valid/") + name)) << valid.filePath(name);
}

void tst_MainWindow::opensExampleAndShowsIt()
{
    QFETCH(QString, path);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.files()->openFile(path));
    // The editor shows the text; a byte order mark is not part of it.
    QByteArray expected = StudioTest::readFile(path);
    if (expected.startsWith("\xEF\xBB\xBF"))
        expected.remove(0, 3);
    QCOMPARE(window.yamlEditor()->text().toUtf8(), expected);
    QCOMPARE(window.problemsView()->topLevelItemCount(), 0);
    QVERIFY(!window.yamlPane()->isBannerVisible());
    QCOMPARE(window.canvas()->scene()->nodeCount(), window.session()->document()->workflow().nodes.size());
    QVERIFY(window.canvas()->scene()->nodeCount() > 0);
    QVERIFY(window.windowTitle().contains(QFileInfo(path).fileName()));
    QVERIFY(!window.isWindowModified());
}

void tst_MainWindow::malformedFileShowsErrorAtItsLine_data()
{
    StudioTest::addMalformedRows();
}

void tst_MainWindow::malformedFileShowsErrorAtItsLine()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.files()->openFile(writeTemp(yaml)));
    // The file is shown as it is, never refused.
    QCOMPARE(window.yamlEditor()->text().toUtf8(), yaml);
    QVERIFY(window.yamlEditor()->hasErrorMarker(line));
    QVERIFY(!window.yamlEditor()->hasErrorMarker(line + 1));
    QVERIFY(window.problemsView()->topLevelItemCount() >= 1);
    const QTreeWidgetItem *item = window.problemsView()->topLevelItem(0);
    QVERIFY2(item->text(2).startsWith(QString::number(line) + QLatin1Char(':')), qPrintable(item->text(2)));
    QVERIFY(!window.yamlEditor()->diagnosticsOnLine(line).isEmpty());
}

void tst_MainWindow::everyInvalidCorpusFileOpens_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(FLOW_SOURCE_DIR "/tests/data/invalid"));
    const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QSKIP("no invalid corpus in tests/data/invalid");
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void tst_MainWindow::everyInvalidCorpusFileOpens()
{
    // One window for the whole corpus: opening a file after another must work as well as the first.
    static MainWindow *window = [] {
        auto w = new MainWindow;
        w->files()->setAutomaticAnswer(FileController::Answer::Discard);
        w->show();
        return w;
    }();
    QFETCH(QString, path);
    QVERIFY(window->files()->openFile(path));
    QCOMPARE(window->yamlEditor()->text().toUtf8(), StudioTest::readFile(path));
    const Diagnostics &diagnostics = window->session()->diagnostics();
    QVERIFY(!diagnostics.isEmpty());
    QCOMPARE(window->problemsView()->topLevelItemCount(), int(diagnostics.size()));
    for (const Diagnostic &d : diagnostics) {
        const int line = d.pos.isValid() ? qMin(d.pos.line, window->yamlEditor()->lines()) : 1;
        QVERIFY2(d.severity == Diagnostic::Severity::Error ? window->yamlEditor()->hasErrorMarker(line)
                                                           : window->yamlEditor()->hasWarningMarker(line),
                 qPrintable(d.format(path)));
    }
    // Drawing it does not crash either.
    QVERIFY(!window->grab().isNull());
}

void tst_MainWindow::clickOnProblemJumpsToLine()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QByteArray yaml = StudioTest::twoNodes();
    yaml.replace("    inputs: {message: list.stdout}", "    inputs: {message: list.nothing}");
    QVERIFY(window.files()->openFile(writeTemp(yaml)));
    ProblemsView *problems = window.problemsView();
    QCOMPARE(problems->topLevelItemCount(), 1);
    QCOMPARE(window.yamlEditor()->caretLine(), 1);
    QTreeWidgetItem *item = problems->topLevelItem(0);
    const QRect rect = problems->visualItemRect(item);
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window.yamlEditor()->caretLine(), 9);
    // The problem belongs to a node: it is selected on the canvas.
    QCOMPARE(window.canvas()->selectedNodeIds(), QStringList{QStringLiteral("show")});
}

void tst_MainWindow::nextProblemCyclesThroughProblems()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QByteArray yaml = StudioTest::twoNodes();
    yaml.replace("    config: {command: ls}   # a comment the canonical form drops\n",
                 "    config: {command: ls}\n    colour: red\n");
    yaml.replace("list.stdout}", "list.nothing}");
    QVERIFY(window.files()->openFile(writeTemp(yaml)));
    QCOMPARE(window.problemsView()->topLevelItemCount(), 2);
    QAction *next = window.findAction(QStringLiteral("action.nextProblem"));
    QCOMPARE(next->shortcut(), QKeySequence(Qt::Key_F8));
    next->trigger();
    QCOMPARE(window.yamlEditor()->caretLine(), 7);
    next->trigger();
    QCOMPARE(window.yamlEditor()->caretLine(), 10);
    next->trigger(); // wraps around
    QCOMPARE(window.yamlEditor()->caretLine(), 7);
    window.findAction(QStringLiteral("action.previousProblem"))->trigger();
    QCOMPARE(window.yamlEditor()->caretLine(), 10);
    // A click on a margin marker selects its problem in the list.
    window.problemsView()->setCurrentItem(nullptr);
    emit window.yamlEditor()->marginClicked(1, 6, Qt::NoModifier);
    QCOMPARE(window.problemsView()->indexOfTopLevelItem(window.problemsView()->currentItem()), 0);
}

void tst_MainWindow::canvasEditReachesYaml()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.files()->openFile(writeTemp(StudioTest::twoNodes())));
    const QString id = window.canvas()->controller()->addNode(QStringLiteral("json.parse"), QPointF(480, 0));
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY(window.yamlEditor()->text().contains(QStringLiteral("type: json.parse")));
    QVERIFY(window.yamlEditor()->text().contains(id + QStringLiteral(": [480, 0]")));
    QVERIFY(window.isWindowModified());
    window.session()->undoStack()->undo();
    QTRY_VERIFY(!window.yamlEditor()->text().contains(QStringLiteral("json.parse")));
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
}

void tst_MainWindow::yamlEditReachesCanvasAfterPause()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    QVERIFY(window.files()->openFile(writeTemp(StudioTest::twoNodes())));
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
    const QByteArray added
        = StudioTest::twoNodes().replace("layout:\n", "  third:\n    type: json.parse\n"
                                                      "    inputs: {text: list.stdout}\nlayout:\n");
    window.yamlEditor()->setText(QString::fromUtf8(added));
    // Not at once: typing is applied after a pause, as one undo step.
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
    QTRY_COMPARE(window.canvas()->scene()->nodeCount(), 3);
    QVERIFY(window.session()->document()->node(u"third"));
    QCOMPARE(window.session()->undoStack()->count(), 1);
    QVERIFY(window.isWindowModified());
    window.session()->undoStack()->undo();
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
    QCOMPARE(window.yamlEditor()->text().toUtf8(), StudioTest::twoNodes());
}

void tst_MainWindow::brokenYamlKeepsCanvasAndShowsError()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    QVERIFY(window.files()->openFile(writeTemp(StudioTest::twoNodes())));
    QByteArray broken = StudioTest::twoNodes();
    broken.replace("  show:\n    type: debug.log\n", "  show:\n    type: debug.log\n    bogus_key: 1\n");
    window.yamlEditor()->setText(QString::fromUtf8(broken));
    QTRY_VERIFY(window.yamlPane()->isBannerVisible());
    QVERIFY(window.yamlPane()->bannerText().contains(QStringLiteral("line 9")));
    QVERIFY(window.yamlEditor()->hasErrorMarker(9));
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
    QCOMPARE(window.session()->undoStack()->count(), 0);
    QVERIFY(window.isWindowModified());
    // The typed text is kept as it is.
    QCOMPARE(window.yamlEditor()->text().toUtf8(), broken);

    window.yamlEditor()->setText(QString::fromUtf8(StudioTest::twoNodes()));
    QTRY_VERIFY(!window.yamlPane()->isBannerVisible());
    QVERIFY(!window.yamlEditor()->hasErrorMarker(9));
    QCOMPARE(window.problemsView()->topLevelItemCount(), 0);
}

void tst_MainWindow::titleShowsFileAndModifiedMark()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("titled.yaml"));
    QVERIFY(window.files()->openFile(path));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("titled.yaml[*]")));
    QVERIFY(!window.isWindowModified());
    window.canvas()->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 200));
    QVERIFY(window.isWindowModified());
    QVERIFY(window.files()->save());
    QVERIFY(!window.isWindowModified());
    QVERIFY(StudioTest::readFile(path).contains("type: debug.log"));
    window.session()->undoStack()->undo();
    QVERIFY(window.isWindowModified());
    window.session()->undoStack()->redo();
    QVERIFY(!window.isWindowModified());
}

void tst_MainWindow::undoHistoryListsSteps()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    QVERIFY(window.files()->openFile(writeTemp(StudioTest::twoNodes())));
    QCOMPARE(window.undoView()->model()->rowCount(), 1); // the clean state
    window.canvas()->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 200));
    window.canvas()->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 300));
    QCOMPARE(window.undoView()->model()->rowCount(), 3);
    // Clicking the first row in the history goes back to the opened file.
    window.undoView()->setCurrentIndex(window.undoView()->model()->index(0, 0));
    QCOMPARE(window.session()->undoStack()->index(), 0);
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
}

void tst_MainWindow::droppedFileIsOpened_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("window") << QStringLiteral("window");
    QTest::newRow("canvas") << QStringLiteral("canvas");
    QTest::newRow("yaml editor") << QStringLiteral("yaml");
}

void tst_MainWindow::droppedFileIsOpened()
{
    QFETCH(QString, target);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QWidget *widget = target == QLatin1String("canvas") ? window.canvas()->view()->viewport()
                      : target == QLatin1String("yaml") ? window.yamlEditor()->viewport()
                                                        : static_cast<QWidget *>(&window);
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("dropped.yaml"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint pos = widget->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &move);
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &drop);
    QTRY_COMPARE(window.session()->filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
    // The file is opened, not pasted into the text as a URL.
    QCOMPARE(window.yamlEditor()->text().toUtf8(), StudioTest::twoNodes());
}

void tst_MainWindow::missingFileBecomesNewFile()
{
    MainWindow window;
    const QString path = m_dir.filePath(QStringLiteral("not-yet.yaml"));
    QVERIFY(window.files()->openFile(path));
    QCOMPARE(window.session()->filePath(), path);
    QCOMPARE(window.canvas()->scene()->nodeCount(), 0);
    window.canvas()->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 0));
    QVERIFY(window.files()->save());
    QVERIFY(StudioTest::readFile(path).contains("type: debug.log"));
}

void tst_MainWindow::menusHaveStandardShortcuts()
{
    MainWindow window;
    const QList<std::pair<QString, QKeySequence::StandardKey>> expected{
        {QStringLiteral("action.new"), QKeySequence::New},
        {QStringLiteral("action.open"), QKeySequence::Open},
        {QStringLiteral("action.save"), QKeySequence::Save},
        {QStringLiteral("action.saveAs"), QKeySequence::SaveAs},
        {QStringLiteral("action.undo"), QKeySequence::Undo},
        {QStringLiteral("action.redo"), QKeySequence::Redo},
        {QStringLiteral("action.quit"), QKeySequence::Quit},
    };
    for (const auto &[name, key] : expected) {
        QAction *action = window.findAction(name);
        QVERIFY2(action, qPrintable(name));
        QCOMPARE(action->shortcut(), QKeySequence(key));
    }
    QCOMPARE(window.canvas()->action(GraphController::Action::Delete)->shortcut(),
             QKeySequence(QKeySequence::Delete));
    QCOMPARE(window.canvas()->action(GraphController::Action::Copy)->shortcut(),
             QKeySequence(QKeySequence::Copy));
    QCOMPARE(window.canvas()->action(GraphController::Action::Paste)->shortcut(),
             QKeySequence(QKeySequence::Paste));
}

void tst_MainWindow::fileChangedOnDiskOffersReload()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("watched.yaml"));
    QVERIFY(window.files()->openFile(path));
    // Our own save is not a change by another program; a write after it is.
    QVERIFY(window.files()->save());
    QByteArray changed = StudioTest::twoNodes();
    changed.replace("name: Two nodes", "name: Changed elsewhere");
    QVERIFY(StudioTest::writeFile(path, changed));
    QTRY_VERIFY(window.notifications()->bar(QStringLiteral("disk-change")));
    NotificationBar *bar = window.notifications()->bar(QStringLiteral("disk-change"));
    QVERIFY(bar->text().contains(QStringLiteral("watched.yaml")));
    QPushButton *reload = nullptr;
    for (QPushButton *button : bar->findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("Reload"))
            reload = button;
    }
    QVERIFY(reload);
    reload->click();
    QCOMPARE(window.yamlEditor()->text().toUtf8(), changed);
    QCOMPARE(window.session()->document()->workflow().name, QStringLiteral("Changed elsewhere"));
    QVERIFY(!window.isWindowModified());
}

void tst_MainWindow::revertDropsChanges()
{
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("revert.yaml"));
    QVERIFY(window.files()->openFile(path));
    QVERIFY(!window.files()->revertAction()->isEnabled());
    window.canvas()->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 300));
    QVERIFY(window.files()->revertAction()->isEnabled());
    window.files()->revertAction()->trigger();
    QCOMPARE(window.yamlEditor()->text().toUtf8(), StudioTest::twoNodes());
    QCOMPARE(window.canvas()->scene()->nodeCount(), 2);
    QVERIFY(!window.isWindowModified());
}

void tst_MainWindow::recentFilesRemembered()
{
    MainWindow window;
    const QString first = writeTemp(StudioTest::twoNodes(), QStringLiteral("first.yaml"));
    const QString second = writeTemp(StudioTest::twoNodes(), QStringLiteral("second.yaml"));
    QVERIFY(window.files()->openFile(first));
    QVERIFY(window.files()->openFile(second));
    QCOMPARE(window.files()->recentFiles().value(0), QFileInfo(second).absoluteFilePath());
    QCOMPARE(window.files()->recentFiles().value(1), QFileInfo(first).absoluteFilePath());
    // The menu lists them and opens them.
    emit window.files()->recentMenu()->aboutToShow();
    const QList<QAction *> actions = window.files()->recentMenu()->actions();
    QVERIFY(actions.size() >= 2);
    QVERIFY(actions.at(1)->text().contains(QStringLiteral("first.yaml")));
    actions.at(1)->trigger();
    QCOMPARE(window.session()->filePath(), QFileInfo(first).absoluteFilePath());
}

void tst_MainWindow::commandPaletteFindsAndRunsActions()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.files()->openFile(writeTemp(StudioTest::twoNodes())));
    QAction *open = window.findAction(QStringLiteral("action.commandPalette"));
    QVERIFY(open);
    QCOMPARE(open->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    open->trigger();
    CommandPalette *palette = window.commandPalette();
    QVERIFY(palette->isVisible());
    const QStringList all = palette->visibleCommands();
    // Every menu command is there, from the app and from the canvas.
    for (const char *command : {"Save", "Open…", "Undo", "Zoom In", "Auto-Layout", "Find Command…"}) {
        QVERIFY2(
            std::any_of(all.begin(), all.end(),
                        [command](const QString &c) { return c.startsWith(QString::fromUtf8(command)); }),
            command);
    }
    QTest::keyClicks(palette->filterEdit(), QStringLiteral("zoom"));
    const QStringList zoom = palette->visibleCommands();
    QVERIFY(zoom.size() >= 3);
    QVERIFY(std::all_of(zoom.begin(), zoom.end(),
                        [](const QString &c) { return c.contains(QLatin1String("Zoom")); }));
    palette->filterEdit()->clear();
    QTest::keyClicks(palette->filterEdit(), QStringLiteral("select all"));
    QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QTRY_COMPARE(window.canvas()->selectedNodeIds().size(), 2);
    // Esc closes without running anything.
    open->trigger();
    QTest::keyClick(palette->filterEdit(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
}

void tst_MainWindow::appearanceFollowsChoice()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto editorPaper = [&window] {
        // Scintilla stores colours as 0xBBGGRR.
        const long bgr = window.yamlEditor()->SendScintilla(QsciScintilla::SCI_STYLEGETBACK, 0);
        return QColor(int(bgr & 0xff), int((bgr >> 8) & 0xff), int((bgr >> 16) & 0xff));
    };
    QVERIFY(editorPaper().lightness() > 128);
    window.findAction(QStringLiteral("action.theme.2"))->trigger(); // dark
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 128);
    QTRY_VERIFY(editorPaper().lightness() < 128);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
    window.findAction(QStringLiteral("action.theme.0"))->trigger(); // back to the system's
    QTRY_VERIFY(editorPaper().lightness() > 128);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("system"));
}

void tst_MainWindow::closingWithUnsavedChangesAsks()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("closing.yaml"));
    QVERIFY(window.files()->openFile(path));
    QVERIFY(window.close()); // nothing to ask about
    window.show();
    window.canvas()->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 300));
    window.files()->setAutomaticAnswer(FileController::Answer::Cancel);
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    window.files()->setAutomaticAnswer(FileController::Answer::Save);
    QVERIFY(window.close());
    QVERIFY(StudioTest::readFile(path).contains("type: debug.log"));
}

void tst_MainWindow::addNodeActionOpensQuickAdd()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findAction(QStringLiteral("action.addNode"))->trigger();
    QTRY_VERIFY(window.canvas()->view()->quickAddPopup()->isVisible());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
