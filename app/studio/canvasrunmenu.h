#pragma once

#include "history/runrecord.h"

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
QT_END_NAMESPACE

namespace Flow {
class GraphView;
class RunStore;
} // namespace Flow

namespace Flow::Studio {

class HistoryDock;
class RunWorkbench;
class WorkflowSession;

// The run entries of a node's menu on the canvas:
// - "Re-run From This Node": as `flowrun run --from NODE --of RUN`, RUN being the newest stored run of
//   this workflow in which the node ended;
// - "Resume Last Run": as `flowrun run --resume RUN`, RUN being the newest run of this workflow, when
//   it failed, was stopped or was interrupted.
// The canvas only offers the menu (GraphView::nodeContextMenu) and knows nothing of runs. Which runs
// exist is asked of the history (in its reader thread) when the menu opens: the entries show
// disabled and are enabled when the answer comes, or say in their tooltip why not. The runs start
// through the History dock's resume path, as its own Resume and Re-run From do.
class CanvasRunMenu : public QObject
{
    Q_OBJECT

public:
    CanvasRunMenu(GraphView *view, RunStore *store, HistoryDock *history, RunWorkbench *runs,
                  WorkflowSession *session, QObject *parent = nullptr);

signals:
    // Both entries have their final state (for tests and the screenshot hook).
    void entriesSettled(QMenu *menu);

private:
    void addEntries(QMenu *menu, const QString &nodeId);
    // The runs of the workflow being edited: by its file, or by name while it has none.
    RunFilter workflowRuns() const;
    void settleRerun(QAction *action, const QList<RunRecord> &runs, const QString &nodeId);
    void settleResume(QAction *action, const QList<RunRecord> &runs);

    QPointer<RunStore> m_store;
    HistoryDock *m_history;
    RunWorkbench *m_runs;
    WorkflowSession *m_session;
};

} // namespace Flow::Studio
