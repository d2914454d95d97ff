#include "canvasrunmenu.h"

#include "historydock.h"
#include "runworkbench.h"

#include "canvas/graphview.h"
#include "documents/workflowsession.h"
#include "history/runstore.h"
#include "model/workflowdocument.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>

#include <memory>

namespace Flow::Studio {

CanvasRunMenu::CanvasRunMenu(GraphView *view, RunStore *store, HistoryDock *history, RunWorkbench *runs,
                             WorkflowSession *session, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_history(history)
    , m_runs(runs)
    , m_session(session)
{
    connect(view, &GraphView::nodeContextMenu, this, &CanvasRunMenu::addEntries);
}

RunFilter CanvasRunMenu::workflowRuns() const
{
    RunFilter filter;
    const QString file = m_session->filePath();
    if (!file.isEmpty())
        filter.file = QFileInfo(file).absoluteFilePath();
    else
        filter.name = m_session->document()->workflow().name;
    filter.limit = 1;
    return filter;
}

void CanvasRunMenu::addEntries(QMenu *menu, const QString &nodeId)
{
    menu->setToolTipsVisible(true);
    QAction *rerun = menu->addAction(tr("Re-run From This Node"));
    rerun->setObjectName(QStringLiteral("canvas.rerunFromNode"));
    QAction *resume = menu->addAction(tr("Resume Last Run"));
    resume->setObjectName(QStringLiteral("canvas.resumeLastRun"));
    for (QAction *a : {rerun, resume})
        a->setEnabled(false);
    QString reason;
    if (!m_store)
        reason = tr("There is no run history.");
    else if (m_runs->isRunning())
        reason = tr("A run is in progress: wait for it to end, or stop it.");
    else if (m_session->filePath().isEmpty() && m_session->document()->workflow().name.isEmpty())
        reason = tr("The workflow has neither a file nor a name to find its runs by.");
    if (!reason.isEmpty()) {
        for (QAction *a : {rerun, resume})
            a->setToolTip(reason);
        emit entriesSettled(menu);
        return;
    }
    for (QAction *a : {rerun, resume})
        a->setToolTip(tr("Looking for the runs of this workflow…"));
    // Asked in the store's reader thread; the answer is dropped when the menu (and so the action,
    // the context) is gone by then.
    const auto pending = std::make_shared<int>(2);
    const auto oneSettled = [this, menu, pending] {
        if (--*pending == 0)
            emit entriesSettled(menu);
    };
    RunFilter withNode = workflowRuns();
    withNode.endedNode = nodeId;
    withNode.finishedOnly = true;
    m_store->listRuns(withNode, rerun,
                      [this, rerun, nodeId, oneSettled](const QList<RunRecord> &runs, const QString &) {
                          settleRerun(rerun, runs, nodeId);
                          oneSettled();
                      });
    m_store->listRuns(workflowRuns(), resume,
                      [this, resume, oneSettled](const QList<RunRecord> &runs, const QString &) {
                          settleResume(resume, runs);
                          oneSettled();
                      });
}

void CanvasRunMenu::settleRerun(QAction *action, const QList<RunRecord> &runs, const QString &nodeId)
{
    if (runs.isEmpty()) {
        action->setToolTip(tr("No stored run of this workflow has run node %1 yet.").arg(nodeId));
    } else {
        const QString id = runs.first().id;
        action->setEnabled(true);
        action->setToolTip(tr("Run %1 and everything downstream of it again, with the outputs of the other "
                              "nodes from run %2")
                               .arg(nodeId, id.left(8)));
        action->setData(id);
        connect(action, &QAction::triggered, this, [this, id, nodeId] { m_history->resumeRun(id, nodeId); });
    }
}

void CanvasRunMenu::settleResume(QAction *action, const QList<RunRecord> &runs)
{
    const QString status = runs.isEmpty() ? QString() : runs.first().status;
    if (runs.isEmpty()) {
        action->setToolTip(tr("No run of this workflow is in the history yet."));
    } else if (status == u"running") {
        action->setToolTip(tr("The last run of this workflow is still going."));
    } else if (status == u"succeeded") {
        action->setToolTip(tr("The last run of this workflow succeeded: there is nothing to resume."));
    } else {
        const QString id = runs.first().id;
        action->setEnabled(true);
        action->setToolTip(tr("Run again only the nodes of run %1 that did not succeed, with the stored "
                              "outputs of the others")
                               .arg(id.left(8)));
        action->setData(id);
        connect(action, &QAction::triggered, this, [this, id] { m_history->resumeRun(id); });
    }
}

} // namespace Flow::Studio
