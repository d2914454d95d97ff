#include "historymodel.h"

#include "runs/durationtext.h"

#include <QColor>
#include <QDateTime>
#include <QFileInfo>

namespace Flow::Studio {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setRuns(const QList<RunRecord> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

const RunRecord *HistoryModel::run(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs.at(row) : nullptr;
}

int HistoryModel::rowOf(const QString &runId) const
{
    for (int i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).id == runId)
            return i;
    }
    return -1;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::statusText(const QString &status)
{
    if (status == u"running")
        return tr("running");
    if (status == u"succeeded")
        return tr("succeeded");
    if (status == u"failed")
        return tr("failed");
    if (status == u"cancelled")
        return tr("cancelled");
    if (status == u"interrupted")
        return tr("interrupted");
    return status;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const RunRecord *r = run(index.row());
    if (!r)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (role == RunIdRole)
        return r->id;
    if (role == SortRole) {
        switch (index.column()) {
        case StartedColumn:
            return r->started;
        case DurationColumn:
            return r->duration(now);
        case NodesColumn:
            return r->succeeded + r->cached;
        default:
            break;
        }
        role = Qt::DisplayRole;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StatusColumn:
            return statusText(r->status);
        case StartedColumn:
            return QDateTime::fromMSecsSinceEpoch(r->started).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case DurationColumn:
            return durationText(r->duration(now));
        case WorkflowColumn:
            return r->file.isEmpty() ? r->name : QFileInfo(r->file).fileName();
        case NodesColumn: {
            QString text = tr("%1/%2").arg(r->succeeded + r->cached).arg(r->nodes);
            if (r->failed)
                text += tr(", %n failed", nullptr, r->failed);
            if (r->cached)
                text += tr(", %n reused", nullptr, r->cached);
            return text;
        }
        case RunColumn:
            return r->continues.isEmpty() ? r->id.left(8)
                                          : tr("%1 (continues %2)").arg(r->id.left(8), r->continues.left(8));
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("Run %1\nWorkflow: %2\n%3")
                          .arg(r->id, r->name, r->file.isEmpty() ? tr("(not saved)") : r->file);
        if (!r->error.isEmpty())
            tip += u'\n' + r->error;
        if (!r->continues.isEmpty())
            tip += u'\n'
                   + tr("Continues run %1; %n node(s) reused from it", nullptr, r->cached).arg(r->continues);
        else if (r->cached)
            tip += u'\n'
                   + tr("%n node(s) taken from the result cache; open the run to see from which runs",
                        nullptr, r->cached);
        return tip;
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (r->status == u"failed" || r->status == u"interrupted")
            return QColor(0xc0, 0x39, 0x2b);
        if (r->status == u"succeeded")
            return QColor(0x2e, 0x8b, 0x57);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case WorkflowColumn:
        return tr("Workflow");
    case NodesColumn:
        return tr("Nodes");
    case RunColumn:
        return tr("Run");
    }
    return {};
}

} // namespace Flow::Studio
