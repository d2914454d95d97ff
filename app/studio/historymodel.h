#pragma once

#include "history/runrecord.h"

#include <QAbstractTableModel>

namespace Flow::Studio {

// The recorded runs as the History dock lists them (one row per run, newest first as given).
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StatusColumn, StartedColumn, DurationColumn, WorkflowColumn, NodesColumn, RunColumn, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, SortRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setRuns(const QList<RunRecord> &runs);
    const RunRecord *run(int row) const;
    int rowOf(const QString &runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(const QString &status);

private:
    QList<RunRecord> m_runs;
};

} // namespace Flow::Studio
