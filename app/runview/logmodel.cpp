#include "logmodel.h"

#include "canvas/nodestatestyle.h"

#include <QColor>
#include <QDateTime>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cstring>

namespace Flow {

namespace {

constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr quint32 ToolTipTextLimit = 2000;
constexpr quint32 DisplayTextLimit = 1000;

bool isLatin1(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x100; });
}

// "HH:mm:ss.zzz" of a time of day; QTime::toString() parses its format on every call, and copying
// a million lines formats a million times.
QString formatTimeOfDay(qint64 msOfDay)
{
    const int ms = int(msOfDay % 1000);
    const int s = int(msOfDay / 1000 % 60);
    const int m = int(msOfDay / 60000 % 60);
    const int h = int(msOfDay / HourMs);
    const std::array<char16_t, 12> text{
        char16_t(u'0' + h / 10),   char16_t(u'0' + h % 10),       u':',
        char16_t(u'0' + m / 10),   char16_t(u'0' + m % 10),       u':',
        char16_t(u'0' + s / 10),   char16_t(u'0' + s % 10),       u'.',
        char16_t(u'0' + ms / 100), char16_t(u'0' + ms / 10 % 10), char16_t(u'0' + ms % 10)};
    return QString(reinterpret_cast<const QChar *>(text.data()), qsizetype(text.size()));
}

QString attemptSuffix(int attempt)
{
    return attempt > 0 ? QLatin1Char('#') + QString::number(attempt) : QString();
}

} // namespace

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_monoFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{}

LogModel::~LogModel() = default;

QString LogModel::streamName(Stream stream)
{
    switch (stream) {
    case Stdout:
        return QStringLiteral("stdout");
    case Stderr:
        return QStringLiteral("stderr");
    case Debug:
        return QStringLiteral("debug");
    case Info:
        return QStringLiteral("info");
    case Warn:
        return QStringLiteral("warn");
    case Error:
        return QStringLiteral("error");
    case StreamCount:
        break;
    }
    return QStringLiteral("info");
}

LogModel::Stream LogModel::streamFromName(QStringView name)
{
    if (name == u"stdout")
        return Stdout;
    if (name == u"stderr")
        return Stderr;
    if (name == u"debug")
        return Debug;
    if (name == u"warn" || name == u"warning")
        return Warn;
    if (name == u"error")
        return Error;
    return Info;
}

QColor LogModel::streamColor(Stream stream, bool dark)
{
    // Errors in the red of a failed node and warnings in the orange of a retrying one, so the log
    // reads like the canvas overlay; both pairs are chosen for light and dark backgrounds.
    switch (stream) {
    case Stdout:
        return {};
    case Stderr:
    case Error:
        return nodeStateStyle(NodeState::Failed, dark).color;
    case Warn:
        return nodeStateStyle(NodeState::Retrying, dark).color;
    case Info:
        return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x54, 0x6e, 0x7a);
    case Debug:
        return dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x75, 0x75, 0x75);
    case StreamCount:
        break;
    }
    return {};
}

void LogModel::clear()
{
    const bool hadNodes = !m_nodeIds.isEmpty();
    const bool hadAttempts = m_maxAttempt != 0;
    beginResetModel();
    m_runId.clear();
    m_lastSeq = 0;
    m_count = 0;
    m_stored = 0;
    m_blocks.clear();
    m_chunks.clear();
    m_nodeIds.clear();
    m_nodeIndex.clear();
    m_lastNode = -1;
    m_maxAttempt = 0;
    endResetModel();
    if (hadNodes)
        emit nodeIdsChanged();
    if (hadAttempts)
        emit maxAttemptChanged(0);
}

void LogModel::addEvents(const RunEvents &events)
{
    const qsizetype nodesBefore = m_nodeIds.size();
    const int maxAttemptBefore = m_maxAttempt;
    for (const RunEvent &event : events)
        addEvent(event);
    // One insertion per batch: a view or proxy does its bookkeeping once, not per line.
    if (m_stored > m_count) {
        beginInsertRows({}, int(m_count), int(m_stored - 1));
        m_count = m_stored;
        endInsertRows();
    }
    if (m_nodeIds.size() != nodesBefore)
        emit nodeIdsChanged();
    if (m_maxAttempt != maxAttemptBefore)
        emit maxAttemptChanged(m_maxAttempt);
}

void LogModel::addEvent(const RunEvent &e)
{
    if (m_runId.isEmpty())
        m_runId = e.run;
    else if (e.run != m_runId)
        return; // one model shows one run: its feed's (clear() to show another)
    if (e.seq > 0) {
        if (e.seq <= m_lastSeq)
            return;
        m_lastSeq = e.seq;
    }

    const auto field = [&e](const QString &key) {
        const auto it = e.data.constFind(key);
        return it == e.data.constEnd() ? QString() : it->toString();
    };
    switch (e.kind) {
    case EventKind::NodeLog:
        append(e, streamFromName(field(QStringLiteral("stream"))), field(QStringLiteral("line")));
        break;
    case EventKind::NodeFailed: {
        const QString error = field(QStringLiteral("error"));
        appendSynthesized(e, Error, error.isEmpty() ? tr("failed") : error);
        break;
    }
    case EventKind::NodeRetrying: {
        const double seconds = e.data.value(QStringLiteral("delay")).toDouble() / 1000.0;
        appendSynthesized(e, Warn,
                          tr("attempt %1 failed: %2; retrying in %3 s")
                              .arg(QString::number(e.attempt), field(QStringLiteral("error")),
                                   QString::number(seconds, 'f', 1)));
        break;
    }
    case EventKind::NodeSkipped:
        if (const QString reason = field(QStringLiteral("reason")); !reason.isEmpty())
            appendSynthesized(e, Info, tr("skipped: %1").arg(reason));
        break;
    case EventKind::NodeCancelled:
        if (const QString reason = field(QStringLiteral("reason")); !reason.isEmpty())
            appendSynthesized(e, Info, tr("cancelled: %1").arg(reason));
        break;
    default:
        break;
    }
}

// Errors may span lines (a process's last words); each becomes a row so the table stays one line
// per row.
void LogModel::appendSynthesized(const RunEvent &event, Stream stream, const QString &text)
{
    for (QStringView part : QStringView(text).split(u'\n'))
        append(event, stream, part);
}

void LogModel::append(const RunEvent &event, Stream stream, QStringView text)
{
    if ((m_stored >> BlockShift) >= qsizetype(m_blocks.size()))
        m_blocks.push_back(std::make_unique_for_overwrite<Line[]>(size_t(BlockSize)));
    Line &l = m_blocks.back()[size_t(m_stored & (BlockSize - 1))];
    l.time = event.time;
    l.node = internNode(event.node);
    l.attempt = quint16(std::clamp(event.attempt, 0, 0xffff));
    l.stream = stream;
    storeText(l, text);
    m_maxAttempt = std::max<int>(m_maxAttempt, l.attempt);
    ++m_stored;
}

quint32 LogModel::internNode(const QString &nodeId)
{
    if (m_lastNode >= 0 && m_nodeIds.at(m_lastNode) == nodeId)
        return quint32(m_lastNode);
    auto it = m_nodeIndex.constFind(nodeId);
    if (it == m_nodeIndex.constEnd()) {
        it = m_nodeIndex.insert(nodeId, int(m_nodeIds.size()));
        m_nodeIds.append(nodeId);
    }
    m_lastNode = *it;
    return quint32(m_lastNode);
}

void LogModel::storeText(Line &l, QStringView text)
{
    const bool wide = !isLatin1(text);
    const qsizetype bytes = wide ? text.size() * 2 : text.size();
    if (m_chunks.empty() || m_chunks.back().capacity - m_chunks.back().size < quint32(bytes) + 1) {
        // A line longer than a chunk gets a chunk of its own.
        const auto capacity = quint32(std::max(ChunkSize, bytes));
        m_chunks.push_back({std::make_unique_for_overwrite<char[]>(capacity), 0, capacity});
    }
    Chunk &chunk = m_chunks.back();
    if (wide)
        chunk.size = (chunk.size + 1) & ~1u; // QChar alignment
    char *out = chunk.bytes.get() + chunk.size;
    if (wide) {
        std::memcpy(out, text.utf16(), size_t(bytes));
    } else {
        for (QChar c : text)
            *out++ = char(c.unicode());
    }
    l.chunk = quint32(m_chunks.size() - 1);
    l.offset = chunk.size;
    l.length = quint32(text.size());
    l.wide = wide;
    chunk.size += quint32(bytes);
}

QString LogModel::text(qsizetype row, qsizetype maxLength) const
{
    const Line &l = line(row);
    const char *bytes = m_chunks[l.chunk].bytes.get() + l.offset;
    const qsizetype length = maxLength < 0 ? qsizetype(l.length) : std::min<qsizetype>(l.length, maxLength);
    if (l.wide)
        return QString(reinterpret_cast<const QChar *>(bytes), length);
    return QString::fromLatin1(bytes, length);
}

bool LogModel::textContains(qsizetype row, const LogTextSearch &search) const
{
    const Line &l = line(row);
    const char *bytes = m_chunks[l.chunk].bytes.get() + l.offset;
    if (l.wide)
        return search.inUtf16(QStringView(reinterpret_cast<const QChar *>(bytes), l.length));
    return search.inLatin1(bytes, l.length);
}

QString LogModel::timeText(qint64 msecs) const
{
    // The local offset only changes on the hour (DST), so it is looked up once per hour of log.
    const qint64 hour = msecs / HourMs;
    if (hour != m_offsetHour) {
        m_offsetHour = hour;
        m_offsetMs = qint64(QDateTime::fromMSecsSinceEpoch(hour * HourMs).offsetFromUtc()) * 1000;
    }
    const qint64 local = msecs + m_offsetMs;
    return formatTimeOfDay(((local % DayMs) + DayMs) % DayMs);
}

QString LogModel::lineText(qsizetype row) const
{
    const Line &l = line(row);
    return timeText(l.time) + QLatin1Char(' ') + m_nodeIds.at(l.node) + attemptSuffix(l.attempt)
           + QLatin1String(" [") + streamName(Stream(l.stream)) + QLatin1String("] ") + text(row);
}

qsizetype LogModel::memoryUsage() const
{
    qsizetype bytes = qsizetype(m_blocks.size()) * BlockSize * qsizetype(sizeof(Line));
    for (const Chunk &chunk : m_chunks)
        bytes += chunk.capacity;
    for (const QString &id : m_nodeIds)
        bytes += id.capacity() * 2 + 64; // the id and its hash entry, roughly
    return bytes;
}

bool LogModel::isDark() const
{
    // Asked per painted cell: a plain luma, no HSL conversion.
    const QColor base = QGuiApplication::palette().color(QPalette::Base);
    return base.red() * 299 + base.green() * 587 + base.blue() * 114 < 128 * 1000;
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags LogModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count)
        return {};
    const qsizetype row = index.row();
    const Line &l = line(row);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timeText(l.time);
        case NodeColumn:
            return m_nodeIds.at(l.node);
        case AttemptColumn:
            return l.attempt > 0 ? QVariant(int(l.attempt)) : QVariant();
        case StreamColumn:
            return streamName(Stream(l.stream));
        case MessageColumn: // a cell shows a few hundred characters; eliding a megabyte is slow
            if (l.length > DisplayTextLimit)
                return QString(text(row, DisplayTextLimit) + QChar(0x2026));
            return text(row);
        }
        return {};
    case Qt::ForegroundRole: {
        const QColor color = streamColor(Stream(l.stream), isDark());
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::FontRole:
        if (index.column() == MessageColumn || index.column() == TimeColumn)
            return m_monoFont;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole: {
        const QString when = QDateTime::fromMSecsSinceEpoch(l.time).toString(Qt::ISODateWithMs);
        QString message = text(row, ToolTipTextLimit);
        if (l.length > ToolTipTextLimit)
            message += QChar(0x2026);
        return tr("%1 · %2%3 [%4]\n%5")
            .arg(when, m_nodeIds.at(l.node), attemptSuffix(l.attempt), streamName(Stream(l.stream)), message);
    }
    case NodeRole:
        return m_nodeIds.at(l.node);
    case AttemptRole:
        return int(l.attempt);
    case StreamRole:
        return streamName(Stream(l.stream));
    case TimeRole:
        return l.time;
    case StreamIndexRole:
        return int(l.stream);
    case LineTextRole:
        return lineText(row);
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case NodeColumn:
        return tr("Node");
    case AttemptColumn:
        return tr("Attempt");
    case StreamColumn:
        return tr("Stream");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace Flow
