// The menus and the tool bar of the main window. Canvas actions come from its controller, undo/redo
// from the shared stack; everything uses standard shortcuts where the platform has them.
#include "mainwindow.h"

#include "runworkbench.h"

#include "appearance.h"
#include "commandpalette.h"
#include "filecontroller.h"
#include "problemsview.h"
#include "documents/workflowsession.h"

#include "canvas/canvaseditor.h"
#include "canvas/graphcontroller.h"
#include "canvas/graphview.h" // GraphController holds a QPointer<GraphView>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QUndoStack>

namespace Flow::Studio {
namespace {

using Action = GraphController::Action;

void addCanvasActions(QMenu *menu, const CanvasEditor *canvas, std::initializer_list<Action> ids)
{
    for (Action id : ids)
        menu->addAction(canvas->action(id));
}

} // namespace

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentMenu());
    file->addSeparator();
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    file->addAction(m_files->revertAction());
    file->addSeparator();
    QAction *quit = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"));
    quit->setObjectName(QStringLiteral("action.quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QUndoStack *stack = m_session->undoStack();
    // Typing not yet applied becomes its own step first, so undo never lands under it.
    QAction *undo = new QAction(tr("&Undo"), this);
    undo->setEnabled(stack->canUndo());
    connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, undo, [this, undo](const QString &text) {
        undo->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
    });
    connect(undo, &QAction::triggered, m_session, &WorkflowSession::undo);
    undo->setObjectName(QStringLiteral("action.undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo"), QIcon(QStringLiteral(":/studio/undo.svg"))));
    QAction *redo = new QAction(tr("&Redo"), this);
    redo->setEnabled(stack->canRedo());
    connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(stack, &QUndoStack::redoTextChanged, redo, [this, redo](const QString &text) {
        redo->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
    });
    connect(redo, &QAction::triggered, m_session, &WorkflowSession::redo);
    redo->setObjectName(QStringLiteral("action.redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo"), QIcon(QStringLiteral(":/studio/redo.svg"))));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    addCanvasActions(edit, m_canvas,
                     {Action::Cut, Action::Copy, Action::Paste, Action::Duplicate, Action::Delete});
    edit->addSeparator();
    addCanvasActions(edit, m_canvas, {Action::SelectAll, Action::Rename});
    edit->addSeparator();
    QAction *addNode = edit->addAction(QIcon(QStringLiteral(":/icons/add-node.svg")), tr("&Add Node…"));
    addNode->setObjectName(QStringLiteral("action.addNode"));
    addNode->setStatusTip(tr("Search for a node type and add it (also Tab or a double-click on the canvas)"));
    connect(addNode, &QAction::triggered, this, [this] {
        GraphView *view = m_canvas->view();
        view->setFocus();
        view->openQuickAdd(view->viewport()->rect().center() - QPoint(120, 120));
    });

    menuBar()->addMenu(createViewMenu());

    QMenu *arrange = menuBar()->addMenu(tr("&Arrange"));
    addCanvasActions(arrange, m_canvas,
                     {Action::AlignLeft, Action::AlignRight, Action::AlignTop, Action::AlignBottom});
    arrange->addSeparator();
    addCanvasActions(arrange, m_canvas, {Action::DistributeHorizontally, Action::DistributeVertically});
    arrange->addSeparator();
    addCanvasActions(arrange, m_canvas, {Action::AutoLayout, Action::AutoLayoutSelection});

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runs->runAction());
    run->addAction(m_runs->runWithParamsAction());
    run->addAction(m_runs->runSelectedAction());
    run->addAction(m_runs->stopAction());
    run->addSeparator();
    run->addAction(m_runs->clearAction());
    run->addSeparator();
    run->addAction(m_runs->openRecordingAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Flowstudio"));
    about->setObjectName(QStringLiteral("action.about"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setObjectName(QStringLiteral("action.aboutQt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_files->newAction()->setObjectName(QStringLiteral("action.new"));
    m_files->openAction()->setObjectName(QStringLiteral("action.open"));
    m_files->saveAction()->setObjectName(QStringLiteral("action.save"));
    m_files->saveAsAction()->setObjectName(QStringLiteral("action.saveAs"));
    m_files->revertAction()->setObjectName(QStringLiteral("action.revert"));
}

QMenu *MainWindow::createViewMenu()
{
    QMenu *view = new QMenu(tr("&View"), this);
    addCanvasActions(view, m_canvas, {Action::ZoomIn, Action::ZoomOut, Action::ZoomReset, Action::ZoomToFit});
    view->addSeparator();
    QAction *commands = view->addAction(QIcon(QStringLiteral(":/studio/search.svg")), tr("Find &Command…"));
    commands->setObjectName(QStringLiteral("action.commandPalette"));
    commands->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    commands->setStatusTip(tr("Search every command by name"));
    connect(commands, &QAction::triggered, m_commandPalette, &CommandPalette::popup);
    QAction *nextProblem = view->addAction(tr("&Next Problem"));
    nextProblem->setObjectName(QStringLiteral("action.nextProblem"));
    nextProblem->setShortcut(QKeySequence(Qt::Key_F8));
    connect(nextProblem, &QAction::triggered, this, [this] { m_problems->activateNext(1); });
    QAction *previousProblem = view->addAction(tr("P&revious Problem"));
    previousProblem->setObjectName(QStringLiteral("action.previousProblem"));
    previousProblem->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    connect(previousProblem, &QAction::triggered, this, [this] { m_problems->activateNext(-1); });
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : std::as_const(m_docks)) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setObjectName(QStringLiteral("action.toggle.") + dock->objectName());
        panels->addAction(toggle);
    }
    QMenu *appearance = view->addMenu(tr("&Appearance"));
    auto themes = new QActionGroup(appearance);
    const std::pair<ThemeChoice, QString> choices[] = {
        {ThemeChoice::System, tr("Follow the &System")},
        {ThemeChoice::Light, tr("&Light")},
        {ThemeChoice::Dark, tr("&Dark")},
    };
    for (const auto &[theme, text] : choices) {
        QAction *action = appearance->addAction(text);
        action->setObjectName(QStringLiteral("action.theme.%1").arg(int(theme)));
        action->setCheckable(true);
        action->setChecked(theme == savedAppearance());
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [theme = theme] {
            applyAppearance(theme);
            saveAppearance(theme);
        });
    }
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setObjectName(QStringLiteral("action.fullScreen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });
    return view;
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setIconSize(QSize(18, 18));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->setMovable(false);
    bar->addAction(m_files->newAction());
    bar->addAction(m_files->openAction());
    bar->addAction(m_files->saveAction());
    bar->addSeparator();
    bar->addAction(findAction(QStringLiteral("action.undo")));
    bar->addAction(findAction(QStringLiteral("action.redo")));
    bar->addSeparator();
    for (Action id : {Action::ZoomIn, Action::ZoomOut, Action::ZoomToFit, Action::AutoLayout})
        bar->addAction(m_canvas->action(id));
    bar->addSeparator();
    bar->addAction(m_runs->runAction());
    bar->addAction(m_runs->runSelectedAction());
    bar->addAction(m_runs->stopAction());
}

} // namespace Flow::Studio
