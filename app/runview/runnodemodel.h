#pragma once

#include "executor/runevent.h"
#include "executor/runstate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QStringList>

#include <functional>

class QTimer;

namespace Flow {

// "850 ms", "3.4 s", "42 s", "1:02", "1:02:03": a duration as a person reads it in a table cell.
QString formatElapsed(qint64 ms);
// "00:12", "01:02", "1:02:03": a stopwatch, for the time a run has been going.
QString formatClock(qint64 ms);

// The run panel's table: one row per node, in run.started order, then in order of first appearance.
// It folds RunEvents batches into a RunState and tells its views only about the rows a batch touched
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

    void addEvents(const Flow::RunEvents &events);
    void clear();
    // Shows `ids` as Pending rows until a run starts (the workflow's nodes before the first run). Drops
    // the run shown so far; a run.started with the same nodes in the same order keeps the rows.
    void setNodes(const QStringList &ids);

    const RunState &state() const { return m_state; }
    int rowOf(const QString &id) const { return m_rowOf.value(id, -1); }
    QString nodeAt(int row) const { return m_rows.value(row); }
    // Where "now" comes from for live durations and retry countdowns. Tests and replays set their own.
    void setClock(std::function<qint64()> now);
    qint64 now() const { return m_now(); }
    // True while the once-a-second refresh of running rows is on.
    bool isTicking() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void startRun(const RunEvent &event);
    int ensureRow(const QString &id);
    void markDirty(int row, EventKind kind);
    void emitDirty();
    void updateLiveRows();
    void tick();
    QVariant displayData(const QString &id, const NodeStatus &n, int column) const;
    QVariant sortData(const QString &id, const NodeStatus &n, int column) const;
    QVariant toolTipData(const QString &id, const NodeStatus &n, int column) const;
    QString attemptText(const NodeStatus &n) const;
    qint64 durationOf(const NodeStatus &n) const;
    QIcon stateIcon(NodeState state) const;

    RunState m_state;
    QStringList m_rows;
    QHash<QString, int> m_rowOf;
    // Per batch: the columns each touched row needs repainted (bit per column), and which rows those are.
    QList<quint8> m_dirtyColumns;
    QList<int> m_dirtyRows;
    QSet<int> m_liveRows; // running or retrying: their duration or countdown moves every second
    QTimer *m_ticker;
    std::function<qint64()> m_now;
    mutable QHash<int, QIcon> m_icons; // key: state * 2 + dark
};

} // namespace Flow
