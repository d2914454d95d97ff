#include "runworkbench.h"

#include "documents/workflowsession.h"
#include "notificationbar.h"
#include "runparamsdialog.h"
#include "runs/durationtext.h"

#include "app/runview/logview.h"
#include "app/runview/runlistmodel.h"
#include "app/runview/runnodemodel.h"
#include "app/runview/runpanel.h"
#include "app/runview/runviewdata.h"
#include "app/runview/timelineview.h"
#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "executor/localrunsource.h"
#include "executor/nodecache.h"
#include "executor/run.h"
#include "executor/runselection.h"
#include "model/workflowdocument.h"
#include "runs/replaysource.h"
#include "runs/runfeed.h"
#include "runs/runlist.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace Flow::Studio {

namespace {

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
    , m_runs(new RunList(this))
    , m_panel(new RunPanel(window))
    , m_log(new LogView(window))
    , m_timeline(new TimelineView(window))
    , m_status(new QLabel(window))
{
    m_panel->setObjectName(QStringLiteral("RunPanel"));
    m_log->setObjectName(QStringLiteral("LogView"));
    m_timeline->setObjectName(QStringLiteral("TimelineView"));
    createActions();
    createRunListView();
    connectViews();
    updateActions();
}

RunWorkbench::~RunWorkbench()
{
    // The runs (and their workers, which may be asking the cache) end before the cache does; what
    // they signal on the way out is no longer for this half-gone workbench.
    for (RunFeed *feed : m_runs->feeds())
        disconnect(feed, nullptr, this, nullptr);
    disconnect(m_runs, nullptr, this, nullptr);
    delete m_runs;
    m_runs = nullptr;
}

void RunWorkbench::setNodeCache(std::unique_ptr<NodeCache> cache)
{
    m_cache = std::move(cache);
}

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
    connect(m_stop, &QAction::triggered, this, [this] {
        if (RunFeed *feed = currentFeed())
            feed->stop();
        updateActions();
    });

    m_clear = new QAction(tr("&Clear Run Results"), m_window);
    m_clear->setObjectName(QStringLiteral("action.clearRun"));
    m_clear->setStatusTip(
        tr("Remove the finished runs from the list, their states from the canvas and the run views"));
    connect(m_clear, &QAction::triggered, this, &RunWorkbench::clearResults);

    m_openRecording = new QAction(tr("Open Run &Recording…"), m_window);
    m_openRecording->setObjectName(QStringLiteral("action.openRecording"));
    m_openRecording->setStatusTip(tr("Show a run recorded with `flowrun run --json` in the run views"));
    connect(m_openRecording, &QAction::triggered, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(m_window, tr("Open Run Recording"), QString(),
                                           tr("Run recordings (*.ndjson *.jsonl *.json);;All files (*)"));
        if (!path.isEmpty())
            openRecording(path);
    });
}

void RunWorkbench::openRecording(const QString &path)
{
    struct Read
    {
        std::optional<RunEvents> events;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Read>(this);
    connect(watcher, &QFutureWatcher<Read>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        Read read = watcher->result();
        if (!read.events) {
            m_notifications->show(QStringLiteral("run"), NotificationBar::Kind::Error,
                                  tr("Cannot show the recording: %1").arg(read.error));
            emit recordingFailed(read.error);
            return;
        }
        auto *source = new ReplaySource(std::move(*read.events), {}, path);
        showRun(source);
        source->start();
    });
    // A recording of a million events is read and decoded off the GUI thread.
    watcher->setFuture(QtConcurrent::run([path] {
        Read read;
        read.events = ReplaySource::readNdjson(path, &read.error);
        return read;
    }));
}

QList<QAction *> RunWorkbench::actions() const
{
    return {m_run, m_runWithParams, m_runSelected, m_stop, m_clear, m_openRecording};
}

void RunWorkbench::createRunListView()
{
    m_runModel = new RunListModel(m_runs, this);
    m_runListView = new QTableView(m_window);
    m_runListView->setObjectName(QStringLiteral("RunList"));
    m_runListView->setModel(m_runModel);
    m_runListView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runListView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runListView->setShowGrid(false);
    m_runListView->setWordWrap(false);
    m_runListView->verticalHeader()->hide();
    m_runListView->verticalHeader()->setDefaultSectionSize(m_runListView->fontMetrics().height() + 6);
    m_runListView->horizontalHeader()->setStretchLastSection(true);
    m_runListView->horizontalHeader()->setSectionResizeMode(RunListModel::NameColumn, QHeaderView::Stretch);
    m_runListView->horizontalHeader()->setSectionResizeMode(RunListModel::DurationColumn,
                                                            QHeaderView::ResizeToContents);
    m_runListView->horizontalHeader()->setSectionResizeMode(RunListModel::StatusColumn,
                                                            QHeaderView::ResizeToContents);
    m_runListView->horizontalHeader()->setSectionResizeMode(RunListModel::NodesColumn,
                                                            QHeaderView::ResizeToContents);
    m_runListView->horizontalHeader()->setSectionResizeMode(RunListModel::StartedColumn,
                                                            QHeaderView::ResizeToContents);
    m_runListView->setColumnHidden(RunListModel::StartedColumn, true); // in the tooltip; the dock is narrow
    // A narrow window squeezes the list rather than growing: its columns scroll.
    m_runListView->setMinimumWidth(m_runListView->fontMetrics().averageCharWidth() * 8);
    m_runListView->setToolTip(
        tr("Runs of this window: pick one to show it on the canvas and in the run views"));
    // The user picks a run: the views follow. The list's current run is mirrored back as selection.
    connect(m_runListView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                if (RunFeed *feed = m_runModel->feedAt(index.row()))
                    m_runs->setCurrent(feed);
            });
    connect(m_runs, &RunList::currentChanged, this, [this](RunFeed *feed) {
        showFeed(feed);
        const int row = m_runModel->rowOf(feed);
        const QModelIndex index = m_runModel->index(row, 0);
        if (row >= 0 && m_runListView->selectionModel()->currentIndex().row() != row)
            m_runListView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                                        | QItemSelectionModel::Rows);
    });
}

void RunWorkbench::connectViews()
{
    connect(m_runs, &RunList::feedFinished, this, &RunWorkbench::onFinished);
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

RunFeed *RunWorkbench::currentFeed() const
{
    return m_runs->current();
}

RunFeed *RunWorkbench::showRun(RunSource *source)
{
    RunFeed *feed = m_runs->add(source);
    RunViewData::of(feed); // the log and timeline keep every event from the first
    connect(feed, &RunFeed::canStopChanged, this, &RunWorkbench::updateActions);
    m_runs->setCurrent(feed);
    return feed;
}

// Binds every view to `feed` (null: none): what they show is decided here and nowhere else.
void RunWorkbench::showFeed(RunFeed *feed)
{
    if (m_shown)
        disconnect(m_shown, &RunFeed::applied, this, nullptr);
    m_shown = feed;
    const QStringList selected = m_panel->selectedNodes();
    if (feed) {
        m_panel->setFeed(feed);
        m_log->setFeed(feed);
        m_timeline->setFeed(feed);
        m_canvas->scene()->setRunFeed(feed);
        connect(feed, &RunFeed::applied, this, &RunWorkbench::onApplied);
    } else {
        m_panel->clear();
        m_log->clear();
        m_timeline->clear();
        m_canvas->scene()->clearRunOverlay();
    }
    m_panel->selectNodes(selected);
    m_timeline->selectNodes(selected);
    updateStatus();
    updateActions();
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
    // A second run may start while one goes: each has its own feed, the views show the chosen one.
    const RunFeed *feed = currentFeed();
    m_runSelected->setEnabled(!m_canvas->selectedNodeIds().isEmpty());
    m_stop->setEnabled(feed && feed->canStop());
    m_clear->setEnabled(m_runs->size() > m_runs->liveCount());
}

bool RunWorkbench::isRunning() const
{
    return m_runs->liveCount() > 0;
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
    RunOptions options;
    options.params = params;
    options.workingDirectory = workingDirectory();
    options.workflowFile = m_session->filePath(); // flow.subflow paths are relative to it
    options.cache = m_cache.get();
    auto *source = new LocalRunSource(workflow, builtinNodeRegistry(), options,
                                      QString::fromUtf8(m_session->text()), m_session->filePath());
    RunFeed *feed = showRun(source);
    source->start();
    m_status->setText(tr("Starting…"));
    updateActions();
    emit runStarted(feed);
    return true;
}

void RunWorkbench::clearResults()
{
    // Finished runs leave the list; the views show the run still going, if any, or nothing.
    const QList<RunFeed *> feeds = m_runs->feeds();
    for (RunFeed *feed : feeds) {
        if (feed->isFinished())
            m_runs->remove(feed);
    }
    if (!m_runs->current() && !m_runs->feeds().isEmpty())
        m_runs->setCurrent(m_runs->feeds().constLast());
    showFeed(m_runs->current());
}

void RunWorkbench::onApplied()
{
    updateStatus();
    emit eventsShown(int(qMin<qint64>(m_shown ? m_shown->eventCount() : 0, std::numeric_limits<int>::max())));
}

void RunWorkbench::updateStatus()
{
    const RunFeed *feed = currentFeed();
    if (!feed) {
        m_status->clear();
        return;
    }
    const RunState &state = feed->state();
    const qint64 ms = state.finishedAt() - state.startedAt();
    const int others = m_runs->liveCount() - (feed->isFinished() ? 0 : 1);
    QString text;
    if (!feed->isFinished()) {
        const auto *local = qobject_cast<const LocalRunSource *>(feed->source());
        text = local && local->isStopping()
                   ? tr("Stopping…")
                   : tr("Running: %1 of %2 nodes done").arg(state.finishedCount()).arg(state.nodeCount());
    } else if (state.phase() == RunPhase::Succeeded) {
        text = tr("Run succeeded in %1").arg(durationText(ms));
    } else if (state.phase() == RunPhase::Failed) {
        text = tr("Run failed after %1").arg(durationText(ms));
    } else if (state.phase() == RunPhase::Cancelled) {
        text = tr("Run stopped after %1").arg(durationText(ms));
    } else {
        text = tr("Run interrupted");
    }
    if (others > 0)
        text += tr(" (%n other run(s) going)", nullptr, others);
    m_status->setText(text);
}

void RunWorkbench::onFinished(RunFeed *feed, RunStatus status, const QString &error)
{
    updateStatus(); // also when another run ended: the count of runs going changed
    if (feed == currentFeed()) {
        if (status == RunStatus::Failed)
            m_notifications->show(QStringLiteral("run"), NotificationBar::Kind::Error,
                                  tr("The run failed: %1").arg(error));
    }
    updateActions();
    emit runFinished(status);
}

bool RunWorkbench::confirmClose()
{
    const int live = m_runs->liveCount();
    if (live == 0)
        return true;
    const auto answer
        = QMessageBox::question(m_window, tr("Run in Progress"),
                                live == 1 ? tr("A run is still going. Stop it and close?")
                                          : tr("%1 runs are still going. Stop them and close?").arg(live),
                                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    m_runs->stopAll();
    return true;
}

} // namespace Flow::Studio
