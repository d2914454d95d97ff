#include "remoteclient.h"

#include <QWebSocket>

namespace Flow::Remote {

using SType = ServerMessage::Type;

RemoteClient::RemoteClient(QObject *parent)
    : QObject(parent)
    , m_ping(this) // children, so that moveToThread() takes the timers along
    , m_retry(this)
{
    connect(&m_ping, &QTimer::timeout, this, &RemoteClient::onPingTimer);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteClient::connectSocket);
}

RemoteClient::~RemoteClient()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void RemoteClient::open()
{
    m_wanted = true;
    m_attempts = 0;
    m_retry.stop();
    connectSocket();
}

void RemoteClient::close()
{
    m_wanted = false;
    m_retry.stop();
    m_ping.stop();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->close();
        m_socket->deleteLater();
    }
    setState(State::Disconnected);
}

void RemoteClient::connectSocket()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(256u << 20);
    if (m_ssl)
        m_socket->setSslConfiguration(*m_ssl);
    connect(m_socket, &QWebSocket::connected, this, &RemoteClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &RemoteClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RemoteClient::onText);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this] {
        m_lastError = m_socket->errorString();
        // A connection that never got up (refused, unreachable) may end without
        // disconnected(): retry from here too (the timer is one, so never twice).
        if (m_socket->state() == QAbstractSocket::UnconnectedState && m_state == State::Connecting) {
            setState(State::Disconnected);
            if (m_wanted && m_options.reconnect)
                scheduleReconnect();
        }
    });
    setState(State::Connecting);
    m_socket->open(m_url);
}

void RemoteClient::onConnected()
{
    ClientMessage hello;
    hello.type = ClientMessage::Type::Hello;
    hello.token = m_token;
    hello.client = m_options.clientName;
    send(hello);
}

void RemoteClient::onDisconnected()
{
    m_ping.stop();
    const QString reason = m_socket ? m_socket->closeReason() : QString();
    if (!reason.isEmpty()) {
        m_lastError = reason;
        emit closedByServer(reason);
    }
    if (m_state == State::Refused)
        return;
    setState(State::Disconnected);
    if (m_wanted && m_options.reconnect)
        scheduleReconnect();
}

void RemoteClient::scheduleReconnect()
{
    const int shift = std::min(m_attempts, 16);
    const qint64 delay = std::min<qint64>(qint64(m_options.backoffMinMs) << shift, m_options.backoffMaxMs);
    ++m_attempts;
    m_retry.start(int(delay));
}

void RemoteClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

int RemoteClient::send(ClientMessage m)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return 0;
    const int id = m_nextId++;
    m.id = id;
    m_socket->sendTextMessage(QString::fromUtf8(encode(m)));
    return id;
}

void RemoteClient::abortConnection()
{
    if (m_socket)
        m_socket->abort();
}

void RemoteClient::sendRaw(const QByteArray &frame)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(frame));
}

int RemoteClient::listRuns()
{
    return isConnected() ? send({ClientMessage::Type::ListRuns}) : 0;
}

int RemoteClient::start(const QString &workflowYaml, const QVariantMap &params)
{
    ClientMessage m{ClientMessage::Type::Start};
    m.workflow = workflowYaml;
    m.params = params;
    return isConnected() ? send(m) : 0;
}

int RemoteClient::cancel(const QString &run)
{
    ClientMessage m{ClientMessage::Type::Cancel};
    m.run = run;
    return isConnected() ? send(m) : 0;
}

int RemoteClient::requestStatus()
{
    return isConnected() ? send({ClientMessage::Type::Status}) : 0;
}

void RemoteClient::subscribe(const QString &run, qint64 afterSeq)
{
    m_subs.insert(run, Subscription{afterSeq, false});
    if (isConnected())
        sendSubscribe(run, afterSeq);
}

void RemoteClient::unsubscribe(const QString &run)
{
    if (!m_subs.remove(run))
        return;
    ClientMessage m{ClientMessage::Type::Unsubscribe};
    m.run = run;
    if (isConnected())
        send(m);
}

void RemoteClient::sendSubscribe(const QString &run, qint64 afterSeq)
{
    ClientMessage m{ClientMessage::Type::Subscribe};
    m.run = run;
    m.afterSeq = afterSeq;
    send(m);
}

void RemoteClient::onPingTimer()
{
    if (!isConnected())
        return;
    ++m_missedPongs;
    if (m_missedPongs > m_options.reconnectAfterMissedPongs) {
        m_lastError = tr("no answer to %n ping(s)", nullptr, m_missedPongs - 1);
        m_socket->abort(); // disconnected() follows: reconnect with backoff
        return;
    }
    if (m_missedPongs > m_options.unhealthyAfterMissedPongs)
        setState(State::Unhealthy);
    send({ClientMessage::Type::Ping});
}

void RemoteClient::onText(const QString &text)
{
    const Decoded<ServerMessage> decoded = decodeServerMessage(text.toUtf8());
    if (!decoded.ok()) {
        m_lastError = tr("the server sent something unreadable: %1").arg(decoded.error);
        return;
    }
    handle(*decoded.value);
}

void RemoteClient::handle(const ServerMessage &m)
{
    const int requestId = m.id.isDouble() ? m.id.toInt() : 0;
    switch (m.type) {
    case SType::Welcome:
        m_welcome = m;
        m_attempts = 0;
        m_missedPongs = 0;
        if (m_wasWelcomed)
            ++m_reconnects;
        m_wasWelcomed = true;
        m_ping.start(m_options.pingIntervalMs);
        setState(State::Connected);
        // Resubscribe after the last seq held: nothing lost, nothing twice.
        for (auto it = m_subs.cbegin(); it != m_subs.cend(); ++it) {
            if (!it->done)
                sendSubscribe(it.key(), it->held);
        }
        emit welcomed();
        return;
    case SType::Runs:
        emit runsListed(m.runs);
        return;
    case SType::RunUpdate:
        for (const RunSummary &s : m.runs)
            emit runUpdated(s);
        return;
    case SType::Subscribed:
        if (m_subs.contains(m.run))
            emit subscribed(m.run, m.workflowText, m.runs.value(0));
        return;
    case SType::Events:
        onEvents(m);
        return;
    case SType::Started:
        emit started(requestId, m.run);
        return;
    case SType::Status:
        emit statusReceived(m);
        return;
    case SType::Pong:
        m_missedPongs = 0;
        if (m_state == State::Unhealthy)
            setState(State::Connected);
        emit pong();
        return;
    case SType::Error:
        if (m.code == QLatin1String(Code::Unauthorized)) {
            m_lastError = m.message;
            setState(State::Refused);
        }
        if (!m.run.isEmpty() && m.code == QLatin1String(Code::UnknownRun) && m_subs.remove(m.run))
            emit subscriptionFailed(m.run, m.code, m.message);
        else if (!m.run.isEmpty() && m.code == QLatin1String(Code::TooManySubscriptions)
                 && m_subs.remove(m.run))
            emit subscriptionFailed(m.run, m.code, m.message);
        emit errorReceived(requestId, m);
        return;
    case SType::Bye:
        m_lastError = m.reason;
        emit closedByServer(m.reason);
        return;
    }
}

void RemoteClient::onEvents(const ServerMessage &m)
{
    auto it = m_subs.find(m.run);
    if (it == m_subs.end())
        return;
    RunEvents fresh;
    fresh.reserve(m.events.size());
    for (const RunEvent &e : m.events) {
        if (e.seq <= it->held)
            continue; // already held (a replay overlapping what we had)
        if (e.seq != it->held + 1) {
            // A hole: ask again from what we hold rather than show a run with events missing.
            sendSubscribe(m.run, it->held);
            break;
        }
        it->held = e.seq;
        if (e.kind == EventKind::RunFinished)
            it->done = true;
        fresh.append(e);
    }
    if (!fresh.isEmpty())
        emit events(m.run, fresh);
}

} // namespace Flow::Remote
