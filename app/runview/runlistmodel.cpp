#include "runlistmodel.h"

#include "runnodemodel.h" // nodeStateIcon

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

namespace Flow {
namespace {

NodeState stateOf(const RunFeed &feed)
{
    switch (feed.state().phase()) {
    case RunPhase::NotStarted:
        return feed.isFinished() ? NodeState::Failed : NodeState::Queued;
    case RunPhase::Running:
        return feed.isFinished() ? NodeState::Failed : NodeState::Running; // ended without run.finished
    case RunPhase::Succeeded:
        return NodeState::Succeeded;
    case RunPhase::Failed:
        return NodeState::Failed;
    case RunPhase::Cancelled:
        return NodeState::Cancelled;
    }
    return NodeState::Pending;
}

} // namespace

RunListModel::RunListModel(RunList *list, QObject *parent)
    : QAbstractTableModel(parent)
    , m_list(list)
    , m_ticker(new QTimer(this))
{
    for (RunFeed *feed : list->feeds()) {
        m_rows.prepend(feed);
        m_numbers.insert(feed, ++m_lastNumber);
    }
    connect(list, &RunList::feedAdded, this, &RunListModel::onAdded);
    connect(list, &RunList::feedAboutToBeRemoved, this, &RunListModel::onAboutToBeRemoved);
    connect(list, &RunList::feedChanged, this, &RunListModel::onChanged);
    connect(list, &RunList::feedFinished, this, [this](RunFeed *feed) { onChanged(feed); });
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &RunListModel::tick);
    if (list->liveCount() > 0)
        m_ticker->start();
}

RunFeed *RunListModel::feedAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : nullptr;
}

int RunListModel::rowOf(const RunFeed *feed) const
{
    return int(m_rows.indexOf(const_cast<RunFeed *>(feed)));
}

void RunListModel::onAdded(RunFeed *feed)
{
    beginInsertRows({}, 0, 0);
    m_rows.prepend(feed);
    m_numbers.insert(feed, ++m_lastNumber);
    endInsertRows();
    m_ticker->start();
}

void RunListModel::onAboutToBeRemoved(RunFeed *feed)
{
    const int row = rowOf(feed);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_numbers.remove(feed); // its number stays taken: #3 is still #3 when #2 is gone
    endRemoveRows();
}

void RunListModel::onChanged(RunFeed *feed)
{
    const int row = rowOf(feed);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunListModel::tick()
{
    bool live = false;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row)->isFinished())
            continue;
        live = true;
        emit dataChanged(index(row, DurationColumn), index(row, DurationColumn));
    }
    if (!live)
        m_ticker->stop();
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunListModel::statusText(const RunFeed &feed) const
{
    const RunState &s = feed.state();
    if (!feed.isFinished())
        return s.phase() == RunPhase::NotStarted ? tr("starting") : tr("running");
    switch (s.phase()) {
    case RunPhase::Succeeded:
        return tr("succeeded");
    case RunPhase::Failed:
        return tr("failed");
    case RunPhase::Cancelled:
        return tr("stopped");
    default:
        return tr("interrupted"); // the source ended without run.finished
    }
}

// "#2 · Build and test": the run's number in this window and the workflow's name (or its file's).
QString RunListModel::nameOf(const RunFeed &feed) const
{
    QString name = feed.state().workflowName();
    if (name.isEmpty() && feed.source())
        name = QFileInfo(feed.source()->workflowPath()).completeBaseName();
    if (name.isEmpty())
        name = feed.runId().left(8);
    return tr("#%1 · %2").arg(m_numbers.value(&feed)).arg(name);
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    const RunFeed *feed = feedAt(index.row());
    if (!feed || index.column() >= ColumnCount)
        return {};
    const RunState &s = feed->state();
    if (role == RunIdRole)
        return feed->runId();
    if (role == Qt::DecorationRole && index.column() == StatusColumn)
        return nodeStateIcon(stateOf(*feed));
    if (role == Qt::ToolTipRole) {
        const QString origin = feed->source() && feed->source()->origin() == RunSource::Origin::Remote
                                   ? tr("remote run")
                               : feed->source() && feed->source()->origin() == RunSource::Origin::History
                                   ? tr("from the history")
                                   : tr("run on this computer");
        const QString started
            = s.startedAt()
                  ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.startedAt()), QLocale::ShortFormat)
                  : QString();
        return tr("%1 (%2)\nStarted %3\nRun %4").arg(nameOf(*feed), origin, started, feed->runId());
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return nameOf(*feed);
    case StatusColumn:
        return statusText(*feed);
    case NodesColumn:
        return tr("%1/%2").arg(s.finishedCount()).arg(s.nodeCount());
    case StartedColumn:
        return s.startedAt() ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.startedAt()).time(),
                                                  QLocale::ShortFormat)
                             : QString();
    case DurationColumn: {
        if (!s.startedAt())
            return {};
        const qint64 end = s.finishedAt() ? s.finishedAt() : QDateTime::currentMSecsSinceEpoch();
        return durationText(end - s.startedAt());
    }
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Run");
    case StatusColumn:
        return tr("Status");
    case NodesColumn:
        return tr("Done");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

} // namespace Flow
