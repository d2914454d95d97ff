#pragma once

#include "framecache.h"
#include "protocol.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QWebSocketServer;
QT_END_NAMESPACE

namespace Flow {
class LocalRunSource;
}

namespace Flow::Remote {

class EventArchive;
class ServerConnection;

// Limits and settings of a server (`flowrun serve` flags; docs/protocol.md "Limits").
struct ServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8765; // 0: any free port (url() tells which)
    QString token;       // empty: no token (only allowed on loopback)
    QString name = QStringLiteral("flowrun");
    QString workingDirectory; // of the runs clients start; default the current directory
    int maxRuns = 4;          // running at once
    int maxClients = 64;
    int maxSubscriptions = 32; // per client
    qint64 maxFrameBytes = 1 << 20;
    qint64 maxMessageBytes = 4 << 20;
    qint64 maxQueuedBytes = 16 << 20; // per client: beyond it the client is dropped as too slow
    int helloTimeoutMs = 10'000;      // a connection that has not said hello by then is closed
    int stallTimeoutMs = 30'000;      // a client that reads nothing this long while data waits is dropped
    int replayChunk = 1000;           // events per frame
    std::optional<QSslConfiguration> ssl;
};

// The server behind `flowrun serve`: runs workflows with the local executor and streams their events
// to WebSocket clients (docs/protocol.md). Everything happens on the thread it lives in, without
// blocking: runs are in scheduler threads of their own (LocalRunSource), sockets are asynchronous,
// each client's outgoing queue is bounded.
class RemoteServer : public QObject
{
    Q_OBJECT

public:
    // `archive` must outlive the server.
    RemoteServer(ServerOptions options, EventArchive *archive, QObject *parent = nullptr);
    ~RemoteServer() override;

    // Refuses a non-loopback address without a token. False with `error` when it cannot listen.
    bool listen(QString *error);
    QUrl url() const;
    const ServerOptions &options() const { return m_options; }
    EventArchive *archive() const { return m_archive; }
    // The `events` frame of `run` after `afterSeq` (at most replayChunk events), encoded once for
    // every client; empty when there is nothing newer. `lastSeq`: the frame's last seq.
    QByteArray eventsFrame(const QString &run, qint64 afterSeq, qint64 *lastSeq);

    // Graceful stop: no new connections or runs, running runs cancelled (they end run.finished
    // cancelled, which clients receive), then every client gets bye{reason} and is closed.
    // stopped() follows; it is safe to call twice.
    void shutdown(const QString &reason);

    int clientCount() const { return int(m_connections.size()); }
    int runningCount() const;

    // Used by the connections.
    bool checkToken(const QString &token) const;
    ServerMessage welcome() const;
    ServerMessage status() const;
    // Starts a run; an error message when it cannot (validation, too many runs, shutting down).
    std::optional<ServerMessage> startRun(const ClientMessage &request, QString *runId);
    std::optional<ServerMessage> cancelRun(const QString &runId);
    void log(const QString &line);

signals:
    void logLine(const QString &line);
    void stopped();

private:
    void onNewConnection();
    void onRunEvents(const QString &runId, const RunEvents &events);
    void onRunFinished(const QString &runId);
    void finishShutdown();

    ServerOptions m_options;
    EventArchive *m_archive;
    FrameCache m_frames;
    QWebSocketServer *m_server = nullptr;
    QList<ServerConnection *> m_connections;
    QHash<QString, LocalRunSource *> m_running;
    QElapsedTimer m_uptime;
    QString m_shutdownReason;
    bool m_shuttingDown = false;
    bool m_stopped = false;
};

// Whether two tokens are equal, in time that does not depend on where they differ.
bool tokensEqual(const QString &a, const QString &b);

} // namespace Flow::Remote
