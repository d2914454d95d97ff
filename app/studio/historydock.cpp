#include "historydock.h"

#include "filecontroller.h"
#include "historymodel.h"
#include "runworkbench.h"

#include "documents/workflowsession.h"
#include "executor/localrunsource.h"
#include "executor/runseed.h"
#include "history/runstore.h"
#include "history/storedrunsource.h"
#include "model/workflowio.h"
#include "nodes/registry.h"
#include "runs/runfeed.h"
#include "runs/runlist.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flow::Studio {

HistoryDock::HistoryDock(RunStore *store, RunWorkbench *runs, WorkflowSession *session, FileController *files,
                         QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_runs(runs)
    , m_session(session)
    , m_files(files)
    , m_model(new HistoryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_refreshLater(new QTimer(this))
{
    setObjectName(QStringLiteral("RunHistory"));
    m_filter->setObjectName(QStringLiteral("RunHistoryFilter"));
    m_filter->setPlaceholderText(tr("Filter by workflow, file or run id"));
    m_filter->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("RunHistoryStatus"));
    m_status->addItem(tr("All runs"), QString());
    for (const QString &s : RunRecord::statuses())
        m_status->addItem(HistoryModel::statusText(s), s);

    // A tool bar rather than a row: in a narrow window what does not fit goes into its extension menu
    // instead of making the whole window wider.
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("historyTools"));
    bar->setIconSize(QSize(16, 16));
    m_filter->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(m_filter);
    bar->addWidget(m_status);
    const auto button
        = [&](const QString &name, const QString &text, const QString &tip, auto slot, bool perRun) {
              auto *b = new QToolButton(this);
              b->setObjectName(name);
              b->setText(text);
              b->setToolTip(tip);
              b->setAutoRaise(true);
              connect(b, &QToolButton::clicked, this, slot);
              bar->addWidget(b);
              if (perRun)
                  m_runButtons.append(b);
          };
    button(
        QStringLiteral("history.open"), tr("Open"),
        tr("Show the run in the run panel, log, timeline and canvas"), [this] { openRun(selectedRun()); },
        true);
    button(
        QStringLiteral("history.workflow"), tr("Workflow as It Was"),
        tr("Open the workflow exactly as this run ran it, as a new unsaved document"),
        [this] { openWorkflowAsItWas(selectedRun()); }, true);
    button(
        QStringLiteral("history.resume"), tr("Resume"),
        tr("Run again only the nodes that did not succeed, with the stored outputs of the others"),
        [this] { resumeRun(selectedRun()); }, true);
    button(
        QStringLiteral("history.rerunFrom"), tr("Re-run From…"),
        tr("Run a node and everything downstream of it again, with upstream outputs from this run"),
        [this] { rerunFromNode(); }, true);
    button(
        QStringLiteral("history.delete"), tr("Delete"), tr("Delete this run from the history"),
        [this] { deleteRun(selectedRun()); }, true);
    button(
        QStringLiteral("history.prune"), tr("Prune…"), tr("Delete old runs, keeping the newest ones"),
        [this] { pruneRuns(); }, false);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(HistoryModel::SortRole);
    m_view->setObjectName(QStringLiteral("RunHistoryView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(HistoryModel::StartedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, &HistoryDock::showMenu);
    connect(m_view, &QTableView::doubleClicked, this, [this] { openRun(selectedRun()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryDock::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(bar);
    layout->addWidget(m_view);

    // Typing filters after a pause, not per key: each refresh is a query in the reader thread.
    m_refreshLater->setSingleShot(true);
    m_refreshLater->setInterval(200);
    connect(m_refreshLater, &QTimer::timeout, this, &HistoryDock::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_refreshLater, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryDock::refresh);
    if (m_store) {
        connect(m_store, &RunStore::opened, this, &HistoryDock::refresh);
        connect(m_store, &RunStore::changed, this, &HistoryDock::refresh);
        connect(m_store, &RunStore::interruptedFound, this, &HistoryDock::refresh);
        // opened() is emitted from the writer thread and may have been emitted before the connections
        // above existed (a quick open of an existing file): then nothing would ever list the runs.
        if (m_store->isOpen())
            refresh();
    }
    connect(m_runs->runList(), &RunList::feedFinished, m_refreshLater, qOverload<>(&QTimer::start));
    updateButtons();
}

void HistoryDock::refresh()
{
    if (!m_store)
        return;
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    RunFilter filter;
    filter.limit = 1000;
    filter.text = m_filter->text().trimmed();
    filter.status = m_status->currentData().toString();
    m_store->listRuns(filter, this, [this](const QList<RunRecord> &runs, const QString &) {
        const QString selected = selectedRun();
        m_model->setRuns(runs);
        if (const int row = m_model->rowOf(selected); row >= 0)
            m_view->selectRow(m_proxy->mapFromSource(m_model->index(row, 0)).row());
        m_refreshing = false;
        updateButtons();
        emit refreshed(int(runs.size()));
        if (std::exchange(m_refreshAgain, false))
            refresh();
    });
}

QString HistoryDock::selectedRun() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(HistoryModel::RunIdRole).toString();
}

void HistoryDock::updateButtons()
{
    const bool any = !selectedRun().isEmpty();
    for (QToolButton *b : std::as_const(m_runButtons))
        b->setEnabled(any);
}

void HistoryDock::showMenu(const QPoint &pos)
{
    const QString id = selectedRun();
    if (id.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Open"), this, [this, id] { openRun(id); });
    menu.addAction(tr("Open the Workflow as It Was"), this, [this, id] { openWorkflowAsItWas(id); });
    menu.addSeparator();
    menu.addAction(tr("Resume"), this, [this, id] { resumeRun(id); });
    menu.addAction(tr("Re-run From Node…"), this, [this] { rerunFromNode(); });
    menu.addSeparator();
    menu.addAction(tr("Delete…"), this, [this, id] { deleteRun(id); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void HistoryDock::openRun(const QString &runId)
{
    if (runId.isEmpty() || !m_store)
        return;
    if (RunFeed *feed = m_runs->runList()->feed(runId)) {
        m_runs->runList()->setCurrent(feed); // already listed (a live run of this window, or opened before)
        return;
    }
    m_store->loadRun(
        runId, this,
        [this](const std::optional<RunRecord> &run, const QList<NodeResult> &, const QString &error) {
            if (!run) {
                QMessageBox::warning(this, tr("Open Run"), tr("The run cannot be read: %1").arg(error));
                return;
            }
            QPointer<StoredRunSource> source = new StoredRunSource(m_store, *run);
            m_runs->showRun(source);
            if (source) // the list may have had it already and dropped this one
                source->start();
            emit runShown(run->id);
        });
}

void HistoryDock::openWorkflowAsItWas(const QString &runId)
{
    if (runId.isEmpty() || !m_store)
        return;
    m_store->loadRun(runId, this,
                     [this](const std::optional<RunRecord> &run, const QList<NodeResult> &, const QString &) {
                         if (!run || !m_files->maybeSave())
                             return;
                         // Unsaved and without a path: saving asks where, so the snapshot never overwrites
                         // the file the workflow has become since.
                         m_session->loadUnsaved(run->workflowText.toUtf8(), QString());
                     });
}

void HistoryDock::resumeRun(const QString &runId, const QString &fromNode)
{
    if (runId.isEmpty() || !m_store)
        return;
    m_store->loadRun(runId, this,
                     [this, fromNode](const std::optional<RunRecord> &run, const QList<NodeResult> &nodes,
                                      const QString &) {
                         if (run)
                             startSeeded(*run, nodes, fromNode);
                     });
}

void HistoryDock::startSeeded(const RunRecord &run, const QList<NodeResult> &nodes, const QString &fromNode)
{
    if (run.status == u"running") {
        QMessageBox::information(this, tr("Resume"), tr("This run is still going."));
        return;
    }
    const LoadResult loaded = loadAndValidate(run.workflowText.toUtf8(), builtinCatalog());
    if (!loaded.ok()) {
        QMessageBox::warning(this, tr("Resume"),
                             tr("The workflow of this run no longer reads without errors."));
        return;
    }
    QHash<QString, QVariantMap> succeeded;
    for (const NodeResult &n : nodes) {
        if ((n.state == u"succeeded" || n.state == u"cached") && n.outputs)
            succeeded.insert(n.node, *n.outputs);
    }
    const Workflow &workflow = *loaded.workflow;
    const SeedPlan plan = planSeed(workflow, workflow, succeeded, run.id,
                                   fromNode.isEmpty() ? QStringList() : QStringList{fromNode});
    RunOptions options;
    options.seed = plan.seed;
    options.cache = m_runs->nodeCache();
    for (const ParamSpec &p : workflow.params) {
        if (run.params.contains(p.name))
            options.params.insert(p.name, run.params.value(p.name));
    }
    options.workingDirectory = run.file.isEmpty() ? QDir::currentPath() : QFileInfo(run.file).absolutePath();
    QPointer<LocalRunSource> source
        = new LocalRunSource(workflow, NodeRegistry::builtins(), options, run.workflowText, run.file);
    const QString id = source->runId();
    m_runs->showRun(source);
    if (source)
        source->start();
    emit runShown(id);
}

void HistoryDock::rerunFromNode()
{
    const QString id = selectedRun();
    const int row = m_model->rowOf(id);
    if (row < 0 || !m_store)
        return;
    m_store->loadRun(
        id, this,
        [this](const std::optional<RunRecord> &run, const QList<NodeResult> &nodes, const QString &) {
            if (!run)
                return;
            const LoadResult loaded = loadAndValidate(run->workflowText.toUtf8(), builtinCatalog());
            const QStringList ids = loaded.workflow ? loaded.workflow->nodeIds() : QStringList();
            bool ok = false;
            const QString node = QInputDialog::getItem(
                this, tr("Re-run From Node"), tr("Run this node and everything downstream of it again:"), ids,
                0, false, &ok);
            if (ok && !node.isEmpty())
                startSeeded(*run, nodes, node);
        });
}

void HistoryDock::deleteRun(const QString &runId)
{
    if (runId.isEmpty() || !m_store)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete Run"),
        tr("Delete run %1 and all its events from the history? This cannot be undone.").arg(runId.left(8)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_store->removeRuns({runId}, this, [this](int) { refresh(); });
}

void HistoryDock::pruneRuns()
{
    if (!m_store)
        return;
    bool ok = false;
    const int keep = QInputDialog::getInt(this, tr("Prune Run History"), tr("Keep the newest runs:"), 50, 0,
                                          100000, 1, &ok);
    if (!ok)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Prune Run History"),
        tr("Delete every finished run but the newest %n? This cannot be undone.", nullptr, keep),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_store->prune(keep, std::nullopt, this, [this](int) { refresh(); });
}

} // namespace Flow::Studio
