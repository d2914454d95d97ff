#pragma once

#include "model/diagnostic.h"

#include <QMainWindow>

#include <QMenu>
#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QUndoView;
QT_END_NAMESPACE

namespace Flow {
class CanvasEditor;
class NodeTypeCatalog;
class PaletteWidget;
class RunStore;
} // namespace Flow

namespace Flow::Studio {

class CommandPalette;
class RemoteDock;
class FileController;
class CanvasRunMenu;
class HistoryDock;
class InspectorWidget;
class NotificationArea;
class ProblemsView;
class RecoveryManager;
class RunWorkbench;
class SubflowActions;
class DocumentManager;
class WorkflowSession;
class YamlEditor;
class YamlPane;

// The workbench: canvas in the middle; palette, inspector, YAML, problems, undo history and the run
// views (run table, log, timeline) in docks.
// All parts share one WorkflowSession (document + undo stack + text).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `catalog` null means NodeRegistry::builtins().
    explicit MainWindow(const NodeTypeCatalog *catalog = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    DocumentManager *documents() const { return m_documents; }
    // The workflow this window edits (one of documents()).
    WorkflowSession *session() const { return m_session; }
    CanvasEditor *canvas() const { return m_canvas; }
    PaletteWidget *palette() const { return m_palette; }
    YamlPane *yamlPane() const { return m_yamlPane; }
    YamlEditor *yamlEditor() const;
    ProblemsView *problemsView() const { return m_problems; }
    InspectorWidget *inspector() const { return m_inspector; }
    QUndoView *undoView() const { return m_undoView; }
    FileController *files() const { return m_files; }
    NotificationArea *notifications() const { return m_notifications; }
    RecoveryManager *recovery() const { return m_recovery; }
    CommandPalette *commandPalette() const { return m_commandPalette; }
    RunWorkbench *runs() const { return m_runs; }
    SubflowActions *subflows() const { return m_subflows; }
    RemoteDock *remoteDock() const { return m_remote; }
    HistoryDock *historyDock() const { return m_historyDock; }
    CanvasRunMenu *canvasRunMenu() const { return m_canvasRunMenu; }

    // Every action of the window (menus, canvas, docks), for the command palette and tests.
    QList<QAction *> allActions() const;
    QAction *findAction(const QString &objectName) const;

    // Window geometry, dock layout; called by main(), not by tests or screenshots (deterministic look).
    void restoreSettings();
    void saveSettings() const;

    // Offers the work of a session that crashed or was killed, newest first (a bar above the canvas).
    void offerRecovery();

    // Whether the content has settled (no auto-layout running); for the screenshot hook.
    bool isIdle() const;

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createCentralArea();
    void createDocks();
    void createRunDocks(QDockWidget *below);
    void createStatusBar();
    void createMenus();      // mainwindowmenus.cpp
    void createToolBar();    // mainwindowmenus.cpp
    QMenu *createViewMenu(); // mainwindowmenus.cpp
    void connectParts();
    void updateTitle();
    void updateEmptyHint();
    void updateProblemSummary();
    void jumpToProblem(const Diagnostic &diagnostic);
    void showAbout();
    QDockWidget *addDock(const QString &objectName, const QString &title, QWidget *widget,
                         Qt::DockWidgetArea area);

    // Declared first: the catalog and the session are made from it.
    std::unique_ptr<NodeTypeCatalog> m_translatedCatalog;
    const NodeTypeCatalog *m_catalog;
    DocumentManager *m_documents;
    WorkflowSession *m_session;
    NotificationArea *m_notifications = nullptr;
    CanvasEditor *m_canvas = nullptr;
    PaletteWidget *m_palette = nullptr;
    YamlPane *m_yamlPane = nullptr;
    ProblemsView *m_problems = nullptr;
    InspectorWidget *m_inspector = nullptr;
    QUndoView *m_undoView = nullptr;
    FileController *m_files = nullptr;
    RecoveryManager *m_recovery = nullptr;
    CommandPalette *m_commandPalette = nullptr;
    RunWorkbench *m_runs = nullptr;
    SubflowActions *m_subflows = nullptr;
    RemoteDock *m_remote = nullptr;
    RunStore *m_historyStore = nullptr; // the run history (history/): records this window's runs
    HistoryDock *m_historyDock = nullptr;
    CanvasRunMenu *m_canvasRunMenu = nullptr; // the run entries of the canvas's node menu
    QList<QDockWidget *> m_docks;
    QLabel *m_caretLabel = nullptr;
    QLabel *m_problemLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_emptyHint = nullptr;
    bool m_shownOnce = false;
    QStringList m_selectionToRestore;
};

} // namespace Flow::Studio
