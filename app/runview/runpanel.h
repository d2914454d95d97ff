#pragma once

#include "runs/runfeed.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Flow {

class RunNodeModel;
class RunNodeFilterModel;

// The Run dock's node table: a summary line ("Running — 12/40 done, 2 failed, 00:12 elapsed"), a text
// filter (node id or message) and a state filter above a sortable table of RunNodeModel. The panel and
// the canvas mirror each other's selection: the user's selection here is announced with
// nodesSelected(), and selectNodes() follows the canvas without announcing anything back.
class RunPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunPanel(QWidget *parent = nullptr);

    // Shows `feed`'s run, and nothing else, until another feed is set; null shows no run (the rows
    // of setNodes()). The selection is kept for the nodes the new run has too.
    void setFeed(RunFeed *feed);
    RunFeed *feed() const { return m_feed; }
    // Without a feed: folds events in directly (tests, benchmarks).
    void addEvents(const Flow::RunEvents &events);
    void clear();
    // Shows the workflow's nodes as Pending before a run (RunNodeModel::setNodes).
    void setNodes(const QStringList &ids);

    RunNodeModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const;
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *stateFilter() const { return m_stateFilter; }
    QString summaryText() const;

    // Selects the rows of `ids` (those the filter shows) without emitting nodesSelected.
    void selectNodes(const QStringList &ids);
    QStringList selectedNodes() const;

    // The table header (column widths, order, sort column) for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

signals:
    // The user changed the selection (ids in table order).
    void nodesSelected(const QStringList &ids);
    // A row was double-clicked.
    void nodeActivated(const QString &id);

private:
    void setUpView();
    void fillStateFilter();
    void updateSummary();
    void announceSelection();
    void setModel(RunNodeModel *model);

    RunNodeModel *m_model;
    QPointer<RunFeed> m_feed;
    RunNodeFilterModel *m_proxy;
    QLabel *m_summary;
    QLineEdit *m_filterEdit;
    QComboBox *m_stateFilter;
    QTableView *m_view;
    QTimer *m_clock; // ticks the summary's elapsed time while the run goes
    bool m_selecting = false;
};

} // namespace Flow
