#include "serverconnection.h"

#include "eventarchive.h"
#include "remoteserver.h"

#include <QWebSocket>

namespace Flow::Remote {
namespace {

// Application close codes (docs/protocol.md).
constexpr int CloseUnauthorized = 4001;
constexpr int CloseTooSlow = 4002;

using Type = ClientMessage::Type;

} // namespace

ServerConnection::ServerConnection(QWebSocket *socket, RemoteServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    m_peer = QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort());
    m_age.start();
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ServerConnection::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ServerConnection::onBinary);
    connect(m_socket, &QWebSocket::disconnected, this, &ServerConnection::onDisconnected);
    // The replay goes on as the socket drains, never faster than the client reads.
    connect(m_socket, &QWebSocket::bytesWritten, this, &ServerConnection::pump);
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, [this] {
        refuse(QLatin1String(Code::Unauthorized),
               tr("no hello within %1 s").arg(m_server->options().helloTimeoutMs / 1000));
    });
    m_helloTimer.start(m_server->options().helloTimeoutMs);
    // A client whose queue has not moved for stallTimeoutMs holds a slot and memory for nothing.
    connect(m_socket, &QWebSocket::bytesWritten, this, [this] { m_lastDrain.restart(); });
    m_lastDrain.start();
    m_stallTimer.setInterval(std::max(100, m_server->options().stallTimeoutMs / 4));
    connect(&m_stallTimer, &QTimer::timeout, this, [this] {
        if (m_socket->bytesToWrite() == 0)
            m_lastDrain.restart();
        else if (m_lastDrain.elapsed() > m_server->options().stallTimeoutMs)
            dropAsSlow(tr("too slow: nothing read for %1 s").arg(m_server->options().stallTimeoutMs / 1000));
    });
    m_stallTimer.start();
}

ServerConnection::~ServerConnection() = default;

void ServerConnection::onDisconnected()
{
    if (m_closeReason.isEmpty()) {
        m_closeReason
            = m_socket->closeCode() == QWebSocketProtocol::CloseCodeNormal
                  ? tr("closed by the client")
                  : tr("closed (%1 %2)").arg(int(m_socket->closeCode())).arg(m_socket->closeReason());
    }
    m_server->log(tr("client %1%2 %3 after %4 s (%5 events sent): %6")
                      .arg(m_peer, m_name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_name),
                           m_authenticated ? tr("authenticated") : tr("never authenticated"))
                      .arg(double(m_age.elapsed()) / 1000.0, 0, 'f', 1)
                      .arg(m_eventsSent)
                      .arg(m_closeReason));
    m_subs.clear();
    m_closing = true;
    emit closed(this);
}

void ServerConnection::closeWith(const QString &reason, int code)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeReason = reason;
    ServerMessage bye;
    bye.type = ServerMessage::Type::Bye;
    bye.reason = reason;
    m_socket->sendTextMessage(QString::fromUtf8(encode(bye)));
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason.left(120));
    // A peer that never answers the close handshake is cut off.
    QTimer::singleShot(3000, this, [this] {
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
    });
}

void ServerConnection::refuse(const QString &code, const QString &message, const QJsonValue &id)
{
    m_socket->sendTextMessage(QString::fromUtf8(encode(errorMessage(code, message, id))));
    closeWith(message, CloseUnauthorized);
}

void ServerConnection::onBinary(const QByteArray &)
{
    if (m_closing)
        return;
    if (!m_authenticated)
        return refuse(QLatin1String(Code::Unauthorized), tr("say hello first"));
    send(errorMessage(QLatin1String(Code::BinaryFrame), tr("binary frames are not part of the protocol")));
}

void ServerConnection::onText(const QString &text)
{
    if (m_closing)
        return;
    const QByteArray bytes = text.toUtf8();
    const Decoded<ClientMessage> decoded = decodeClientMessage(bytes);
    if (!decoded.ok()) {
        if (!m_authenticated)
            return refuse(QLatin1String(Code::Unauthorized), tr("say hello first"));
        send(errorMessage(decoded.code, decoded.error, decoded.id));
        return;
    }
    handle(*decoded.value);
}

void ServerConnection::handle(const ClientMessage &m)
{
    if (!m_authenticated && m.type != Type::Hello)
        return refuse(QLatin1String(Code::Unauthorized), tr("say hello first"), m.id);
    switch (m.type) {
    case Type::Hello: {
        if (m_authenticated) {
            send(errorMessage(QLatin1String(Code::BadMessage), tr("already said hello"), m.id));
            return;
        }
        if (!m_server->checkToken(m.token))
            return refuse(QLatin1String(Code::Unauthorized), tr("wrong token"), m.id);
        m_authenticated = true;
        m_helloTimer.stop();
        m_name = m.client;
        ServerMessage w = m_server->welcome();
        w.id = m.id;
        send(w);
        return;
    }
    case Type::ListRuns: {
        m_listsRuns = true;
        ServerMessage r;
        r.type = ServerMessage::Type::Runs;
        r.id = m.id;
        r.runs = m_server->archive()->runs();
        send(r);
        return;
    }
    case Type::Subscribe:
        return subscribe(m);
    case Type::Unsubscribe:
        m_subs.remove(m.run);
        return;
    case Type::Start: {
        QString runId;
        if (std::optional<ServerMessage> error = m_server->startRun(m, &runId)) {
            send(*error);
            return;
        }
        ServerMessage s;
        s.type = ServerMessage::Type::Started;
        s.id = m.id;
        s.run = runId;
        send(s);
        return;
    }
    case Type::Cancel:
        if (std::optional<ServerMessage> error = m_server->cancelRun(m.run)) {
            error->id = m.id;
            error->run = m.run;
            send(*error);
        }
        return;
    case Type::Status: {
        ServerMessage s = m_server->status();
        s.id = m.id;
        send(s);
        return;
    }
    case Type::Ping: {
        ServerMessage p;
        p.type = ServerMessage::Type::Pong;
        p.id = m.id;
        send(p);
        return;
    }
    }
}

void ServerConnection::subscribe(const ClientMessage &m)
{
    const std::optional<RunSummary> summary = m_server->archive()->run(m.run);
    if (!summary) {
        ServerMessage e
            = errorMessage(QLatin1String(Code::UnknownRun), tr("no run %1 on this server").arg(m.run), m.id);
        e.run = m.run;
        send(e);
        return;
    }
    if (!m_subs.contains(m.run) && m_subs.size() >= m_server->options().maxSubscriptions) {
        ServerMessage e = errorMessage(
            QLatin1String(Code::TooManySubscriptions),
            tr("at most %1 subscriptions per client").arg(m_server->options().maxSubscriptions), m.id);
        e.run = m.run;
        send(e);
        return;
    }
    ServerMessage s;
    s.type = ServerMessage::Type::Subscribed;
    s.id = m.id;
    s.run = m.run;
    s.afterSeq = m.afterSeq;
    s.workflowText = m_server->archive()->workflowText(m.run);
    s.runs = {*summary};
    if (!send(s))
        return;
    m_subs.insert(m.run, Subscription{m.afterSeq, false});
    pump();
}

// Replays archived events to the subscriptions that are behind, while the socket's queue is short.
void ServerConnection::pump()
{
    if (m_pumping || m_closing)
        return;
    m_pumping = true;
    const qint64 lowWater = std::min<qint64>(m_server->options().maxQueuedBytes / 4, 1 << 20);
    bool more = true;
    while (more && !m_closing && m_socket->bytesToWrite() < lowWater) {
        more = false;
        for (auto it = m_subs.begin(); it != m_subs.end() && !m_closing; ++it) {
            if (it->live)
                continue;
            qint64 last = 0;
            const QByteArray frame = m_server->eventsFrame(it.key(), it->sent, &last);
            if (frame.isEmpty()) {
                it->live = true; // the archive holds nothing newer: the next live batch follows on
                continue;
            }
            if (!sendFrame(QString::fromUtf8(frame)))
                break;
            m_eventsSent += last - it->sent;
            it->sent = last;
            more = true;
        }
    }
    m_pumping = false;
}

void ServerConnection::deliverLive(const QString &runId, qint64 first, qint64 last, const QString &frame)
{
    auto it = m_subs.find(runId);
    if (it == m_subs.end() || !it->live || m_closing)
        return;
    if (it->sent >= last)
        return;
    const qint64 lowWater = std::min<qint64>(m_server->options().maxQueuedBytes / 4, 1 << 20);
    if (it->sent != first - 1 || m_socket->bytesToWrite() > lowWater) {
        // Behind this batch (it joined mid-batch), or the client reads slower than the run writes:
        // it catches up from the archive as its socket drains, so its queue stays short.
        it->live = false;
        pump();
        return;
    }
    if (sendFrame(frame)) {
        m_eventsSent += last - first + 1;
        it->sent = last;
    }
}

void ServerConnection::notifyRunUpdate(const RunSummary &summary)
{
    if (!m_listsRuns || !m_authenticated || m_closing)
        return;
    ServerMessage m;
    m.type = ServerMessage::Type::RunUpdate;
    m.runs = {summary};
    send(m);
}

void ServerConnection::dropAsSlow(const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeReason = reason;
    m_stallTimer.stop();
    m_socket->close(QWebSocketProtocol::CloseCode(CloseTooSlow), reason.left(120));
    // Its queue is full, so the close frame may never get through: cut it off soon.
    QTimer::singleShot(1000, this, [this] {
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
    });
}

bool ServerConnection::send(const ServerMessage &m)
{
    return sendFrame(QString::fromUtf8(encode(m)));
}

bool ServerConnection::sendFrame(const QString &frame)
{
    if (m_closing)
        return false;
    const qint64 limit = m_server->options().maxQueuedBytes;
    if (m_socket->bytesToWrite() + frame.size() > limit) {
        // Never let a slow reader grow the server's memory or hold back the others.
        dropAsSlow(tr("too slow: more than %1 KB waiting to be sent").arg(limit >> 10));
        return false;
    }
    m_socket->sendTextMessage(frame);
    return true;
}

} // namespace Flow::Remote
