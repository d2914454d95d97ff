#include "runworkbench.h"

#include "notificationbar.h"
#include "runcontroller.h"
#include "runparamsdialog.h"
#include "workflowsession.h"

#include "app/runview/logview.h"
#include "app/runview/runnodemodel.h"
#include "app/runview/runpanel.h"
#include "app/runview/timelineview.h"
#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "executor/runselection.h"
#include "executor/runstate.h"
#include "model/workflowdocument.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QWidget>

namespace Flow::Studio {

namespace {

QString seconds(qint64 ms)
{
    return QLocale().toString(double(ms) / 1000.0, 'f', ms < 10000 ? 2 : 1);
}

int errorCount(const Diagnostics &diagnostics)
{
    return int(std::count_if(diagnostics.begin(), diagnostics.end(),
                             [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; }));
}

} // namespace

RunWorkbench::RunWorkbench(WorkflowSession *session, CanvasEditor *canvas, NotificationArea *notifications,
                           QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_canvas(canvas)
    , m_notifications(notifications)
    , m_window(window)
    , m_controller(new RunController(this))
    , m_panel(new RunPanel(window))
    , m_log(new LogView(window))
    , m_timeline(new TimelineView(window))
    , m_status(new QLabel(window))
{
    m_panel->setObjectName(QStringLiteral("RunPanel"));
    m_log->setObjectName(QStringLiteral("LogView"));
    m_timeline->setObjectName(QStringLiteral("TimelineView"));
    createActions();
    connectViews();
    updateActions();
}

RunWorkbench::~RunWorkbench() = default;

void RunWorkbench::createActions()
{
    m_run = new QAction(QIcon(QStringLiteral(":/studio/run.svg")), tr("&Run"), m_window);
    m_run->setObjectName(QStringLiteral("action.run"));
    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    m_run->setStatusTip(tr("Run the whole workflow"));
    connect(m_run, &QAction::triggered, this, [this] { startRun({}, m_lastParams); });

    m_runWithParams = new QAction(tr("Run with &Parameters…"), m_window);
    m_runWithParams->setObjectName(QStringLiteral("action.runWithParams"));
    m_runWithParams->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    m_runWithParams->setStatusTip(tr("Choose the workflow's parameters, then run it"));
    connect(m_runWithParams, &QAction::triggered, this, [this] { askParamsAndRun({}); });

    m_runSelected = new QAction(QIcon(QStringLiteral(":/studio/run-selected.svg")), tr("Run &Selected Nodes"),
                                m_window);
    m_runSelected->setObjectName(QStringLiteral("action.runSelected"));
    m_runSelected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_runSelected->setStatusTip(tr("Run the selected nodes and the nodes they need"));
    connect(m_runSelected, &QAction::triggered, this,
            [this] { startRun(m_canvas->selectedNodeIds(), m_lastParams); });

    m_stop = new QAction(QIcon(QStringLiteral(":/studio/stop.svg")), tr("S&top"), m_window);
    m_stop->setObjectName(QStringLiteral("action.stop"));
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setStatusTip(tr("Stop the run: running nodes are cancelled and nothing new starts"));
    connect(m_stop, &QAction::triggered, m_controller, &RunController::stop);

    m_clear = new QAction(tr("&Clear Run Results"), m_window);
    m_clear->setObjectName(QStringLiteral("action.clearRun"));
    m_clear->setStatusTip(tr("Remove the states of the last run from the canvas and the run views"));
    connect(m_clear, &QAction::triggered, this, &RunWorkbench::clearResults);
}

QList<QAction *> RunWorkbench::actions() const
{
    return {m_run, m_runWithParams, m_runSelected, m_stop, m_clear};
}

void RunWorkbench::connectViews()
{
    connect(m_controller, &RunController::batch, this, &RunWorkbench::onBatch);
    connect(m_controller, &RunController::finished, this, &RunWorkbench::onFinished);
    connect(m_controller, &RunController::runningChanged, this, &RunWorkbench::updateActions);
    connect(m_canvas, &CanvasEditor::selectionChanged, this,
            [this](const QStringList &ids) { selectEverywhere(ids, m_canvas); });
    connect(m_panel, &RunPanel::nodesSelected, this,
            [this](const QStringList &ids) { selectEverywhere(ids, m_panel); });
    connect(m_timeline, &TimelineView::nodeClicked, this,
            [this](const QString &id) { selectEverywhere({id}, m_timeline); });
    connect(m_log, &LogView::nodeActivated, this,
            [this](const QString &id) { selectEverywhere({id}, m_log); });
    connect(m_canvas, &CanvasEditor::selectionChanged, this, &RunWorkbench::updateActions);
}

void RunWorkbench::selectEverywhere(const QStringList &ids, QObject *origin)
{
    // The views' selectNodes() do not signal back; the canvas does, hence the guard.
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    if (origin != m_canvas) {
        QStringList present;
        for (const QString &id : ids) {
            if (m_session->document()->node(id))
                present.append(id);
        }
        m_canvas->selectNodes(present);
    }
    if (origin != m_panel)
        m_panel->selectNodes(ids);
    if (origin != m_timeline)
        m_timeline->selectNodes(ids);
    m_syncingSelection = false;
}

void RunWorkbench::updateActions()
{
    const bool running = m_controller->isRunning();
    m_run->setEnabled(!running);
    m_runWithParams->setEnabled(!running);
    m_runSelected->setEnabled(!running && !m_canvas->selectedNodeIds().isEmpty());
    m_stop->setEnabled(running);
    m_clear->setEnabled(!running);
}

bool RunWorkbench::isRunning() const
{
    return m_controller->isRunning();
}

bool RunWorkbench::runWorkflow(const QVariantMap &params)
{
    return startRun({}, params);
}

bool RunWorkbench::runNodes(const QStringList &ids, const QVariantMap &params)
{
    return startRun(ids, params);
}

bool RunWorkbench::askParamsAndRun(const QStringList &onlyNodes)
{
    if (m_controller->isRunning())
        return false;
    if (m_session->hasPendingText())
        m_session->applyPendingText();
    RunParamsDialog dialog(m_session->document()->workflow().params, m_lastParams, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    return startRun(onlyNodes, dialog.values());
}

QString RunWorkbench::workingDirectory() const
{
    // Relative paths in a workflow mean "next to the file", as with `flowrun run FILE`.
    const QString file = m_session->filePath();
    return file.isEmpty() ? QString() : QFileInfo(file).absolutePath();
}

bool RunWorkbench::startRun(const QStringList &onlyNodes, const QVariantMap &params)
{
    if (m_controller->isRunning())
        return false;
    // Text typed but not yet applied is what the user means to run. (Parsing only when there is
    // some: a big workflow takes a while to read.)
    if (m_session->hasPendingText())
        m_session->applyPendingText();
    const int errors = errorCount(m_session->diagnostics());
    if (!m_session->textParses() || errors > 0) {
        m_notifications->show(
            QStringLiteral("run"), NotificationBar::Kind::Error,
            errors == 1 ? tr("The workflow has a problem; fix it before running.")
                        : tr("The workflow has %1 problems; fix them before running.").arg(qMax(errors, 1)));
        return false;
    }
    Workflow workflow = m_session->document()->workflow();
    if (!onlyNodes.isEmpty())
        workflow = workflowForNodes(workflow, onlyNodes);
    if (workflow.nodes.isEmpty()) {
        m_notifications->show(QStringLiteral("run"), NotificationBar::Kind::Info,
                              tr("There is nothing to run: the workflow has no nodes."));
        return false;
    }
    if (!RunParamsDialog::canRunWithout(workflow.params, params))
        return askParamsAndRun(onlyNodes);
    m_notifications->dismiss(QStringLiteral("run"));
    m_lastParams = params;
    clearResults();
    RunOptions options;
    options.params = params;
    options.workingDirectory = workingDirectory();
    options.workflowFile = m_session->filePath(); // flow.subflow paths are relative to it
    m_eventCount = 0;
    m_status->setText(tr("Starting…"));
    return m_controller->start(workflow, options);
}

void RunWorkbench::clearResults()
{
    m_panel->clear();
    m_log->clear();
    m_timeline->clear();
    m_canvas->scene()->clearRunOverlay();
    m_status->clear();
}

void RunWorkbench::onBatch(const RunEvents &events)
{
    m_canvas->scene()->applyRunEvents(events);
    m_panel->addEvents(events);
    m_timeline->addEvents(events);
    m_log->addEvents(events);
    m_eventCount += int(events.size());
    const RunState &state = m_panel->model()->state();
    if (!state.isFinished()) {
        const int done = state.finishedCount();
        m_status->setText(m_controller->isStopping()
                              ? tr("Stopping…")
                              : tr("Running: %1 of %2 nodes done").arg(done).arg(state.nodeCount()));
    }
    emit eventsShown(m_eventCount);
}

void RunWorkbench::onFinished(RunStatus status, const QString &error)
{
    const RunState &state = m_panel->model()->state();
    const qint64 ms = state.finishedAt() - state.startedAt();
    switch (status) {
    case RunStatus::Succeeded:
        m_status->setText(tr("Run succeeded in %1 s").arg(seconds(ms)));
        break;
    case RunStatus::Failed:
        m_status->setText(tr("Run failed after %1 s").arg(seconds(ms)));
        m_notifications->show(QStringLiteral("run"), NotificationBar::Kind::Error,
                              tr("The run failed: %1").arg(error));
        break;
    case RunStatus::Cancelled:
        m_status->setText(tr("Run stopped after %1 s").arg(seconds(ms)));
        break;
    }
    updateActions();
    emit runFinished(status);
}

bool RunWorkbench::confirmClose()
{
    if (!m_controller->isRunning())
        return true;
    const auto answer = QMessageBox::question(m_window, tr("Run in Progress"),
                                              tr("A run is still going. Stop it and close?"),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    m_controller->stop();
    return true;
}

} // namespace Flow::Studio
