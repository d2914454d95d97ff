#pragma once

#include "protocol.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace Flow::Remote {

// The client side of docs/protocol.md, for the app and `flowrun watch`: asynchronous (never blocks
// the thread it lives in), healthy by ping/pong, reconnecting with exponential backoff. It keeps the
// last seq it holds of every subscribed run and, after a reconnect, subscribes again after that seq,
// so a subscriber sees every event exactly once however often the connection drops.
class RemoteClient : public QObject
{
    Q_OBJECT

public:
    // Connected: welcomed. Unhealthy: connected, but pongs are missing. Refused: the server said the
    // token is wrong (no retry until open() is called again).
    enum class State : quint8 { Disconnected, Connecting, Connected, Unhealthy, Refused };
    Q_ENUM(State)

    struct Options
    {
        int pingIntervalMs = 3000;
        int unhealthyAfterMissedPongs = 2;
        int reconnectAfterMissedPongs = 4;
        int backoffMinMs = 250; // doubles per failed attempt
        int backoffMaxMs = 15'000;
        bool reconnect = true;
        QString clientName = QStringLiteral("flowstudio");
    };

    explicit RemoteClient(QObject *parent = nullptr);
    ~RemoteClient() override;

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    void setToken(const QString &token) { m_token = token; }
    void setOptions(const Options &options) { m_options = options; }
    // For wss://: e.g. the CA certificates to trust (a server's self-signed one). Default: the system's.
    void setSslConfiguration(const QSslConfiguration &ssl) { m_ssl = ssl; }
    const Options &options() const { return m_options; }

    void open();
    void close();
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected || m_state == State::Unhealthy; }
    QString lastError() const { return m_lastError; }
    const ServerMessage &serverInfo() const { return m_welcome; } // the last welcome
    int reconnects() const { return m_reconnects; }

    // Requests: each returns its id (echoed by the reply), or 0 when not connected.
    int listRuns();
    int start(const QString &workflowYaml, const QVariantMap &params = {});
    int cancel(const QString &run);
    int requestStatus();
    // Follows `run` from after `afterSeq`; kept across reconnects until unsubscribe() or run.finished.
    void subscribe(const QString &run, qint64 afterSeq = 0);
    void unsubscribe(const QString &run);
    qint64 lastSeq(const QString &run) const { return m_subs.value(run).held; }
    // Drops the connection as a network failure would (then reconnects as after one): "Reconnect
    // now" in the app, and tests.
    void abortConnection();
    // Sends raw text: for tests of the server's defences only.
    void sendRaw(const QByteArray &frame);

signals:
    void stateChanged(Flow::Remote::RemoteClient::State state);
    void welcomed();
    void runsListed(const QList<Flow::Remote::RunSummary> &runs);
    void runUpdated(const Flow::Remote::RunSummary &run);
    // Once per subscribe (again after each reconnect): the run's YAML and summary.
    void subscribed(const QString &run, const QString &workflowText, const Flow::Remote::RunSummary &summary);
    // New events of a subscribed run: in seq order, each exactly once.
    void events(const QString &run, const Flow::RunEvents &events);
    void subscriptionFailed(const QString &run, const QString &code, const QString &message);
    void started(int requestId, const QString &run);
    // An error reply (to a request when requestId != 0).
    void errorReceived(int requestId, const Flow::Remote::ServerMessage &error);
    void statusReceived(const Flow::Remote::ServerMessage &status);
    void pong();
    // The server said bye (shutting down) or closed the connection with a reason.
    void closedByServer(const QString &reason);

private:
    struct Subscription
    {
        qint64 held = 0;
        bool done = false; // run.finished received: nothing more to ask for
    };

    void connectSocket();
    void onConnected();
    void onDisconnected();
    void onText(const QString &text);
    void handle(const ServerMessage &m);
    void onEvents(const ServerMessage &m);
    void sendSubscribe(const QString &run, qint64 afterSeq);
    void onPingTimer();
    void setState(State state);
    void scheduleReconnect();
    int send(ClientMessage m);

    QUrl m_url;
    QString m_token;
    Options m_options;
    std::optional<QSslConfiguration> m_ssl;
    QPointer<QWebSocket> m_socket;
    State m_state = State::Disconnected;
    QString m_lastError;
    ServerMessage m_welcome;
    QHash<QString, Subscription> m_subs;
    QTimer m_ping;
    QTimer m_retry;
    int m_missedPongs = 0;
    int m_attempts = 0;
    int m_reconnects = 0;
    int m_nextId = 1;
    bool m_wanted = false; // open() was called and close() was not
    bool m_wasWelcomed = false;
};

} // namespace Flow::Remote
