#pragma once

#include "runs/runevent.h"
#include "runs/runfeed.h"

#include <QPointer>

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QStringList>

#include "runs/durationtext.h" // durationText, clockText: used with this model everywhere

#include <functional>

class QTimer;

namespace Flow {

// The state's glyph in its colour (for the palette in use), at 16 and 32 px.
QIcon nodeStateIcon(NodeState state);

// The run panel's table: one row per node, in run.started order, then in order of first appearance.
// Bound to a RunFeed it shows the feed's RunState (folded once, by the feed); without one it folds
// the batches given to addEvents() itself (tests, benchmarks, the empty panel before a run). Either
// way it shows one run, and tells its views only about the rows a batch touched
// (one dataChanged per run of adjacent changed rows), so a batch of thousands of log lines costs a
// few hash lookups per event and a handful of signals, not a repaint of the table.
class RunNodeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NodeColumn,
        StateColumn,
        ProgressColumn,
        AttemptColumn,
        StartedColumn,
        DurationColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role {
        NodeIdRole = Qt::UserRole + 1, // QString
        StateRole,                     // int(NodeState)
        ProgressRole,                  // double fraction; negative = unknown
        SortRole, // a value that sorts naturally: numbers for numbers, the enum for the state
    };

    explicit RunNodeModel(QObject *parent = nullptr);
    // Shows `feed`'s run: rows from its state now, then every batch it applies.
    explicit RunNodeModel(RunFeed *feed, QObject *parent = nullptr);

    // Without a feed: folds the events in (those of another run than the first seen are refused).
    // With a feed: the feed's state already holds them; only the rows they touched are refreshed.
    void addEvents(const Flow::RunEvents &events);
    void clear();
    // Shows `ids` as Pending rows until the run starts (the workflow's nodes before the first run).
    // A run.started with the same nodes in the same order keeps the rows.
    void setNodes(const QStringList &ids);

    const RunState &state() const { return m_feed ? m_feed->state() : m_ownState; }
    const RunFeed *feed() const { return m_feed; }
    int rowOf(const QString &id) const { return m_rowOf.value(id, -1); }
    QString nodeAt(int row) const { return m_rows.value(row); }
    // Where "now" comes from for live durations and retry countdowns. Tests and replays set their own.
    void setClock(std::function<qint64()> now);
    const std::function<qint64()> &clock() const { return m_now; }
    qint64 now() const { return m_now(); }
    // True while the once-a-second refresh of running rows is on.
    bool isTicking() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void adoptNodes(const QStringList &ids, EventKind kind);
    int ensureRow(const QString &id);
    void markDirty(int row, EventKind kind);
    void emitDirty();
    void updateLiveRows();
    void tick();
    QVariant displayData(const QString &id, const NodeStatus &n, int column) const;
    QVariant sortData(const QString &id, const NodeStatus &n, int column) const;
    QVariant toolTipData(const QString &id, const NodeStatus &n, int column) const;
    QString attemptText(const NodeStatus &n) const;
    QString messageOf(const NodeStatus &n) const;
    qint64 durationOf(const NodeStatus &n) const;
    QIcon stateIcon(NodeState state) const;

    RunState m_ownState; // folded here when there is no feed
    QPointer<RunFeed> m_feed;
    QStringList m_rows;
    QHash<QString, int> m_rowOf;
    // Per batch: the columns each touched row needs repainted (bit per column), and which rows those are.
    QList<quint8> m_dirtyColumns;
    QList<int> m_dirtyRows;
    QSet<int> m_liveRows; // running or retrying: their duration or countdown moves every second
    QTimer *m_ticker;
    std::function<qint64()> m_now;
};

} // namespace Flow
