#include "remoteserver.h"

#include "eventarchive.h"
#include "serverconnection.h"

#include "executor/localrunsource.h"
#include "executor/run.h"
#include "model/workflowio.h"
#include "nodes/registry.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace Flow::Remote {

bool tokensEqual(const QString &a, const QString &b)
{
    // Hashing first makes the comparison length-independent; the loop never exits early.
    const QByteArray ha = QCryptographicHash::hash(a.toUtf8(), QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b.toUtf8(), QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < ha.size(); ++i)
        diff |= static_cast<unsigned char>(ha.at(i) ^ hb.at(i));
    return diff == 0;
}

RemoteServer::RemoteServer(ServerOptions options, EventArchive *archive, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_archive(archive)
{
    m_uptime.start();
}

RemoteServer::~RemoteServer()
{
    for (ServerConnection *c : std::as_const(m_connections))
        disconnect(c, nullptr, this, nullptr);
    qDeleteAll(m_connections);
    qDeleteAll(m_running); // each cancels its run and waits for it (teardown only)
}

bool RemoteServer::listen(QString *error)
{
    if (m_options.token.isEmpty() && !m_options.address.isLoopback()) {
        *error = tr("refusing to listen on %1 without a token: give --token-file (or listen on 127.0.0.1)")
                     .arg(m_options.address.toString());
        return false;
    }
    const auto mode = m_options.ssl ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode;
    m_server = new QWebSocketServer(m_options.name, mode, this);
    if (m_options.ssl)
        m_server->setSslConfiguration(*m_options.ssl);
    m_server->setMaxPendingConnections(16);
    connect(m_server, &QWebSocketServer::newConnection, this, &RemoteServer::onNewConnection);
    if (!m_server->listen(m_options.address, m_options.port)) {
        *error = tr("cannot listen on %1:%2: %3")
                     .arg(m_options.address.toString())
                     .arg(m_options.port)
                     .arg(m_server->errorString());
        return false;
    }
    return true;
}

QUrl RemoteServer::url() const
{
    return m_server ? m_server->serverUrl() : QUrl();
}

int RemoteServer::runningCount() const
{
    return int(m_running.size());
}

bool RemoteServer::checkToken(const QString &token) const
{
    if (m_options.token.isEmpty())
        return true;
    return tokensEqual(token, m_options.token);
}

ServerMessage RemoteServer::welcome() const
{
    ServerMessage m;
    m.type = ServerMessage::Type::Welcome;
    m.server = m_options.name;
    m.version = QStringLiteral(FLOW_VERSION);
    m.capabilities = {QStringLiteral("runs"), QStringLiteral("subscribe"), QStringLiteral("start"),
                      QStringLiteral("cancel"), QStringLiteral("status")};
    return m;
}

ServerMessage RemoteServer::status() const
{
    ServerMessage m;
    m.type = ServerMessage::Type::Status;
    m.version = QStringLiteral(FLOW_VERSION);
    m.uptimeMs = m_uptime.elapsed();
    m.running = runningCount();
    m.clients = clientCount();
    m.runCount = int(m_archive->runs().size());
    return m;
}

void RemoteServer::log(const QString &line)
{
    emit logLine(line);
}

void RemoteServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        // Before the event loop reads a byte of it: a frame beyond the limit is refused by its header.
        socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxMessageBytes));
        if (m_shuttingDown || clientCount() >= m_options.maxClients) {
            log(tr("connection from %1 refused: %2")
                    .arg(socket->peerAddress().toString(),
                         m_shuttingDown ? tr("shutting down") : tr("too many clients")));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          m_shuttingDown ? QStringLiteral("shutting down")
                                         : QStringLiteral("too many clients"));
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(2000, socket, &QObject::deleteLater);
            continue;
        }
        auto *c = new ServerConnection(socket, this);
        m_connections.append(c);
        connect(c, &ServerConnection::closed, this, [this](ServerConnection *gone) {
            m_connections.removeOne(gone);
            gone->deleteLater();
            if (m_shuttingDown)
                finishShutdown();
        });
    }
}

std::optional<ServerMessage> RemoteServer::startRun(const ClientMessage &request, QString *runId)
{
    if (m_shuttingDown)
        return errorMessage(QLatin1String(Code::NotRunning), tr("the server is shutting down"), request.id);
    if (runningCount() >= m_options.maxRuns)
        return errorMessage(
            QLatin1String(Code::TooManyRuns),
            tr("%n run(s) are going already (the server's --max-runs)", nullptr, m_options.maxRuns),
            request.id);
    const LoadResult loaded = loadAndValidate(request.workflow.toUtf8(), builtinCatalog());
    Diagnostics problems = loaded.diagnostics;
    RunOptions options;
    options.params = request.params;
    options.workingDirectory
        = m_options.workingDirectory.isEmpty() ? QDir::currentPath() : m_options.workingDirectory;
    if (loaded.ok()) {
        const Run probe(*loaded.workflow, NodeRegistry::builtins(), options);
        problems += probe.problems();
    }
    if (!loaded.ok() || hasErrors(problems)) {
        ServerMessage error
            = errorMessage(QLatin1String(Code::InvalidWorkflow), tr("the workflow cannot run"), request.id);
        for (const Diagnostic &d : std::as_const(problems)) {
            if (d.severity == Diagnostic::Severity::Error)
                error.diagnostics.append({d.pos.line, d.pos.column, d.message, d.nodeId});
        }
        return error;
    }
    auto *source
        = new LocalRunSource(*loaded.workflow, NodeRegistry::builtins(), options, request.workflow, {}, this);
    source->setBatchesPerSecond(50);
    const QString id = source->runId();
    *runId = id;
    RunSummary summary{
        id, loaded.workflow->name, QStringLiteral("running"), QDateTime::currentMSecsSinceEpoch(), 0, 0};
    m_archive->beginRun(summary, request.workflow);
    m_running.insert(id, source);
    connect(source, &RunSource::events, this, [this, id](const RunEvents &batch) { onRunEvents(id, batch); });
    connect(source, &RunSource::finished, this, [this, id] { onRunFinished(id); });
    for (ServerConnection *c : std::as_const(m_connections))
        c->notifyRunUpdate(summary);
    source->start();
    return std::nullopt;
}

std::optional<ServerMessage> RemoteServer::cancelRun(const QString &runId)
{
    LocalRunSource *source = m_running.value(runId);
    if (!source) {
        if (m_archive->run(runId))
            return errorMessage(QLatin1String(Code::NotRunning), tr("run %1 has finished").arg(runId));
        return errorMessage(QLatin1String(Code::UnknownRun), tr("no run %1 on this server").arg(runId));
    }
    source->stop();
    return std::nullopt;
}

QByteArray RemoteServer::eventsFrame(const QString &run, qint64 afterSeq, qint64 *lastSeq)
{
    // A quarter of what may wait per client: a frame never finds the queue full by itself being
    // long (pump() sends while under a quarter), so only a reader that does not read is dropped.
    const qint64 maxBytes = std::clamp<qint64>(m_options.maxQueuedBytes / 4, 4 << 10, 1 << 20);
    return m_frames.frame(run, afterSeq, std::max(1, m_options.replayChunk), *m_archive, lastSeq,
                          qsizetype(maxBytes));
}

void RemoteServer::onRunEvents(const QString &runId, const RunEvents &events)
{
    m_archive->append(events);
    m_frames.append(events);
    if (events.isEmpty())
        return;
    // Each event is encoded once (FrameCache) and each frame converted once: every live subscriber
    // gets the same (shared) string.
    qint64 after = events.constFirst().seq - 1;
    const qint64 last = events.constLast().seq;
    while (after < last) {
        qint64 end = 0;
        const QByteArray bytes = eventsFrame(runId, after, &end);
        if (bytes.isEmpty() || end <= after)
            break;
        const QString frame = QString::fromUtf8(bytes);
        // A connection may close (too slow) while delivering: iterate over a copy.
        const QList<ServerConnection *> connections = m_connections;
        for (ServerConnection *c : connections)
            c->deliverLive(runId, after + 1, end, frame);
        after = end;
    }
}

void RemoteServer::onRunFinished(const QString &runId)
{
    LocalRunSource *source = m_running.take(runId);
    if (!source)
        return;
    const std::optional<RunSummary> summary = m_archive->run(runId);
    if (summary) {
        log(tr("run %1 (%2) %3 after %4 s, %5 events")
                .arg(runId, summary->workflow, summary->status)
                .arg(double(summary->finishedAt - summary->startedAt) / 1000.0, 0, 'f', 1)
                .arg(summary->lastSeq));
        for (ServerConnection *c : std::as_const(m_connections))
            c->notifyRunUpdate(*summary);
    }
    source->deleteLater();
    if (m_shuttingDown)
        finishShutdown();
}

void RemoteServer::shutdown(const QString &reason)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_shutdownReason = reason;
    log(tr("shutting down (%1): cancelling %n run(s)", nullptr, runningCount()).arg(reason));
    if (m_server)
        m_server->pauseAccepting();
    for (LocalRunSource *source : std::as_const(m_running))
        source->stop();
    // A run that does not wind down (a node ignoring cancellation) does not hold the server forever.
    QTimer::singleShot(10'000, this, [this] {
        m_running.clear();
        finishShutdown();
    });
    finishShutdown();
}

void RemoteServer::finishShutdown()
{
    if (m_stopped || !m_running.isEmpty())
        return;
    if (!m_connections.isEmpty()) {
        // Closing is asynchronous: stopped() follows the last `closed`, or the timeout below.
        for (ServerConnection *c : std::as_const(m_connections))
            c->closeWith(m_shutdownReason, 1001);
        static constexpr int closeGraceMs = 3000;
        QTimer::singleShot(closeGraceMs, this, [this] {
            if (!m_stopped) {
                m_stopped = true;
                emit stopped();
            }
        });
        return;
    }
    if (m_server)
        m_server->close();
    m_stopped = true;
    emit stopped();
}

} // namespace Flow::Remote
