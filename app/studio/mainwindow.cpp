#include "mainwindow.h"
#include "canvasrunmenu.h"
#include "history/runrecorder.h"
#include "history/runstore.h"
#include "history/storenodecache.h"
#include "historydock.h"
#include "remotedock.h"

#include "commandpalette.h"
#include "documents/documentmanager.h"
#include "documents/recoverymanager.h"
#include "documents/workflowsession.h"
#include "filecontroller.h"
#include "inspectorwidget.h"
#include "notificationbar.h"
#include "problemsview.h"
#include "runworkbench.h"
#include "subflowactions.h"
#include "translatedcatalog.h"
#include "yamleditor.h"
#include "yamlpane.h"

#include "app/runview/logview.h"
#include "app/runview/runpanel.h"
#include "app/runview/timelineview.h"
#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/palettewidget.h"
#include "model/workflowdocument.h"
#include "nodes/registry.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace Flow::Studio {
namespace {

const char GeometryKey[] = "window/geometry";
const char StateKey[] = "window/state";
constexpr int StateVersion = 1;

QString firstLocalWorkflowFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    }
    return {};
}

} // namespace

MainWindow::MainWindow(const NodeTypeCatalog *catalog, QWidget *parent)
    : QMainWindow(parent)
    , m_translatedCatalog(catalog ? nullptr : std::make_unique<TranslatedCatalog>(builtinCatalog()))
    , m_catalog(catalog ? catalog : m_translatedCatalog.get())
    , m_documents(new DocumentManager(m_catalog, this))
    , m_session(m_documents->create())
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks
                   | QMainWindow::AllowNestedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    createCentralArea();
    m_files = new FileController(m_session, this, m_notifications, this);
    m_recovery = new RecoveryManager(m_session, this);
    m_runs = new RunWorkbench(m_session, m_canvas, m_notifications, this);
    m_subflows = new SubflowActions(this);
    createDocks();
    createStatusBar();
    m_commandPalette = new CommandPalette([this] { return allActions(); }, this);
    createMenus();
    createToolBar();
    connectParts();
    yamlEditor()->viewport()->installEventFilter(this);
    updateTitle();
    updateProblemSummary();
    updateEmptyHint();
    resize(1440, 900);
}

MainWindow::~MainWindow() = default;

YamlEditor *MainWindow::yamlEditor() const
{
    return m_yamlPane->editor();
}

void MainWindow::createCentralArea()
{
    auto central = new QWidget(this);
    m_notifications = new NotificationArea(central);
    m_canvas = new CanvasEditor(m_session->document(), m_session->undoStack(), m_catalog, central);
    auto layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_notifications);
    layout->addWidget(m_canvas, 1);
    setCentralWidget(central);

    // An empty canvas says how to start instead of looking like nothing works.
    m_emptyHint = new QLabel(tr("<p style=\"font-size:large\">Start by dragging a node from the palette</p>"
                                "<p>or press Tab (or double-click) on the canvas to search for one.<br>"
                                "Ctrl+Shift+P finds any command.</p>"),
                             m_canvas);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_canvas->installEventFilter(this);
}

QDockWidget *MainWindow::addDock(const QString &objectName, const QString &title, QWidget *widget,
                                 Qt::DockWidgetArea area)
{
    auto dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    m_palette = new PaletteWidget(m_catalog, this);
    QDockWidget *paletteDock
        = addDock(QStringLiteral("PaletteDock"), tr("Palette"), m_palette, Qt::LeftDockWidgetArea);

    m_undoView = new QUndoView(m_session->undoStack(), this);
    m_undoView->setEmptyLabel(tr("<opened file>"));
    QDockWidget *historyDock = addDock(QStringLiteral("UndoHistoryDock"), tr("Undo History"), m_undoView,
                                       Qt::BottomDockWidgetArea);

    m_inspector = new InspectorWidget(m_session, m_catalog, this);
    QDockWidget *inspectorDock
        = addDock(QStringLiteral("InspectorDock"), tr("Inspector"), m_inspector, Qt::RightDockWidgetArea);

    m_yamlPane = new YamlPane(m_session, this);
    QDockWidget *yamlDock
        = addDock(QStringLiteral("YamlDock"), tr("YAML"), m_yamlPane, Qt::RightDockWidgetArea);

    m_problems = new ProblemsView(this);
    QDockWidget *problemsDock
        = addDock(QStringLiteral("ProblemsDock"), tr("Problems"), m_problems, Qt::BottomDockWidgetArea);

    // Left: the palette. Right: inspector over YAML. Bottom (under the canvas): problems, history and
    // the run views, tabbed.
    tabifyDockWidget(problemsDock, historyDock);
    createRunDocks(problemsDock);
    m_historyStore = new RunStore(RunStore::defaultPath(), this);
    new RunRecorder(m_historyStore, m_runs->runList(), this);
    m_runs->setNodeCache(std::make_unique<StoreNodeCache>(m_historyStore->path()));
    m_historyDock = new HistoryDock(m_historyStore, m_runs, m_session, m_files, this);
    m_canvasRunMenu
        = new CanvasRunMenu(m_canvas->view(), m_historyStore, m_historyDock, m_runs, m_session, this);
    tabifyDockWidget(historyDock, addDock(QStringLiteral("RunHistoryDock"), tr("Run History"), m_historyDock,
                                          Qt::BottomDockWidgetArea));
    problemsDock->raise();
    splitDockWidget(inspectorDock, yamlDock, Qt::Vertical);
    resizeDocks({paletteDock, inspectorDock}, {230, 440}, Qt::Horizontal);
    resizeDocks({inspectorDock, yamlDock}, {520, 400}, Qt::Vertical);
    resizeDocks({problemsDock}, {200}, Qt::Vertical);
}

void MainWindow::createRunDocks(QDockWidget *below)
{
    // The Run dock: the window's runs (pick one) beside the node table of the one shown.
    auto *runSplit = new QSplitter(Qt::Horizontal, this);
    runSplit->setObjectName(QStringLiteral("RunSplit"));
    runSplit->addWidget(m_runs->runListView());
    runSplit->addWidget(m_runs->runPanel());
    runSplit->setStretchFactor(0, 1);
    runSplit->setStretchFactor(1, 3);
    runSplit->setSizes({320, 960});
    QDockWidget *runDock = addDock(QStringLiteral("RunDock"), tr("Run"), runSplit, Qt::BottomDockWidgetArea);
    QDockWidget *logDock
        = addDock(QStringLiteral("LogDock"), tr("Log"), m_runs->logView(), Qt::BottomDockWidgetArea);
    QDockWidget *timelineDock = addDock(QStringLiteral("TimelineDock"), tr("Timeline"), m_runs->timeline(),
                                        Qt::BottomDockWidgetArea);
    tabifyDockWidget(below, runDock);
    tabifyDockWidget(below, logDock);
    tabifyDockWidget(below, timelineDock);
    m_remote = new RemoteDock(
        m_runs, [this] { return m_session->text(); }, this);
    tabifyDockWidget(below,
                     addDock(QStringLiteral("RemoteDock"), tr("Remote"), m_remote, Qt::BottomDockWidgetArea));
    // Pressing Run brings the run table forward; the problems come back when the user picks them.
    connect(m_runs, &RunWorkbench::runStarted, runDock, [runDock] {
        runDock->show();
        runDock->raise();
    });
}

void MainWindow::createStatusBar()
{
    m_problemLabel = new QLabel(this);
    m_caretLabel = new QLabel(this);
    m_zoomLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_runs->statusLabel());
    statusBar()->addPermanentWidget(m_problemLabel);
    statusBar()->addPermanentWidget(m_caretLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void MainWindow::connectParts()
{
    connect(m_session, &WorkflowSession::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_session, &WorkflowSession::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_session->document(), &WorkflowDocument::changed, this, &MainWindow::updateEmptyHint);
    connect(m_session, &WorkflowSession::diagnosticsChanged, this, &MainWindow::updateProblemSummary);
    connect(m_problems, &ProblemsView::problemActivated, this, &MainWindow::jumpToProblem);
    connect(yamlEditor(), &YamlEditor::markerClicked, this, [this](int line) {
        if (QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("ProblemsDock"))) {
            dock->show();
            dock->raise();
        }
        m_problems->selectLine(line);
    });
    connect(m_files, &FileController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_canvas, &CanvasEditor::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_subflows, &SubflowActions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_canvas, &CanvasEditor::selectionChanged, m_inspector, &InspectorWidget::showNodes);
    connect(m_canvas, &CanvasEditor::selectionChanged, this, [this](const QStringList &ids) {
        if (ids.size() == 1)
            yamlEditor()->revealNode(ids.first());
    });
    connect(m_palette, &PaletteWidget::typeActivated, m_canvas, &CanvasEditor::addNodeAtCenter);
    connect(yamlEditor(), &YamlEditor::caretMoved, this, [this](int line, int column) {
        m_caretLabel->setText(tr("Ln %1, Col %2").arg(line).arg(column));
    });
    connect(m_canvas->view(), &GraphView::zoomChanged, this,
            [this](qreal zoom) { m_zoomLabel->setText(tr("%1%").arg(qRound(zoom * 100))); });
    // A YAML edit replaces the whole document; the canvas selection (and so the inspector) survives it.
    connect(m_session, &WorkflowSession::aboutToReplaceDocument, this,
            [this] { m_selectionToRestore = m_canvas->selectedNodeIds(); });
    connect(m_session->document(), &WorkflowDocument::reset, this, [this] {
        QStringList keep;
        for (const QString &id : std::as_const(m_selectionToRestore)) {
            if (m_session->document()->node(id))
                keep.append(id);
        }
        m_selectionToRestore.clear();
        if (!keep.isEmpty())
            m_canvas->scene()->selectNodes(keep);
    });
    // A newly opened file is shown whole.
    connect(m_session, &WorkflowSession::loaded, this, [this] {
        QMetaObject::invokeMethod(m_canvas->view(), &GraphView::zoomToFit, Qt::QueuedConnection);
    });
    m_caretLabel->setText(tr("Ln %1, Col %2").arg(1).arg(1));
    m_zoomLabel->setText(tr("%1%").arg(qRound(m_canvas->view()->zoom() * 100)));
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — Flowstudio").arg(m_session->displayName()));
    setWindowModified(m_session->isModified());
    setWindowFilePath(m_session->filePath());
}

void MainWindow::updateProblemSummary()
{
    const Diagnostics &diagnostics = m_session->diagnostics();
    m_problems->setDiagnostics(diagnostics);
    const int errors = m_problems->errorCount();
    const int warnings = m_problems->warningCount();
    QStringList parts;
    if (errors > 0)
        parts.append(errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
    if (warnings > 0)
        parts.append(warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    m_problemLabel->setText(parts.isEmpty() ? tr("No problems") : parts.join(QStringLiteral(", ")));
    if (QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("ProblemsDock"))) {
        dock->setWindowTitle(diagnostics.isEmpty() ? tr("Problems")
                                                   : tr("Problems (%1)").arg(diagnostics.size()));
    }
}

void MainWindow::jumpToProblem(const Diagnostic &diagnostic)
{
    if (!diagnostic.nodeId.isEmpty() && m_session->document()->node(diagnostic.nodeId))
        m_canvas->selectNodes({diagnostic.nodeId});
    if (QDockWidget *dock = findChild<QDockWidget *>(QStringLiteral("YamlDock"))) {
        dock->show();
        dock->raise();
    }
    const int line = diagnostic.pos.isValid() ? diagnostic.pos.line : 1;
    const int column = diagnostic.pos.isValid() ? diagnostic.pos.column : 1;
    yamlEditor()->goToPosition(line, column);
}

QList<QAction *> MainWindow::allActions() const
{
    QList<QAction *> result;
    const QList<QAction *> found = findChildren<QAction *>();
    for (QAction *action : found) {
        if (!action->isSeparator() && !action->menu() && !action->text().isEmpty()
            && action->property("commandPalette") != QVariant(false) && !result.contains(action))
            result.append(action);
    }
    return result;
}

QAction *MainWindow::findAction(const QString &objectName) const
{
    const QList<QAction *> actions = allActions();
    for (QAction *action : actions) {
        if (action->objectName() == objectName)
            return action;
    }
    return nullptr;
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    restoreState(settings.value(StateKey).toByteArray(), StateVersion);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState(StateVersion));
}

void MainWindow::offerRecovery()
{
    const QList<RecoveryManager::Entry> orphans = m_recovery->orphans();
    if (orphans.isEmpty())
        return;
    const RecoveryManager::Entry entry = orphans.first();
    const QString name = entry.originalPath.isEmpty() ? tr("an untitled workflow")
                                                      : QFileInfo(entry.originalPath).fileName();
    NotificationBar *bar = m_notifications->show(
        QStringLiteral("recovery"), NotificationBar::Kind::Info,
        tr("Flowstudio ended without saving your changes to %1 (autosaved %2). Restore them?")
            .arg(name, QLocale().toString(entry.time.toLocalTime(), QLocale::ShortFormat)));
    bar->addButton(tr("Restore"), [this, entry] {
        if (!m_files->maybeSave())
            return;
        m_session->loadUnsaved(entry.text, entry.originalPath);
        // Our own recovery file holds the work before the old one goes.
        m_recovery->autosaveNow();
        m_recovery->discard(entry);
        statusBar()->showMessage(tr("Restored unsaved changes; save to keep them."), 8000);
        offerRecovery();
    });
    bar->addButton(tr("Discard"), [this, entry] {
        m_recovery->discard(entry);
        offerRecovery();
    });
}

bool MainWindow::isIdle() const
{
    return !m_canvas->controller()->isLayoutRunning();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    // The file may have been opened before the window had its size: fit once the layout is done.
    QMetaObject::invokeMethod(m_canvas->view(), &GraphView::zoomToFit, Qt::QueuedConnection);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_runs->confirmClose() || !m_files->maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!firstLocalWorkflowFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = firstLocalWorkflowFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    // Opening may ask about unsaved work; not from inside the drop handler of the platform drag.
    QMetaObject::invokeMethod(
        this, [this, path] { m_files->openFile(path); }, Qt::QueuedConnection);
}

void MainWindow::updateEmptyHint()
{
    m_emptyHint->setGeometry(m_canvas->rect());
    m_emptyHint->setVisible(m_session->document()->workflow().nodes.isEmpty());
    m_emptyHint->raise();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_canvas && event->type() == QEvent::Resize)
        updateEmptyHint();
    // The YAML editor would take a dropped file as text to insert; a workflow file is opened instead.
    if (watched == yamlEditor()->viewport()) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto drag = static_cast<QDragMoveEvent *>(event);
            if (firstLocalWorkflowFile(drag->mimeData()).isEmpty())
                break;
            drag->acceptProposedAction();
            return true;
        }
        case QEvent::Drop: {
            auto drop = static_cast<QDropEvent *>(event);
            if (firstLocalWorkflowFile(drop->mimeData()).isEmpty())
                break;
            dropEvent(drop);
            return true;
        }
        default:
            break;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        updateTitle();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Flowstudio"),
        tr("<h3>Flowstudio %1</h3>"
           "<p>A visual editor and runner for workflows: build a graph of shell commands, HTTP requests, "
           "scripts and file steps, and keep it as readable YAML.</p>"
           "<p>Built with Qt %2, QScintilla and yaml-cpp.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace Flow::Studio
