#pragma once

#include "runs/runlist.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

class QTimer;

namespace Flow {

// The Runs list: one row per feed of a RunList (newest first), with the workflow's name, status,
// nodes done / total, start time and duration. Rows of live runs refresh when their feed applies a
// batch, and their duration once a second.
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, NodesColumn, StartedColumn, DurationColumn, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1 };

    explicit RunListModel(RunList *list, QObject *parent = nullptr);

    RunList *list() const { return m_list; }
    RunFeed *feedAt(int row) const;
    int rowOf(const RunFeed *feed) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onAdded(RunFeed *feed);
    void onAboutToBeRemoved(RunFeed *feed);
    void onChanged(RunFeed *feed);
    void tick();
    QString statusText(const RunFeed &feed) const;
    QString nameOf(const RunFeed &feed) const;

    QPointer<RunList> m_list;
    QList<RunFeed *> m_rows;               // newest first
    QHash<const RunFeed *, int> m_numbers; // #1, #2, ... in the order the runs came
    int m_lastNumber = 0;
    QTimer *m_ticker;
};

} // namespace Flow
