#pragma once

#include "history/runrecord.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QToolButton;
QT_END_NAMESPACE

namespace Flow {
class RunStore;
}

namespace Flow::Studio {

class HistoryModel;
class RunWorkbench;
class WorkflowSession;
class FileController;

// The Run History dock: every recorded run (this window's, other windows', flowrun's), newest first,
// filterable by text and status, sortable. It refreshes when the history file changes (the store
// polls it in its reader thread) and never touches SQL itself. Opening a run replays its stored
// events into the workbench's run list, so it shows in the same run panel, log, timeline and canvas
// overlay as a live run; Resume and Re-run From Node start a new local run seeded with the stored
// outputs of the nodes that need not run again.
class HistoryDock : public QWidget
{
    Q_OBJECT

public:
    HistoryDock(RunStore *store, RunWorkbench *runs, WorkflowSession *session, FileController *files,
                QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // Reads the list again (asynchronously).
    void refresh();
    // The actions on a run, by id; what the buttons and the context menu call.
    void openRun(const QString &runId);
    void openWorkflowAsItWas(const QString &runId);
    void resumeRun(const QString &runId, const QString &fromNode = {});
    void deleteRun(const QString &runId);

signals:
    void refreshed(int runs);
    // A replay or a seeded run was handed to the workbench.
    void runShown(const QString &runId);

private:
    QString selectedRun() const;
    void rerunFromNode();
    void pruneRuns();
    void showMenu(const QPoint &pos);
    void updateButtons();
    void startSeeded(const RunRecord &run, const QList<NodeResult> &nodes, const QString &fromNode);

    QPointer<RunStore> m_store;
    RunWorkbench *m_runs;
    WorkflowSession *m_session;
    FileController *m_files;
    HistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QTimer *m_refreshLater;
    QList<QToolButton *> m_runButtons;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
};

} // namespace Flow::Studio
