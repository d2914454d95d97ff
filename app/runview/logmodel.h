#pragma once

#include "runs/runevent.h"
#include "logtextsearch.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QHash>
#include <QStringList>

#include <memory>
#include <vector>

namespace Flow {

// Every log line of one run: the node.log events plus one readable line for each node.failed,
// node.retrying and node.skipped / node.cancelled with a reason. Append-only between clear()s.
//
// Built for a million lines: a line is a fixed 32-byte record (time, interned node, attempt, stream,
// where its text is) kept in blocks of 64K records, and its text sits in 1 MiB chunks as Latin-1 when
// it can (one byte per character) or UTF-16. Neither ever moves once written, so appending never
// copies what is already stored, and a batch of events is inserted with one beginInsertRows().
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, NodeColumn, AttemptColumn, StreamColumn, MessageColumn, ColumnCount };
    // The `stream` names of node.log, in the order of nodes/node.h's LogStream.
    enum Stream : quint8 { Stdout, Stderr, Debug, Info, Warn, Error, StreamCount };
    enum Role {
        NodeRole = Qt::UserRole + 1, // QString node id
        AttemptRole,                 // int, 0 when the line is not about an attempt
        StreamRole,                  // QString stream name ("stdout", "stderr", ...)
        TimeRole,                    // qint64 ms since the Unix epoch
        StreamIndexRole,             // int, a LogModel::Stream
        LineTextRole,                // QString, the line as copied: "HH:mm:ss.zzz node#attempt [stream] line"
    };

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;

    // Takes node.log (and the failure / retry / skip / cancel events) of its run (the run of the first
    // event; events of another run are ignored: a model shows one run, clear() before another). Other
    // kinds are ignored. Events already seen (seq at or below the last one) are skipped, so an
    // overlapping replay adds nothing twice.
    void addEvents(const Flow::RunEvents &events);
    void clear();

    QString runId() const { return m_runId; }
    qsizetype lineCount() const { return m_count; }

    // Fast accessors by source row, for the filter and for copying.
    qint64 time(qsizetype row) const { return line(row).time; }
    int attempt(qsizetype row) const { return line(row).attempt; }
    Stream stream(qsizetype row) const { return Stream(line(row).stream); }
    int nodeIndex(qsizetype row) const { return int(line(row).node); }
    QString nodeId(qsizetype row) const { return m_nodeIds.at(line(row).node); }
    QString text(qsizetype row, qsizetype maxLength = -1) const;
    bool textContains(qsizetype row, const LogTextSearch &search) const; // case-insensitive
    // "HH:mm:ss.zzz node#attempt [stream] line" in local time ("node" alone for attempt 0).
    QString lineText(qsizetype row) const;

    // Node ids in the order of their first line; nodeIndex() indexes this list.
    const QStringList &nodeIds() const { return m_nodeIds; }
    int indexOfNode(const QString &nodeId) const { return m_nodeIndex.value(nodeId, -1); }
    int maxAttempt() const { return m_maxAttempt; }

    // Bytes held for the lines (records, text chunks, node table), for the benchmark.
    qsizetype memoryUsage() const;

    static QString streamName(Stream stream);
    static Stream streamFromName(QStringView name); // unknown -> Info
    // The foreground colour of a stream's lines; invalid for stdout (the palette's text colour).
    static QColor streamColor(Stream stream, bool dark);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    // A node had its first line (nodeIds() grew).
    void nodeIdsChanged();
    // A line of a higher attempt than any before arrived.
    void maxAttemptChanged(int maxAttempt);

private:
    struct Line
    {
        qint64 time;
        quint32 chunk;  // index into m_chunks
        quint32 offset; // byte offset in the chunk
        quint32 length; // characters
        quint32 node;   // index into m_nodeIds
        quint16 attempt;
        quint8 stream;
        quint8 wide; // text is UTF-16 (else Latin-1)
    };
    static_assert(sizeof(Line) == 32);
    static constexpr int BlockShift = 16;
    static constexpr qsizetype BlockSize = qsizetype(1) << BlockShift;
    static constexpr qsizetype ChunkSize = 1 << 20;

    struct Chunk
    {
        std::unique_ptr<char[]> bytes;
        quint32 size = 0;
        quint32 capacity = 0;
    };

    const Line &line(qsizetype row) const
    {
        return m_blocks[size_t(row >> BlockShift)][size_t(row & (BlockSize - 1))];
    }
    void append(const RunEvent &event, Stream stream, QStringView text);
    void appendSynthesized(const RunEvent &event, Stream stream, const QString &text);
    void addEvent(const RunEvent &event);
    quint32 internNode(const QString &nodeId);
    void storeText(Line &line, QStringView text);
    QString timeText(qint64 msecs) const;
    bool isDark() const;

    QString m_runId;
    qint64 m_lastSeq = 0;
    qsizetype m_count = 0;  // rows the views know about
    qsizetype m_stored = 0; // rows written, including the batch being added
    std::vector<std::unique_ptr<Line[]>> m_blocks;
    std::vector<Chunk> m_chunks;
    QStringList m_nodeIds;
    QHash<QString, int> m_nodeIndex;
    int m_lastNode = -1; // consecutive lines mostly come from the same node
    int m_maxAttempt = 0;
    mutable qint64 m_offsetHour = -1; // UTC hour for which m_offsetMs is the local time offset
    mutable qint64 m_offsetMs = 0;
    QFont m_monoFont;
};

} // namespace Flow
