#pragma once

#include "runs/runevent.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

// The WebSocket protocol of docs/protocol.md: JSON text frames, each one object {"v":1,"type":...}.
// Everything that reads or writes a frame goes through the encode/decode functions here (server,
// client, tests, fuzzers); the events inside use RunEvent::toJson/fromJson, the same codec as NDJSON.
namespace Flow::Remote {

constexpr int ProtocolVersion = 1;

// One line of what a run is, for `list_runs` and `run_update`.
struct RunSummary
{
    QString run;
    QString workflow;      // the workflow's name
    QString status;        // running | succeeded | failed | cancelled | interrupted
    qint64 startedAt = 0;  // ms since the epoch
    qint64 finishedAt = 0; // 0 while running
    qint64 lastSeq = 0;

    friend bool operator==(const RunSummary &, const RunSummary &) = default;
};

// A validation problem of a started workflow, at line:col of its YAML text (0 = not tied to a place).
struct WireDiagnostic
{
    int line = 0;
    int column = 0;
    QString message;
    QString node;

    friend bool operator==(const WireDiagnostic &, const WireDiagnostic &) = default;
};

struct ClientMessage
{
    enum class Type : quint8 { Hello, ListRuns, Subscribe, Unsubscribe, Start, Cancel, Status, Ping };
    Type type = Type::Ping;
    QJsonValue id;       // optional request id, echoed in the reply (string or number)
    QString token;       // hello
    QString client;      // hello: a name for the server's log
    QString run;         // subscribe, unsubscribe, cancel
    qint64 afterSeq = 0; // subscribe: the last seq the client holds (0: from the start)
    QString workflow;    // start: YAML text
    QVariantMap params;  // start

    friend bool operator==(const ClientMessage &, const ClientMessage &) = default;
};

struct ServerMessage
{
    enum class Type : quint8 {
        Welcome,    // server, version, capabilities
        Runs,       // runs
        RunUpdate,  // runs (one): a run started or finished, for clients that listed the runs
        Subscribed, // run, afterSeq, workflowText, summary in runs(one); the events follow
        Events,     // run, events (seq order, none the client had)
        Started,    // run: a start was accepted
        Status,     // version, uptimeMs, running, clients, runCount
        Pong,
        Error, // code, message, diagnostics, run
        Bye,   // reason: the server closes this connection next
    };
    Type type = Type::Pong;
    QJsonValue id; // the request's id, when it had one
    QString server;
    QString version;
    QStringList capabilities;
    QList<RunSummary> runs;
    QString run;
    qint64 afterSeq = 0;
    QString workflowText;
    RunEvents events;
    qint64 uptimeMs = 0;
    int running = 0;
    int clients = 0;
    int runCount = 0;
    QString code;    // error: a stable machine-readable code (docs/protocol.md)
    QString message; // error: for people
    QList<WireDiagnostic> diagnostics;
    QString reason; // bye

    friend bool operator==(const ServerMessage &, const ServerMessage &) = default;
};

// Error codes (stable, documented in docs/protocol.md).
namespace Code {
inline constexpr char BadMessage[] = "bad_message";           // not JSON, not an object, wrong field types
inline constexpr char BadVersion[] = "bad_version";           // "v" is not 1
inline constexpr char UnknownType[] = "unknown_type";         // a "type" this server does not know
inline constexpr char BinaryFrame[] = "binary_frame";         // only text frames are part of the protocol
inline constexpr char Unauthorized[] = "unauthorized";        // no hello yet, or a wrong token
inline constexpr char UnknownRun[] = "unknown_run";           // no such run (or no longer kept)
inline constexpr char InvalidWorkflow[] = "invalid_workflow"; // start: diagnostics say why
inline constexpr char TooManyRuns[] = "too_many_runs";        // start: --max-runs are running
inline constexpr char TooManySubscriptions[] = "too_many_subscriptions";
inline constexpr char NotRunning[] = "not_running"; // cancel: the run has finished
} // namespace Code

// A decoded message or why the bytes are not one. `code` is one of Code::*.
template<typename T>
struct Decoded
{
    std::optional<T> value;
    QString code;
    QString error;
    QJsonValue id; // the request id when the object had a readable one, for the error reply

    bool ok() const { return value.has_value(); }
};

// Pure functions: any bytes in, a value or an error out; never throw, never crash (fuzzed).
Decoded<ClientMessage> decodeClientMessage(QByteArrayView frame);
Decoded<ServerMessage> decodeServerMessage(QByteArrayView frame);
// The same without the fast path for events frames (runs/eventjson.h): what tests and fuzz_protocol
// compare it with.
Decoded<ServerMessage> decodeServerMessageFull(QByteArrayView frame);
QByteArray encode(const ClientMessage &message);
QByteArray encode(const ServerMessage &message);
// The `events` message of `run` around `joinedEvents`: event JSON objects (RunEvent::toJsonLine)
// joined by commas. What encode() writes for an events message, for callers that keep encoded events.
QByteArray encodeEventsFrame(const QString &run, QByteArrayView joinedEvents, const QJsonValue &id = {});

// Shorthands for the messages built most often.
ServerMessage errorMessage(const QString &code, const QString &message, const QJsonValue &id = {});
QString runSummaryStatus(std::optional<RunStatus> finished);

} // namespace Flow::Remote
