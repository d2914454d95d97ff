#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

namespace Flow::Test {

// A small real HTTP/1.1 server on 127.0.0.1 (random port) for http.request tests: one request per
// connection, answered by a handler per path. Lives on the test's thread, so the test must keep
// its event loop turning (QTRY_*) while a node talks to it from another thread.
class HttpTestServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray path;                      // without the query
        QByteArray query;                     // raw, without '?'
        QMap<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QByteArray reason = "OK";
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool hang = false; // never answer (for cancel and timeout tests)
    };
    using Handler = std::function<Response(const Request &)>;

    HttpTestServer();
    ~HttpTestServer() override;
    bool listen();
    QByteArray url(const QByteArray &path) const;
    void handle(const QByteArray &path, Handler handler) { m_handlers.insert(path, std::move(handler)); }

    QList<Request> requests() const { return m_requests; }
    int openConnections() const { return m_openConnections; }

private:
    void accept();
    void readFrom(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Request &request);

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_handlers;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    int m_openConnections = 0;
};

} // namespace Flow::Test
