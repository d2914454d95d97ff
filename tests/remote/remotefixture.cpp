#include "remotefixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Flow;
using namespace Flow::Remote;

// Prints `before` lines, waits until the file `go` exists in the working directory, prints `after`.
QString gateWorkflow(int before, int after)
{
    return QStringLiteral("flowstudio: 1\n"
                          "name: Gate\n"
                          "nodes:\n"
                          "  first:\n"
                          "    type: shell.exec\n"
                          "    config: {command: \"seq 1 %1\"}\n"
                          "  gate:\n"
                          "    type: shell.exec\n"
                          "    after: [first]\n"
                          "    config: {command: \"while [ ! -e go ]; do sleep 0.02; done; seq 1 %2\"}\n")
        .arg(before)
        .arg(after);
}

QString linesWorkflow(int lines)
{
    return QStringLiteral("flowstudio: 1\nname: Lines\nnodes:\n  print:\n    type: shell.exec\n"
                          "    config: {command: \"seq 1 %1\"}\n")
        .arg(lines);
}


bool Collector::complete() const
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events.at(i).seq != i + 1)
            return false;
    }
    return finished();
}
namespace {
constexpr int Wait = RemoteFixture::Wait;
} // namespace

bool StuckClient::open(const QUrl &url)
{
    QSignalSpy connected(&m_socket, &QTcpSocket::connected);
    m_socket.connectToHost(url.host(), quint16(url.port()));
    if (!connected.wait(Wait))
        return false;
    m_socket.write(QStringLiteral("GET / HTTP/1.1\r\nHost: %1:%2\r\nUpgrade: websocket\r\n"
                                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Sec-WebSocket-Version: 13\r\n\r\n")
                       .arg(url.host())
                       .arg(url.port())
                       .toLatin1());
    // The server says nothing more before hello, so everything read here is the reply.
    QByteArray reply;
    QSignalSpy readable(&m_socket, &QTcpSocket::readyRead);
    while (!reply.contains("\r\n\r\n")) {
        if (!m_socket.bytesAvailable() && !readable.wait(Wait))
            return false;
        reply += m_socket.readAll();
    }
    return reply.startsWith("HTTP/1.1 101");
}

void StuckClient::send(const QByteArray &text)
{
    QByteArray frame(1, char(0x81));
    if (text.size() < 126) {
        frame += char(0x80 | text.size());
    } else {
        frame += char(0x80 | 126);
        frame += char(text.size() >> 8);
        frame += char(text.size() & 0xff);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < text.size(); ++i)
        frame += char(text.at(i) ^ mask[i % 4]);
    m_socket.write(frame);
    m_socket.flush();
}

void StuckClient::stopReading()
{
    m_socket.setReadBufferSize(1);
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
}

bool RemoteFixture::init()
{
    if (!m_dir.isValid())
        return false;
    m_tokenFile = m_dir.filePath(QStringLiteral("token"));
    QFile token(m_tokenFile);
    if (!token.open(QIODevice::WriteOnly))
        return false;
    token.write("correct horse battery staple\n");
    return token.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void RemoteFixture::open()
{
    QVERIFY(QFile(m_dir.filePath("go")).open(QIODevice::WriteOnly));
}

std::unique_ptr<ServerProcess> RemoteFixture::startServer(quint16 port, QStringList extra)
{
    auto server = std::make_unique<ServerProcess>();
    QFile::remove(m_dir.filePath("go"));
    extra << QStringLiteral("--workflows") << m_dir.path();
    // Each server its own history unless the test shares one (restart): no test sees another's runs.
    if (!extra.contains(QStringLiteral("--db")))
        extra << QStringLiteral("--db") << m_dir.filePath(QStringLiteral("server%1.db").arg(++m_servers));
    if (!server->start(port, extra))
        return nullptr;
    return server;
}

std::unique_ptr<RemoteClient> RemoteFixture::connectClient(const QUrl &url, const QString &token)
{
    auto client = std::make_unique<RemoteClient>();
    RemoteClient::Options options;
    options.backoffMinMs = 50;
    options.backoffMaxMs = 400;
    options.clientName = QStringLiteral("tst_remote");
    client->setOptions(options);
    client->setUrl(url);
    client->setToken(token);
    QSignalSpy welcomed(client.get(), &RemoteClient::welcomed);
    client->open();
    if (!welcomed.wait(Wait))
        return nullptr;
    return client;
}

QString RemoteFixture::startRun(RemoteClient &client, const QString &yaml)
{
    QSignalSpy started(&client, &RemoteClient::started);
    const int id = client.start(yaml);
    if (id == 0 || !started.wait(Wait) || started.first().at(0).toInt() != id)
        return {};
    return started.first().at(1).toString();
}
