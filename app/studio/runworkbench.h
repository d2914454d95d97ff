#pragma once

#include "executor/runevent.h"

#include <QObject>
#include <QVariantMap>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QWidget;
QT_END_NAMESPACE

namespace Flow {
class CanvasEditor;
class LogView;
class RunPanel;
class TimelineView;
} // namespace Flow

namespace Flow::Studio {

class NotificationArea;
class RunController;
class WorkflowSession;

// Everything about running the open workflow from the window: the Run / Stop / Run with Parameters /
// Run Selected actions, the run panel, log and timeline views, and the canvas overlay. The views and
// the canvas are fed one RunEvent stream from the RunController; they know nothing else about the run.
// Selecting a node anywhere (canvas, table, timeline, log) selects it everywhere.
class RunWorkbench : public QObject
{
    Q_OBJECT

public:
    RunWorkbench(WorkflowSession *session, CanvasEditor *canvas, NotificationArea *notifications,
                 QWidget *window);
    ~RunWorkbench() override;

    RunController *controller() const { return m_controller; }
    RunPanel *runPanel() const { return m_panel; }
    LogView *logView() const { return m_log; }
    TimelineView *timeline() const { return m_timeline; }
    QLabel *statusLabel() const { return m_status; }

    QAction *runAction() const { return m_run; }
    QAction *stopAction() const { return m_stop; }
    QAction *runWithParamsAction() const { return m_runWithParams; }
    QAction *runSelectedAction() const { return m_runSelected; }
    QAction *clearAction() const { return m_clear; }
    QList<QAction *> actions() const;

    // Starts the whole workflow with these params (no dialog). False, with the reason shown to the
    // user, when it cannot start (problems in the file, a run already going, a required param).
    bool runWorkflow(const QVariantMap &params = {});
    bool runNodes(const QStringList &ids, const QVariantMap &params = {});
    bool isRunning() const;
    // The window is closing: true when no run is going or the user agreed to stop it.
    bool confirmClose();

signals:
    // A run reached run.finished and every view has been fed its last event.
    void runFinished(Flow::RunStatus status);
    // Shown a run's events; for the screenshot hook and tests.
    void eventsShown(int count);

private:
    void createActions();
    void connectViews();
    bool startRun(const QStringList &onlyNodes, const QVariantMap &params);
    bool askParamsAndRun(const QStringList &onlyNodes);
    void onBatch(const RunEvents &events);
    void onFinished(RunStatus status, const QString &error);
    void selectEverywhere(const QStringList &ids, QObject *origin);
    void updateActions();
    void clearResults();
    QString workingDirectory() const;

    WorkflowSession *m_session;
    CanvasEditor *m_canvas;
    NotificationArea *m_notifications;
    QWidget *m_window;
    RunController *m_controller;
    RunPanel *m_panel;
    LogView *m_log;
    TimelineView *m_timeline;
    QLabel *m_status;
    QAction *m_run = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_runWithParams = nullptr;
    QAction *m_runSelected = nullptr;
    QAction *m_clear = nullptr;
    QVariantMap m_lastParams;
    int m_eventCount = 0;
    bool m_syncingSelection = false;
};

} // namespace Flow::Studio
