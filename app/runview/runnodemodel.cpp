#include "runnodemodel.h"

#include "canvas/nodestatestyle.h"
#include "runs/runfeed.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QTimer>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace Flow {

namespace {

constexpr quint8 columnBit(int column)
{
    return quint8(1u << column);
}
constexpr quint8 AllColumns = quint8((1u << RunNodeModel::ColumnCount) - 1);

// The columns an event can change: a log line only moves the message, progress the bar and the
// message; everything else (state changes) may touch any column.
quint8 columnsChangedBy(EventKind kind)
{
    switch (kind) {
    case EventKind::NodeLog:
        return columnBit(RunNodeModel::MessageColumn);
    case EventKind::NodeProgress:
        return columnBit(RunNodeModel::ProgressColumn) | columnBit(RunNodeModel::MessageColumn);
    default:
        return AllColumns;
    }
}

int firstColumn(quint8 mask)
{
    return std::countr_zero(unsigned(mask));
}

int lastColumn(quint8 mask)
{
    return 31 - std::countl_zero(unsigned(mask));
}

bool isLive(NodeState state)
{
    return state == NodeState::Running || state == NodeState::Retrying;
}

QString firstLine(const QString &text)
{
    const qsizetype nl = text.indexOf(u'\n');
    return nl < 0 ? text : text.left(nl) + QStringLiteral(" …");
}

bool isDarkPalette()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

} // namespace

RunNodeModel::RunNodeModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_ticker(new QTimer(this))
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &RunNodeModel::tick);
}

RunNodeModel::RunNodeModel(RunFeed *feed, QObject *parent)
    : RunNodeModel(parent)
{
    m_feed = feed;
    adoptNodes(feed->state().nodeIds(), EventKind::RunStarted);
    emitDirty();
    updateLiveRows();
    connect(feed, &RunFeed::applied, this, [this](const RunEvents &events, const RunFeed::Changes &changes) {
        if (changes.reset)
            adoptNodes(state().nodeIds(), EventKind::RunStarted);
        addEvents(events);
    });
}

void RunNodeModel::setClock(std::function<qint64()> now)
{
    m_now = std::move(now);
}

bool RunNodeModel::isTicking() const
{
    return m_ticker->isActive();
}

void RunNodeModel::clear()
{
    beginResetModel();
    m_ownState = RunState();
    m_rows.clear();
    m_rowOf.clear();
    m_dirtyColumns.clear();
    m_dirtyRows.clear();
    m_liveRows.clear();
    m_ticker->stop();
    endResetModel();
}

void RunNodeModel::setNodes(const QStringList &ids)
{
    clear();
    if (ids.isEmpty())
        return;
    beginInsertRows({}, 0, int(ids.size()) - 1);
    for (const QString &id : ids) {
        if (m_rowOf.contains(id))
            continue;
        m_rowOf.insert(id, int(m_rows.size()));
        m_rows.append(id);
    }
    m_dirtyColumns.fill(0, m_rows.size());
    endInsertRows();
}

void RunNodeModel::addEvents(const RunEvents &events)
{
    QString lastNode;
    int lastRow = -1;
    for (const RunEvent &e : events) {
        if (!m_feed && !m_ownState.apply(e))
            continue; // another run's, or seen already
        if (e.kind == EventKind::RunStarted) {
            adoptNodes(state().nodeIds(), e.kind);
            lastRow = -1;
            lastNode.clear();
            continue;
        }
        if (e.node.isEmpty())
            continue;
        // Log lines come in runs from one node: skip the hash lookup for those.
        if (lastRow < 0 || e.node != lastNode) {
            lastNode = e.node;
            lastRow = ensureRow(e.node);
        }
        markDirty(lastRow, e.kind);
    }
    emitDirty();
    updateLiveRows();
}

// The run's nodes as announced by run.started (or a snapshot): the rows, in that order.
void RunNodeModel::adoptNodes(const QStringList &ids, EventKind kind)
{
    if (ids == m_rows) {
        // The same nodes as shown (setNodes before the run): keep rows and selection.
        m_liveRows.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            markDirty(row, kind);
        return;
    }
    beginResetModel();
    m_rows = ids;
    m_rowOf.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOf.insert(m_rows.at(row), row);
    m_dirtyColumns.fill(0, m_rows.size());
    m_dirtyRows.clear();
    m_liveRows.clear();
    endResetModel();
}

int RunNodeModel::ensureRow(const QString &id)
{
    const auto it = m_rowOf.constFind(id);
    if (it != m_rowOf.cend())
        return *it;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(id);
    m_rowOf.insert(id, row);
    m_dirtyColumns.append(0);
    endInsertRows();
    return row;
}

void RunNodeModel::markDirty(int row, EventKind kind)
{
    quint8 &mask = m_dirtyColumns[row];
    if (mask == 0)
        m_dirtyRows.append(row);
    mask |= columnsChangedBy(kind);
}

void RunNodeModel::emitDirty()
{
    if (m_dirtyRows.isEmpty())
        return;
    std::sort(m_dirtyRows.begin(), m_dirtyRows.end());
    // One signal per run of adjacent rows that need the same columns.
    qsizetype i = 0;
    while (i < m_dirtyRows.size()) {
        const int first = m_dirtyRows.at(i);
        const quint8 mask = m_dirtyColumns.at(first);
        int last = first;
        while (i + 1 < m_dirtyRows.size() && m_dirtyRows.at(i + 1) == last + 1
               && m_dirtyColumns.at(last + 1) == mask)
            last = m_dirtyRows.at(++i);
        ++i;
        emit dataChanged(index(first, firstColumn(mask)), index(last, lastColumn(mask)));
    }
    for (int row : std::as_const(m_dirtyRows)) {
        const NodeStatus *n = state().node(m_rows.at(row));
        if (n && isLive(n->state))
            m_liveRows.insert(row);
        else
            m_liveRows.remove(row);
        m_dirtyColumns[row] = 0;
    }
    m_dirtyRows.clear();
}

void RunNodeModel::updateLiveRows()
{
    const bool live = !m_liveRows.isEmpty() && !state().isFinished();
    if (live && !m_ticker->isActive())
        m_ticker->start();
    else if (!live)
        m_ticker->stop();
}

void RunNodeModel::tick()
{
    QList<int> rows(m_liveRows.cbegin(), m_liveRows.cend());
    std::sort(rows.begin(), rows.end());
    qsizetype i = 0;
    while (i < rows.size()) {
        const int first = rows.at(i);
        int last = first;
        while (i + 1 < rows.size() && rows.at(i + 1) == last + 1)
            last = rows.at(++i);
        ++i;
        emit dataChanged(index(first, DurationColumn), index(last, DurationColumn),
                         {Qt::DisplayRole, SortRole}); // SortRole: a proxy sorted by duration follows
    }
    for (int row : std::as_const(rows)) {
        if (state().node(m_rows.at(row))->state == NodeState::Retrying)
            emit dataChanged(index(row, AttemptColumn), index(row, AttemptColumn),
                             {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

int RunNodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunNodeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunNodeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeColumn:
        return tr("Node");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case AttemptColumn:
        return tr("Attempt");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

QVariant RunNodeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    static const NodeStatus pending;
    const QString &id = m_rows.at(index.row());
    const NodeStatus *found = state().node(id);
    const NodeStatus &n = found ? *found : pending;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(id, n, index.column());
    case Qt::ToolTipRole:
        return toolTipData(id, n, index.column());
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(stateIcon(n.state)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn || index.column() == AttemptColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NodeIdRole:
        return id;
    case StateRole:
        return int(n.state);
    case ProgressRole:
        return n.progress;
    case SortRole:
        return sortData(id, n, index.column());
    }
    return {};
}

QVariant RunNodeModel::displayData(const QString &id, const NodeStatus &n, int column) const
{
    switch (column) {
    case NodeColumn:
        return id;
    case StateColumn:
        return nodeStateStyle(n.state).label;
    case ProgressColumn:
        return n.progress < 0 ? QStringLiteral("—") : QStringLiteral("%1 %").arg(qRound(n.progress * 100));
    case AttemptColumn:
        return attemptText(n);
    case StartedColumn:
        return n.startedAt ? QDateTime::fromMSecsSinceEpoch(n.startedAt).toString(QStringLiteral("hh:mm:ss"))
                           : QString();
    case DurationColumn:
        return durationText(durationOf(n));
    case MessageColumn:
        return firstLine(messageOf(n));
    }
    return {};
}

// A cached node has no log of its own: its message says where its outputs came from.
QString RunNodeModel::messageOf(const NodeStatus &n) const
{
    if (n.state == NodeState::Failed)
        return n.error;
    if (n.state == NodeState::Cached && !n.fromRun.isEmpty() && n.message.isEmpty())
        return tr("cached, from run %1").arg(n.fromRun.left(8));
    return n.message;
}

QVariant RunNodeModel::sortData(const QString &id, const NodeStatus &n, int column) const
{
    switch (column) {
    case NodeColumn:
        return id;
    case StateColumn:
        return int(n.state);
    case ProgressColumn:
        return n.progress;
    case AttemptColumn:
        return n.attempt;
    // Nodes that never started sort after every one that did.
    case StartedColumn:
        return n.startedAt ? n.startedAt : std::numeric_limits<qint64>::max();
    case DurationColumn:
        return durationOf(n);
    case MessageColumn:
        return messageOf(n);
    }
    return {};
}

QVariant RunNodeModel::toolTipData(const QString &id, const NodeStatus &n, int column) const
{
    switch (column) {
    case NodeColumn:
        return id;
    case AttemptColumn:
        if (n.state == NodeState::Retrying)
            return tr("Attempt %1 of %2 is due at %3.\nLast error: %4")
                .arg(n.attempt)
                .arg(qMax(n.attempt, n.maxAttempts))
                .arg(QDateTime::fromMSecsSinceEpoch(n.retryAt).toString(QStringLiteral("hh:mm:ss")), n.error);
        return {};
    case StartedColumn:
        return n.startedAt ? QDateTime::fromMSecsSinceEpoch(n.startedAt)
                                 .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"))
                           : QString();
    case MessageColumn:
        if (n.state == NodeState::Failed || n.state == NodeState::Retrying)
            return n.error.isEmpty() ? n.message : n.error;
        if (n.state == NodeState::Cached && !n.fromRun.isEmpty())
            return tr("Outputs taken from run %1, not computed again").arg(n.fromRun);
        return n.message;
    }
    return {};
}

QString RunNodeModel::attemptText(const NodeStatus &n) const
{
    if (n.attempt == 0)
        return {};
    if (n.state == NodeState::Retrying) {
        const qint64 left = n.retryAt - m_now();
        if (left <= 0)
            return tr("retrying…");
        return tr("retry in %1 s").arg(qint64(std::ceil(double(left) / 1000.0)));
    }
    return QStringLiteral("%1/%2").arg(n.attempt).arg(qMax(n.attempt, n.maxAttempts));
}

// Milliseconds the node has taken so far (growing while it runs); -1 when it never started.
qint64 RunNodeModel::durationOf(const NodeStatus &n) const
{
    if (n.startedAt == 0)
        return -1;
    if (isFinal(n.state))
        return n.duration;
    // A stream that ended (or a replay) without the node's end: stop the clock with the run.
    const qint64 end = state().isFinished() ? state().finishedAt() : m_now();
    return qMax<qint64>(0, end - n.startedAt);
}

QIcon RunNodeModel::stateIcon(NodeState state) const
{
    return nodeStateIcon(state);
}

QIcon nodeStateIcon(NodeState state)
{
    // GUI thread only, like every icon: one cache for the run table and the run list.
    static QHash<int, QIcon> icons;
    const bool dark = isDarkPalette();
    const int key = int(state) * 2 + (dark ? 1 : 0);
    auto it = icons.constFind(key);
    if (it != icons.cend())
        return *it;
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paintStateGlyph(&painter, QRectF(1, 1, size - 2, size - 2), state, nodeStateStyle(state, dark).color);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return *icons.insert(key, icon);
}

} // namespace Flow
