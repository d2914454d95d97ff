#pragma once

#include "runs/runevent.h"

#include <QPointer>

#include <QObject>
#include <QVariantMap>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QTableView;
class QWidget;
QT_END_NAMESPACE

namespace Flow {
class CanvasEditor;
class LogView;
class NodeCache;
class RunFeed;
class RunList;
class RunListModel;
class RunPanel;
class RunSource;
class TimelineView;
} // namespace Flow

namespace Flow::Studio {

class NotificationArea;
class WorkflowSession;

// Everything about running workflows from the window: the Run / Stop / Run with Parameters / Run
// Selected actions, the list of runs, the run panel, log and timeline views, and the canvas overlay.
// Every run (a local one started here, and whatever else is handed to showRun(): a replay from the
// history, a remote run) is a RunFeed in one RunList. Several can go at once; the views and the canvas
// are bound to the list's current feed and know nothing else about runs. Selecting a node anywhere
// (canvas, table, timeline, log) selects it everywhere.
class RunWorkbench : public QObject
{
    Q_OBJECT

public:
    RunWorkbench(WorkflowSession *session, CanvasEditor *canvas, NotificationArea *notifications,
                 QWidget *window);
    ~RunWorkbench() override;

    RunList *runList() const { return m_runs; }
    // The feed the views show (null: none).
    RunFeed *currentFeed() const;
    // Lists `source`'s run (taking ownership) and shows it. The feed is set up for the views before
    // anything is delivered; start a live source after this returns.
    RunFeed *showRun(RunSource *source);
    QTableView *runListView() const { return m_runListView; }
    RunPanel *runPanel() const { return m_panel; }
    LogView *logView() const { return m_log; }
    TimelineView *timeline() const { return m_timeline; }
    QLabel *statusLabel() const { return m_status; }

    QAction *runAction() const { return m_run; }
    QAction *stopAction() const { return m_stop; }
    QAction *runWithParamsAction() const { return m_runWithParams; }
    QAction *runSelectedAction() const { return m_runSelected; }
    QAction *clearAction() const { return m_clear; }
    QAction *openRecordingAction() const { return m_openRecording; }
    QList<QAction *> actions() const;

    // Starts the whole workflow with these params (no dialog), beside any runs still going. False,
    // with the reason shown to the user, when it cannot start (problems in the file, a required param).
    bool runWorkflow(const QVariantMap &params = {});
    bool runNodes(const QStringList &ids, const QVariantMap &params = {});
    // Shows the run recorded in an NDJSON file (`flowrun run --json > FILE`), read off the GUI thread,
    // as a replay in the run list. recordingFailed() when it cannot be read.
    void openRecording(const QString &path);
    // Whether any listed run is still going.
    bool isRunning() const;
    // The result cache of `cache: true` nodes for every local run of the window (also the History
    // dock's resumed ones). Outlives those runs: it goes after them when the workbench does.
    void setNodeCache(std::unique_ptr<NodeCache> cache);
    NodeCache *nodeCache() const { return m_cache.get(); }
    // The window is closing: true when no run is going or the user agreed to stop them.
    bool confirmClose();

signals:
    // A run started here.
    void runStarted(Flow::RunFeed *feed);
    // A listed run reached its end (run.finished, or its source ended) and its views have its events.
    void runFinished(Flow::RunStatus status);
    // A recording could not be opened (the reason is shown in the window too).
    void recordingFailed(const QString &error);
    // The current run's events were shown; for the screenshot hook and tests.
    void eventsShown(int count);

private:
    void createActions();
    void connectViews();
    bool startRun(const QStringList &onlyNodes, const QVariantMap &params);
    bool askParamsAndRun(const QStringList &onlyNodes);
    void showFeed(RunFeed *feed);
    void onApplied();
    void onFinished(RunFeed *feed, RunStatus status, const QString &error);
    void updateStatus();
    void createRunListView();
    void selectEverywhere(const QStringList &ids, QObject *origin);
    void updateActions();
    void clearResults();
    QString workingDirectory() const;

    WorkflowSession *m_session;
    CanvasEditor *m_canvas;
    NotificationArea *m_notifications;
    QWidget *m_window;
    RunList *m_runs;
    RunListModel *m_runModel = nullptr;
    QTableView *m_runListView = nullptr;
    QPointer<RunFeed> m_shown;
    RunPanel *m_panel;
    LogView *m_log;
    TimelineView *m_timeline;
    QLabel *m_status;
    QAction *m_run = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_runWithParams = nullptr;
    QAction *m_runSelected = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_openRecording = nullptr;
    QVariantMap m_lastParams;
    bool m_syncingSelection = false;
    std::unique_ptr<NodeCache> m_cache;
};

} // namespace Flow::Studio
