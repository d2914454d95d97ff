#include "logfilter.h"

#include <algorithm>
#include <limits>

namespace Flow {

namespace {

// A slice of the rescan takes about this long, then the event loop gets a turn (input, painting,
// new log batches).
constexpr qint64 SliceBudgetNs = 6'000'000;
// Rows between two looks at the clock.
constexpr qsizetype RowsPerCheck = 4096;

} // namespace

LogFilterModel::LogFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, [this] { scanSlice(SliceBudgetNs); });
}

bool LogFilterModel::Criteria::contains(const Criteria &narrower) const
{
    return (node.isEmpty() || node == narrower.node) && (attempt == 0 || attempt == narrower.attempt)
           && (narrower.streams & ~streams) == 0 && narrower.text.contains(text, Qt::CaseInsensitive);
}

bool LogFilterModel::Matcher::accepts(const LogModel &log, qsizetype row) const
{
    if (node != -1 && log.nodeIndex(row) != node)
        return false;
    if (attempt != 0 && log.attempt(row) != attempt)
        return false;
    if (!(streams & (1u << log.stream(row))))
        return false;
    return text.isEmpty() || log.textContains(row, text);
}

LogFilterModel::Matcher LogFilterModel::matcherFor(const Criteria &criteria) const
{
    Matcher m;
    if (!criteria.node.isEmpty()) {
        const int index = m_log ? m_log->indexOfNode(criteria.node) : -1;
        m.node = index >= 0 ? index : -2;
    }
    m.attempt = criteria.attempt;
    m.streams = criteria.streams;
    m.text = LogTextSearch(criteria.text);
    return m;
}

void LogFilterModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    auto *log = qobject_cast<LogModel *>(sourceModel);
    Q_ASSERT_X(log || !sourceModel, "LogFilterModel", "the source must be a LogModel");
    beginResetModel();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(log);
    m_log = log;
    m_sliceTimer.stop();
    m_scanning = false;
    m_rows.clear();
    m_applied = m_wanted;
    if (m_log) {
        connect(m_log, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { sourceRowsInserted(first, last); });
        connect(m_log, &QAbstractItemModel::modelAboutToBeReset, this, &LogFilterModel::sourceAboutToReset);
        connect(m_log, &QAbstractItemModel::modelReset, this, &LogFilterModel::sourceReset);
        const Matcher matcher = matcherFor(m_applied);
        for (qsizetype row = 0; row < m_log->lineCount(); ++row) {
            if (matcher.accepts(*m_log, row))
                m_rows.push_back(quint32(row));
        }
    }
    endResetModel();
}

void LogFilterModel::setNodeFilter(const QString &nodeId)
{
    m_wanted.node = nodeId;
    criteriaChanged();
}

void LogFilterModel::setAttemptFilter(int attempt)
{
    m_wanted.attempt = std::max(0, attempt);
    criteriaChanged();
}

void LogFilterModel::setStreamEnabled(LogModel::Stream stream, bool enabled)
{
    const quint32 bit = 1u << stream;
    setStreamMask(enabled ? (m_wanted.streams | bit) : (m_wanted.streams & ~bit));
}

void LogFilterModel::setStreamMask(quint32 mask)
{
    m_wanted.streams = mask & AllStreams;
    criteriaChanged();
}

void LogFilterModel::setTextFilter(const QString &text)
{
    m_wanted.text = text;
    criteriaChanged();
}

// Starts (or restarts) the scan for m_wanted and runs its first slice at once: on a small log that
// is all of it, so the change shows without a round through the event loop.
void LogFilterModel::criteriaChanged()
{
    m_sliceTimer.stop();
    m_scanning = false;
    if (m_wanted == m_applied || !m_log)
        return;
    m_scanning = true;
    m_scanMatcher = matcherFor(m_wanted);
    m_scanRows.clear();
    m_scanCandidate = 0;
    if (m_applied.contains(m_wanted)) {
        m_candidates = m_rows; // the rows shown now; lines appended later are scanned from the source
        m_scanSource = m_log->lineCount();
    } else {
        m_candidates.clear();
        m_scanSource = 0;
    }
    scanSlice(SliceBudgetNs);
}

void LogFilterModel::scanSlice(qint64 budgetNs)
{
    QElapsedTimer clock;
    clock.start();
    if (m_scanMatcher.node == -2) // the node may have had its first line since
        m_scanMatcher = matcherFor(m_wanted);
    while (m_scanCandidate < m_candidates.size()) {
        const size_t end = std::min(m_candidates.size(), m_scanCandidate + size_t(RowsPerCheck));
        for (; m_scanCandidate < end; ++m_scanCandidate) {
            const quint32 row = m_candidates[m_scanCandidate];
            if (m_scanMatcher.accepts(*m_log, row))
                m_scanRows.push_back(row);
        }
        if (clock.nsecsElapsed() > budgetNs) {
            m_sliceTimer.start();
            return;
        }
    }
    while (m_scanSource < m_log->lineCount()) {
        const qsizetype end = std::min(m_log->lineCount(), m_scanSource + RowsPerCheck);
        for (; m_scanSource < end; ++m_scanSource) {
            if (m_scanMatcher.accepts(*m_log, m_scanSource))
                m_scanRows.push_back(quint32(m_scanSource));
        }
        if (clock.nsecsElapsed() > budgetNs) {
            m_sliceTimer.start();
            return;
        }
    }
    finishScan();
}

void LogFilterModel::finishScan()
{
    m_sliceTimer.stop();
    m_scanning = false;
    beginResetModel();
    m_rows.swap(m_scanRows);
    m_applied = m_wanted;
    endResetModel();
    m_scanRows = {};
    m_candidates = {};
    emit refilterFinished();
}

void LogFilterModel::finishRefilter()
{
    if (m_scanning)
        scanSlice(std::numeric_limits<qint64>::max());
}

void LogFilterModel::sourceRowsInserted(int first, int last)
{
    // While a scan runs, m_rows keeps following the filter it was made with; the scan reaches the
    // new lines through the source.
    const Matcher matcher = matcherFor(m_applied);
    std::vector<quint32> added;
    for (int row = first; row <= last; ++row) {
        if (matcher.accepts(*m_log, row))
            added.push_back(quint32(row));
    }
    if (added.empty())
        return;
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at + int(added.size()) - 1);
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    endInsertRows();
}

void LogFilterModel::sourceAboutToReset()
{
    beginResetModel();
}

void LogFilterModel::sourceReset()
{
    const bool wasScanning = m_scanning;
    m_sliceTimer.stop();
    m_scanning = false;
    m_rows.clear();
    m_scanRows = {};
    m_candidates = {};
    m_applied = m_wanted;
    endResetModel();
    if (wasScanning)
        emit refilterFinished();
}

QModelIndex LogFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_log || !proxyIndex.isValid() || size_t(proxyIndex.row()) >= m_rows.size())
        return {};
    return m_log->index(int(m_rows[size_t(proxyIndex.row())]), proxyIndex.column());
}

QModelIndex LogFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid())
        return {};
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), quint32(sourceIndex.row()));
    if (it == m_rows.end() || *it != quint32(sourceIndex.row()))
        return {};
    return createIndex(int(it - m_rows.begin()), sourceIndex.column());
}

QModelIndex LogFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || size_t(row) >= m_rows.size() || column < 0
        || column >= LogModel::ColumnCount)
        return {};
    return createIndex(row, column);
}

QModelIndex LogFilterModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex LogFilterModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int LogFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : LogModel::ColumnCount;
}

bool LogFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.empty();
}

QVariant LogFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    return m_log ? m_log->headerData(section, orientation, role) : QVariant();
}

Qt::ItemFlags LogFilterModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace Flow
