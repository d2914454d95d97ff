#pragma once

#include "logmodel.h"

#include <QAbstractProxyModel>
#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace Flow {

// The lines of a LogModel that pass a node / attempt / stream / text filter, as a vector of source
// rows (4 bytes per shown line). Not a QSortFilterProxyModel: that keeps a mapping per row in both
// directions and rescans on every change.
//
// Appended lines are tested as they arrive (one insertion per source batch). A changed filter is
// applied by rescanning on the GUI thread in time slices of a few milliseconds, so even a text search
// over a million lines never freezes the window; the old result stays shown and keeps growing with
// new lines until the new one is swapped in with one reset (refilterFinished()). A narrower filter
// (more text typed, fewer streams) only rescans the rows currently shown. Why not a worker thread:
// the model is GUI-thread-only and lock-free, and appends, clear() and a background scan of the same
// storage would need locking or a copy of it; the sliced scan costs the same CPU and needs neither.
class LogFilterModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    static constexpr quint32 AllStreams = (1u << LogModel::StreamCount) - 1;

    explicit LogFilterModel(QObject *parent = nullptr);

    // Must be a LogModel.
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    LogModel *logModel() const { return m_log; }

    void setNodeFilter(const QString &nodeId); // empty = all nodes
    QString nodeFilter() const { return m_wanted.node; }
    void setAttemptFilter(int attempt); // 0 = all attempts
    int attemptFilter() const { return m_wanted.attempt; }
    void setStreamEnabled(LogModel::Stream stream, bool enabled);
    bool isStreamEnabled(LogModel::Stream stream) const { return m_wanted.streams & (1u << stream); }
    void setStreamMask(quint32 mask); // bit (1 << LogModel::Stream) per stream shown
    quint32 streamMask() const { return m_wanted.streams; }
    void setTextFilter(const QString &text); // case-insensitive substring; empty = all
    QString textFilter() const { return m_wanted.text; }

    // True while a changed filter is being applied (the rows shown still follow the previous one).
    bool isRefiltering() const { return m_scanning; }
    // Applies a pending filter change at once, blocking: for tests and the benchmark.
    void finishRefilter();

    int sourceRow(int row) const { return int(m_rows[size_t(row)]); }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    // The rows shown now follow the current filter.
    void refilterFinished();

private:
    struct Criteria
    {
        QString node;
        int attempt = 0;
        quint32 streams = AllStreams;
        QString text;
        bool operator==(const Criteria &) const = default;
        // Every line `narrower` accepts is accepted by this one too.
        bool contains(const Criteria &narrower) const;
    };
    // Criteria with the node resolved to its LogModel index, for the inner loop.
    struct Matcher
    {
        int node = -1; // -1 = any node; -2 = a node with no lines (nothing matches)
        int attempt = 0;
        quint32 streams = AllStreams;
        LogTextSearch text;
        bool accepts(const LogModel &log, qsizetype row) const;
    };
    Matcher matcherFor(const Criteria &criteria) const;
    void criteriaChanged();
    void scanSlice(qint64 budgetNs);
    void finishScan();
    void sourceRowsInserted(int first, int last);
    void sourceAboutToReset();
    void sourceReset();

    LogModel *m_log = nullptr;
    Criteria m_applied; // what m_rows follows
    Criteria m_wanted;  // what the user asked for
    std::vector<quint32> m_rows;

    // The scan for m_wanted: first the rows of m_candidates (when narrowing) or nothing, then the
    // source rows from m_scanSource to the end.
    bool m_scanning = false;
    Matcher m_scanMatcher;
    std::vector<quint32> m_candidates;
    size_t m_scanCandidate = 0;
    qsizetype m_scanSource = 0;
    std::vector<quint32> m_scanRows;
    QTimer m_sliceTimer;
};

} // namespace Flow
