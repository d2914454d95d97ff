#pragma once

#include "protocol.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace Flow::Remote {

class RemoteServer;

// One client of a RemoteServer: its authentication, its subscriptions and its bounded outgoing
// queue. A subscription first replays from the archive (a chunk at a time, as the socket drains),
// then takes the live batches: `sent` is the last seq sent, so nothing is sent twice or skipped.
class ServerConnection : public QObject
{
    Q_OBJECT

public:
    ServerConnection(QWebSocket *socket, RemoteServer *server);
    ~ServerConnection() override;

    // Events first..last of a live run, already archived; `frame` is their encoded events message.
    void deliverLive(const QString &runId, qint64 first, qint64 last, const QString &frame);
    void notifyRunUpdate(const RunSummary &summary);
    // Sends bye{reason} and closes.
    void closeWith(const QString &reason, int code = 1001);

signals:
    void closed(Flow::Remote::ServerConnection *self);

private:
    struct Subscription
    {
        qint64 sent = 0;
        bool live = false; // caught up with the archive: takes live batches
    };

    void onText(const QString &text);
    void onBinary(const QByteArray &bytes);
    void handle(const ClientMessage &m);
    void subscribe(const ClientMessage &m);
    void pump();
    bool send(const ServerMessage &m);
    bool sendFrame(const QString &frame);
    void refuse(const QString &code, const QString &message, const QJsonValue &id = {});
    void onDisconnected();
    void dropAsSlow(const QString &reason);

    QWebSocket *m_socket;
    RemoteServer *m_server;
    QString m_peer;
    QString m_name;
    QString m_closeReason;
    QHash<QString, Subscription> m_subs;
    QTimer m_helloTimer;
    QTimer m_stallTimer;
    QElapsedTimer m_lastDrain;
    QElapsedTimer m_age;
    qint64 m_eventsSent = 0;
    bool m_authenticated = false;
    bool m_listsRuns = false;
    bool m_closing = false;
    bool m_pumping = false;
};

} // namespace Flow::Remote
