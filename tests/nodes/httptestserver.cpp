#include "httptestserver.h"

#include <QTcpSocket>

namespace Flow::Test {
namespace {

// Parses one complete request from the buffer; false while more bytes are needed.
bool parseRequest(const QByteArray &buffer, HttpTestServer::Request *request)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 2)
        return false;
    request->method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    const qsizetype question = target.indexOf('?');
    request->path = question < 0 ? target : target.left(question);
    request->query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request->headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                    lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request->headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return false;
    request->body = buffer.mid(headerEnd + 4, length);
    return true;
}

} // namespace

HttpTestServer::HttpTestServer()
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpTestServer::accept);
}

HttpTestServer::~HttpTestServer()
{
    // The sockets are children of m_server, which outlives our other members: a socket closing on
    // its way out must not call back into a half-destroyed server.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

bool HttpTestServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QByteArray HttpTestServer::url(const QByteArray &path) const
{
    return "http://127.0.0.1:" + QByteArray::number(m_server.serverPort()) + path;
}

void HttpTestServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_openConnections;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_openConnections;
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void HttpTestServer::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    Request request;
    if (!parseRequest(buffer, &request))
        return;
    buffer.clear();
    m_requests.append(request);
    respond(socket, request);
}

void HttpTestServer::respond(QTcpSocket *socket, const Request &request)
{
    const auto handler = m_handlers.constFind(request.path);
    Response response;
    if (handler == m_handlers.cend()) {
        response.status = 404;
        response.reason = "Not Found";
        response.body = "no handler for " + request.path;
    } else {
        response = (*handler)(request);
    }
    if (response.hang)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
    if (request.method != "HEAD")
        out += response.body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace Flow::Test
