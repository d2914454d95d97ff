#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace Flow {

// The kinds of DESIGN.md §5. Their names (eventKindName) are a contract: NDJSON files, the SQLite
// history and the WebSocket stream carry them. Add kinds, never rename one.
enum class EventKind : quint8 {
    RunStarted,    // "run.started"    {name, nodes: [ids in file order], params}
    RunFinished,   // "run.finished"   {status: succeeded|failed|cancelled, error?, outputs?}
    NodeQueued,    // "node.queued"    inputs ready, waiting for a worker
    NodeStarted,   // "node.started"   an attempt began on a worker (attempt = its number) {attempts?: most}
    NodeProgress,  // "node.progress"  {fraction (negative = unknown), text}
    NodeLog,       // "node.log"       {stream, line, item?}
    NodeRetrying,  // "node.retrying"  {attempt: the next one, delay: ms, error}
    NodeSucceeded, // "node.succeeded" {duration: ms, outputs}
    NodeFailed,    // "node.failed"    {error}
    NodeSkipped,   // "node.skipped"   {reason}
    NodeCached,    // "node.cached"    {outputs}
    NodeCancelled, // "node.cancelled" {reason?}
};
constexpr int EventKindCount = 12;

QString eventKindName(EventKind kind);
std::optional<EventKind> eventKindFromName(QStringView name);
// True for the kinds that end a node: exactly one of them per node and run.
bool isTerminal(EventKind kind);

enum class RunStatus : quint8 { Succeeded, Failed, Cancelled };
QString runStatusName(RunStatus status);
std::optional<RunStatus> runStatusFromName(QStringView name);

// One change in a run. `seq` starts at 1 and grows by exactly one per event of the same run, so a
// listener can tell that it missed nothing and a reconnecting client can ask for "after seq N".
struct RunEvent
{
    QString run; // run id
    qint64 seq = 0;
    qint64 time = 0; // wall clock, milliseconds since the Unix epoch (UTC)
    QString node;    // empty for run.* events
    EventKind kind = EventKind::NodeLog;
    int attempt = 0;  // 0 when not about an attempt
    QVariantMap data; // JSON-like values only (see the kind's comment for the fields)

    // One JSON object: {"run","seq","time","node"?,"kind","attempt"?,"data"?}; time is ISO 8601 UTC
    // with milliseconds. Empty node, zero attempt and empty data are left out.
    QJsonObject toJson() const;
    // One compact JSON line without the newline (NDJSON).
    QByteArray toJsonLine() const;
    // Nullopt when `json` is not an event (unknown kind, missing run/seq/time).
    static std::optional<RunEvent> fromJson(const QJsonObject &json);
    static std::optional<RunEvent> fromJsonLine(QByteArrayView line);

    friend bool operator==(const RunEvent &, const RunEvent &) = default;
};

using RunEvents = QList<RunEvent>;

} // namespace Flow

Q_DECLARE_METATYPE(Flow::RunEvent)
