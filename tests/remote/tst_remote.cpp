// A real `flowrun serve` process and real clients on 127.0.0.1: authentication, replay, reconnects,
// many clients, hostile frames, cancel, restart and shutdown. Every wait is on a signal.
#include "serverprocess.h"

#include "remote/protocol.h"
#include "remote/remoteclient.h"
#include "remote/remoterunsource.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <memory>

using namespace Flow;
using namespace Flow::Remote;

namespace {

constexpr int Wait = 20000;

// Prints `before` lines, waits until the file `go` exists in the working directory, prints `after`.
QString gateWorkflow(int before = 20, int after = 30)
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

// What one client received of one run.
struct Collector
{
    RunEvents events;
    bool finished() const { return !events.isEmpty() && events.constLast().kind == EventKind::RunFinished; }
    // 1..n, each once, in order.
    bool complete() const
    {
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (events.at(i).seq != i + 1)
                return false;
        }
        return finished();
    }
};

} // namespace

namespace {

// A WebSocket client on a bare TCP socket: it says hello and subscribes like any client, then never
// reads again, as a stuck or hostile peer would.
class StuckClient
{
public:
    bool open(const QUrl &url)
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
    // One masked text frame (clients must mask).
    void send(const QByteArray &text)
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
    // Stops reading: the kernel's buffers fill, then the server's queue for it grows.
    void stopReading()
    {
        m_socket.setReadBufferSize(1);
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    }

private:
    QTcpSocket m_socket;
};

} // namespace

class TestRemote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void authentication_data();
    void authentication();
    void nothingReadableBeforeHello();
    void replayAfterSeq();
    void reconnectMidRunGetsEveryEventOnce();
    void twentyClients();
    void malformedFrames_data();
    void malformedFrames();
    void hugeFrameIsRefused();
    void invalidWorkflowHasLineAndColumn();
    void cancelFromClient();
    void remoteRunSourceShowsTheRun();
    void serverKilledAndRestarted();
    void sigtermShutsDownGracefully();
    void watchCommand();
    void slowClientIsDropped();
    void tls();

private:
    std::unique_ptr<ServerProcess> startServer(quint16 port = 0, QStringList extra = {});
    std::unique_ptr<RemoteClient> connectClient(const QUrl &url, const QString &token = {});
    QString startRun(RemoteClient &client, const QString &yaml);
    void open() { QVERIFY(QFile(m_dir.filePath("go")).open(QIODevice::WriteOnly)); }

    QTemporaryDir m_dir;
    QString m_tokenFile;
    int m_servers = 0;
};

void TestRemote::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_tokenFile = m_dir.filePath(QStringLiteral("token"));
    QFile token(m_tokenFile);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("correct horse battery staple\n");
    token.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

std::unique_ptr<ServerProcess> TestRemote::startServer(quint16 port, QStringList extra)
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

std::unique_ptr<RemoteClient> TestRemote::connectClient(const QUrl &url, const QString &token)
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

QString TestRemote::startRun(RemoteClient &client, const QString &yaml)
{
    QSignalSpy started(&client, &RemoteClient::started);
    const int id = client.start(yaml);
    if (id == 0 || !started.wait(Wait) || started.first().at(0).toInt() != id)
        return {};
    return started.first().at(1).toString();
}

void TestRemote::authentication_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("no token") << QString() << false;
    QTest::newRow("wrong token") << QStringLiteral("correct horse battery stapler") << false;
    QTest::newRow("right token") << QStringLiteral("correct horse battery staple") << true;
}

void TestRemote::authentication()
{
    QFETCH(QString, token);
    QFETCH(bool, accepted);
    auto server = startServer(0, {QStringLiteral("--token-file"), m_tokenFile});
    QVERIFY(server);
    RemoteClient client;
    client.setUrl(server->url());
    client.setToken(token);
    QSignalSpy states(&client, &RemoteClient::stateChanged);
    QSignalSpy welcomed(&client, &RemoteClient::welcomed);
    QSignalSpy errors(&client, &RemoteClient::errorReceived);
    client.open();
    if (accepted) {
        QVERIFY(welcomed.wait(Wait));
        QCOMPARE(client.state(), RemoteClient::State::Connected);
        QCOMPARE(client.serverInfo().version, QStringLiteral(FLOW_VERSION));
        QVERIFY(errors.isEmpty());
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), RemoteClient::State::Refused, Wait);
        QVERIFY(welcomed.isEmpty());
        QCOMPARE(errors.first().at(1).value<ServerMessage>().code, QLatin1String(Code::Unauthorized));
    }
}

// A raw socket that asks for data before hello gets one error and a closed connection: no runs.
void TestRemote::nothingReadableBeforeHello()
{
    auto server = startServer(0, {QStringLiteral("--token-file"), m_tokenFile});
    QVERIFY(server);
    // A run exists (started by an authenticated client), so there would be something to leak.
    auto owner = connectClient(server->url(), QStringLiteral("correct horse battery staple"));
    QVERIFY(owner);
    QVERIFY(!startRun(*owner, linesWorkflow(3)).isEmpty());

    QWebSocket raw;
    QStringList received;
    connect(&raw, &QWebSocket::textMessageReceived, this, [&](const QString &t) { received << t; });
    connect(&raw, &QWebSocket::binaryMessageReceived, this,
            [&](const QByteArray &b) { received << QString::fromUtf8(b); });
    QSignalSpy connected(&raw, &QWebSocket::connected);
    QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
    raw.open(server->url());
    QVERIFY(connected.wait(Wait));
    raw.sendTextMessage(QStringLiteral(R"({"v":1,"type":"list_runs"})"));
    raw.sendTextMessage(QStringLiteral(R"({"v":1,"type":"status"})"));
    QVERIFY(disconnected.wait(Wait));
    QCOMPARE(received.size(), 2); // the error, then bye
    const Decoded<ServerMessage> first = decodeServerMessage(received.first().toUtf8());
    QVERIFY(first.ok());
    QCOMPARE(first.value->type, ServerMessage::Type::Error);
    QCOMPARE(first.value->code, QLatin1String(Code::Unauthorized));
    QCOMPARE(decodeServerMessage(received.last().toUtf8()).value->type, ServerMessage::Type::Bye);
    QCOMPARE(int(raw.closeCode()), 4001);
}

void TestRemote::replayAfterSeq()
{
    auto server = startServer();
    QVERIFY(server);
    auto a = connectClient(server->url());
    QVERIFY(a);
    const QString run = startRun(*a, linesWorkflow(50));
    QVERIFY(!run.isEmpty());
    Collector all;
    connect(a.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { all.events += e; });
    a->subscribe(run, 0);
    QTRY_VERIFY_WITH_TIMEOUT(all.finished(), Wait);
    QVERIFY(all.complete());

    // A second client that holds seq 1..10 asks for the rest: it gets 11..last and nothing else.
    auto b = connectClient(server->url());
    QVERIFY(b);
    Collector rest;
    connect(b.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { rest.events += e; });
    b->subscribe(run, 10);
    QTRY_VERIFY_WITH_TIMEOUT(rest.finished(), Wait);
    QCOMPARE(rest.events, all.events.mid(10));
}

void TestRemote::reconnectMidRunGetsEveryEventOnce()
{
    auto server = startServer();
    QVERIFY(server);
    auto steady = connectClient(server->url());
    auto flaky = connectClient(server->url());
    QVERIFY(steady && flaky);
    const QString run = startRun(*steady, gateWorkflow(40, 400));
    QVERIFY(!run.isEmpty());
    Collector s, f;
    connect(steady.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { s.events += e; });
    connect(flaky.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { f.events += e; });
    steady->subscribe(run, 0);
    flaky->subscribe(run, 0);
    // Mid-run: the gate node is waiting, the flaky client has what there is so far.
    QTRY_VERIFY_WITH_TIMEOUT(f.events.size() > 40, Wait);
    QSignalSpy rewelcomed(flaky.get(), &RemoteClient::welcomed);
    flaky->abortConnection();
    open(); // the run goes on while the client is away
    QVERIFY(rewelcomed.wait(Wait));
    QCOMPARE(flaky->reconnects(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(s.finished() && f.finished(), Wait);
    QVERIFY(s.complete());
    QVERIFY(f.complete());
    QCOMPARE(f.events, s.events);
    QVERIFY(s.events.size() > 440);
}

void TestRemote::twentyClients()
{
    auto server = startServer();
    QVERIFY(server);
    std::vector<std::unique_ptr<RemoteClient>> clients;
    std::vector<Collector> got(20);
    for (int i = 0; i < 20; ++i) {
        clients.push_back(connectClient(server->url()));
        QVERIFY(clients.back());
    }
    const QString run = startRun(*clients.front(), gateWorkflow(10, 2000));
    QVERIFY(!run.isEmpty());
    for (int i = 0; i < 20; ++i) {
        connect(clients[size_t(i)].get(), &RemoteClient::events, this,
                [&got, i](const QString &, const RunEvents &e) { got[size_t(i)].events += e; });
        clients[size_t(i)]->subscribe(run, 0);
    }
    open();
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(got.begin(), got.end(), [](const Collector &c) { return c.finished(); }), Wait * 2);
    for (const Collector &c : got) {
        QVERIFY(c.complete());
        QCOMPARE(c.events, got.front().events);
    }
    QSignalSpy status(clients.front().get(), &RemoteClient::statusReceived);
    clients.front()->requestStatus();
    QVERIFY(status.wait(Wait));
    QCOMPARE(status.first().first().value<ServerMessage>().clients, 20);
}

void TestRemote::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QString>("code");
    QByteArray random(4096, Qt::Uninitialized);
    QRandomGenerator generator(7);
    for (char &c : random)
        c = char(generator.bounded(256));
    QByteArray printable = random.toBase64();
    QTest::newRow("random bytes (binary)") << random << true << QString(Code::BinaryFrame);
    QTest::newRow("random text") << printable << false << QString(Code::BadMessage);
    QTest::newRow("wrong types") << QByteArray(R"({"v":1,"type":"subscribe","run":["a"],"after_seq":"x"})")
                                 << false << QString(Code::BadMessage);
    QTest::newRow("start without workflow")
        << QByteArray(R"({"v":1,"type":"start","params":{}})") << false << QString(Code::BadMessage);
    QTest::newRow("unknown type") << QByteArray(R"({"v":1,"type":"shell","command":"rm -rf /"})") << false
                                  << QString(Code::UnknownType);
    QTest::newRow("version 2") << QByteArray(R"({"v":2,"type":"ping"})") << false
                               << QString(Code::BadVersion);
    QTest::newRow("deep nesting") << QByteArray(5000, '[') << false << QString(Code::BadMessage);
    QTest::newRow("unknown run") << QByteArray(R"({"v":1,"type":"subscribe","run":"nope"})") << false
                                 << QString(Code::UnknownRun);
    QTest::newRow("cancel unknown run")
        << QByteArray(R"({"v":1,"type":"cancel","run":"nope"})") << false << QString(Code::UnknownRun);
}

// Each bad frame gets an error reply, and the connection still answers pings afterwards.
void TestRemote::malformedFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, binary);
    QFETCH(QString, code);
    static std::unique_ptr<ServerProcess> server; // one server for every row: it must survive them all
    if (!server)
        server = startServer();
    QVERIFY(server);
    auto client = connectClient(server->url());
    QVERIFY(client);
    QWebSocket raw;
    QStringList received;
    connect(&raw, &QWebSocket::textMessageReceived, this, [&](const QString &t) { received << t; });
    QSignalSpy connected(&raw, &QWebSocket::connected);
    raw.open(server->url());
    QVERIFY(connected.wait(Wait));
    raw.sendTextMessage(QStringLiteral(R"({"v":1,"type":"hello"})"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, Wait);
    if (binary)
        raw.sendBinaryMessage(frame);
    else
        raw.sendTextMessage(QString::fromUtf8(frame));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, Wait);
    const Decoded<ServerMessage> reply = decodeServerMessage(received.at(1).toUtf8());
    QVERIFY(reply.ok());
    QCOMPARE(reply.value->type, ServerMessage::Type::Error);
    QCOMPARE(reply.value->code, code);
    raw.sendTextMessage(QStringLiteral(R"({"v":1,"type":"ping","id":"after"})"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, Wait);
    QCOMPARE(decodeServerMessage(received.at(2).toUtf8()).value->type, ServerMessage::Type::Pong);
    QSignalSpy pong(client.get(), &RemoteClient::pong);
    client->sendRaw(encode(ClientMessage{ClientMessage::Type::Ping}));
    QVERIFY(pong.wait(Wait));
    if (QTest::currentDataTag() == QLatin1String("cancel unknown run"))
        server.reset(); // the last row
}

// One 100 MB frame: refused by its header (the server never holds it), the server carries on.
void TestRemote::hugeFrameIsRefused()
{
    auto server = startServer();
    QVERIFY(server);
    QWebSocket raw;
    QSignalSpy connected(&raw, &QWebSocket::connected);
    QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
    raw.open(server->url());
    QVERIFY(connected.wait(Wait));
    // Growth, not an absolute figure: a sanitizer build starts several times bigger.
    const qint64 before = server->peakRssKb();
    QVERIFY(before > 0);
    raw.setOutgoingFrameSize(quint64(200) << 20);
    raw.sendBinaryMessage(QByteArray(100 << 20, 'x'));
    QVERIFY(disconnected.wait(Wait));
    // 1009 when the close frame gets through, else an abnormal close: never a normal one.
    QVERIFY(raw.closeCode() != QWebSocketProtocol::CloseCodeNormal);
    auto client = connectClient(server->url());
    QVERIFY(client);
    QSignalSpy status(client.get(), &RemoteClient::statusReceived);
    client->requestStatus();
    QVERIFY(status.wait(Wait));
    const qint64 growth = server->peakRssKb() - before;
    QVERIFY2(growth < 40 * 1024, qPrintable(QStringLiteral("peak RSS grew by %1 kB").arg(growth)));
}

void TestRemote::invalidWorkflowHasLineAndColumn()
{
    auto server = startServer();
    QVERIFY(server);
    auto client = connectClient(server->url());
    QVERIFY(client);
    QSignalSpy errors(client.get(), &RemoteClient::errorReceived);
    const int id
        = client->start(QStringLiteral("flowstudio: 1\nname: Bad\nnodes:\n  a:\n    type: no.such.type\n"));
    QVERIFY(errors.wait(Wait));
    QCOMPARE(errors.first().at(0).toInt(), id);
    const ServerMessage error = errors.first().at(1).value<ServerMessage>();
    QCOMPARE(error.code, QLatin1String(Code::InvalidWorkflow));
    QVERIFY(!error.diagnostics.isEmpty());
    QCOMPARE(error.diagnostics.first().line, 5);
    QVERIFY(error.diagnostics.first().column > 0);
}

void TestRemote::cancelFromClient()
{
    auto server = startServer();
    QVERIFY(server);
    auto client = connectClient(server->url());
    QVERIFY(client);
    const QString run = startRun(*client, gateWorkflow(5, 5));
    QVERIFY(!run.isEmpty());
    Collector c;
    connect(client.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { c.events += e; });
    client->subscribe(run, 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(c.events.cbegin(), c.events.cend(),
                    [](const RunEvent &e) { return e.node == u"gate" && e.kind == EventKind::NodeStarted; }),
        Wait);
    client->cancel(run);
    QTRY_VERIFY_WITH_TIMEOUT(c.finished(), Wait);
    QVERIFY(c.complete());
    QCOMPARE(c.events.constLast().data.value("status").toString(), QStringLiteral("cancelled"));
    // Cancelling again: the run has finished.
    QSignalSpy errors(client.get(), &RemoteClient::errorReceived);
    client->cancel(run);
    QVERIFY(errors.wait(Wait));
    QCOMPARE(errors.first().at(1).value<ServerMessage>().code, QLatin1String(Code::NotRunning));
}

void TestRemote::remoteRunSourceShowsTheRun()
{
    auto server = startServer();
    QVERIFY(server);
    auto client = connectClient(server->url());
    QVERIFY(client);
    const QString run = startRun(*client, gateWorkflow(5, 5));
    RemoteRunSource source(client.get(), run);
    QSignalSpy ready(&source, &RemoteRunSource::ready);
    QVERIFY(ready.wait(Wait));
    QVERIFY(source.workflowText().contains(QStringLiteral("name: Gate")));
    QCOMPARE(source.origin(), RunSource::Origin::Remote);
    RunEvents delivered;
    connect(&source, &RunSource::events, this, [&](const RunEvents &e) { delivered += e; });
    QSignalSpy finished(&source, &RunSource::finished);
    source.start();
    QTRY_VERIFY_WITH_TIMEOUT(source.canStop(), Wait);
    source.stop(); // Stop in the app cancels the run on the server
    QVERIFY(finished.wait(Wait));
    QCOMPARE(finished.first().first().value<RunStatus>(), RunStatus::Cancelled);
    QCOMPARE(delivered.constFirst().seq, qint64(1));
    QCOMPARE(delivered.constLast().kind, EventKind::RunFinished);
}

// The server records into a RunStore (--db): killed mid-run and restarted, it finds the run
// `interrupted`, the client reconnects and resubscribes from the seq it holds, and both it and a new
// client end with the stored history, every event once.
void TestRemote::serverKilledAndRestarted()
{
    const QString db = m_dir.filePath(QStringLiteral("restart.db"));
    auto server = startServer(0, {QStringLiteral("--db"), db});
    QVERIFY(server);
    const quint16 port = server->port();
    auto client = connectClient(server->url());
    QVERIFY(client);
    const QString run = startRun(*client, gateWorkflow(20, 5));
    Collector c;
    connect(client.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { c.events += e; });
    client->subscribe(run, 0);
    QTRY_VERIFY_WITH_TIMEOUT(c.events.size() > 20, Wait);
    server->kill();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), RemoteClient::State::Disconnected, Wait);
    const qint64 held = client->lastSeq(run);
    QCOMPARE(held, c.events.constLast().seq);

    // The spies first: the client may reconnect while the new server is still starting.
    QSignalSpy lost(client.get(), &RemoteClient::subscriptionFailed);
    QSignalSpy resubscribed(client.get(), &RemoteClient::subscribed);
    auto restarted = startServer(port, {QStringLiteral("--db"), db});
    QVERIFY(restarted);
    QTRY_VERIFY_WITH_TIMEOUT(!resubscribed.isEmpty(), Wait); // reconnected by itself, with backoff
    QVERIFY(lost.isEmpty());
    const auto summary = resubscribed.first().at(2).value<RunSummary>();
    QCOMPARE(summary.run, run);
    QCOMPARE(summary.status, QStringLiteral("interrupted"));
    QCOMPARE(summary.workflow, QStringLiteral("Gate"));
    QVERIFY(summary.lastSeq > 0);
    const qint64 total = std::max(held, summary.lastSeq);
    QTRY_COMPARE_WITH_TIMEOUT(c.events.size(), total, Wait);
    for (qsizetype i = 0; i < c.events.size(); ++i)
        QCOMPARE(c.events.at(i).seq, qint64(i + 1)); // no hole, no duplicate across the restart

    // A new client replays the stored run from the start: exactly what was committed, once each.
    auto fresh = connectClient(restarted->url());
    QVERIFY(fresh);
    Collector f;
    connect(fresh.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { f.events += e; });
    fresh->subscribe(run, 0);
    QTRY_COMPARE_WITH_TIMEOUT(f.events.size(), summary.lastSeq, Wait);
    for (qsizetype i = 0; i < f.events.size(); ++i) {
        QCOMPARE(f.events.at(i).seq, qint64(i + 1));
        QCOMPARE(f.events.at(i).kind, c.events.at(i).kind);
    }
    QVERIFY2(restarted->log().contains(QStringLiteral("(1 runs)")), qPrintable(restarted->log()));
}

void TestRemote::sigtermShutsDownGracefully()
{
    auto server = startServer();
    QVERIFY(server);
    auto client = connectClient(server->url());
    QVERIFY(client);
    const QString run = startRun(*client, gateWorkflow(5, 5));
    Collector c;
    connect(client.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { c.events += e; });
    QSignalSpy bye(client.get(), &RemoteClient::closedByServer);
    client->subscribe(run, 0);
    QTRY_VERIFY_WITH_TIMEOUT(c.events.size() > 5, Wait);
    QCOMPARE(server->terminate(), 0);
    QVERIFY(c.complete()); // the run was cancelled and its end reached the client before bye
    QCOMPARE(c.events.constLast().data.value("status").toString(), QStringLiteral("cancelled"));
    QTRY_VERIFY_WITH_TIMEOUT(!bye.isEmpty(), Wait);
    QVERIFY(bye.first().first().toString().contains(QStringLiteral("SIGTERM")));
    const QString log = server->log();
    QVERIFY2(log.contains(QStringLiteral("run %1 (Gate) cancelled").arg(run)), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("(tst_remote) authenticated")), qPrintable(log));
}

void TestRemote::watchCommand()
{
    auto server = startServer();
    QVERIFY(server);
    const QString file = m_dir.filePath(QStringLiteral("lines.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(linesWorkflow(25).toUtf8());
    }
    auto watch = [&](const QStringList &args, int expectedExit) -> QByteArray {
        QProcess p;
        p.start(QStringLiteral(FLOWRUN_PATH), QStringList{QStringLiteral("watch")} + args);
        QSignalSpy finished(&p, &QProcess::finished);
        if (!finished.wait(Wait))
            return QByteArray("timeout");
        if (p.exitCode() != expectedExit)
            return QByteArray("exit ") + QByteArray::number(p.exitCode()) + ": " + p.readAllStandardError();
        return p.readAllStandardOutput();
    };
    const QString url = server->url().toString();
    const QByteArray started = watch({url, QStringLiteral("--start"), file}, 0);
    QVERIFY2(started.contains("run succeeded"), started.constData());
    const QByteArray list = watch({url, QStringLiteral("--json")}, 0);
    QVERIFY2(list.contains(R"("status":"succeeded")"), list.constData());
    const QString run = QJsonDocument::fromJson(list.split('\n').first()).object().value("run").toString();
    QVERIFY(!run.isEmpty());
    const QByteArray ndjson
        = watch({url, run, QStringLiteral("--json"), QStringLiteral("--after"), QStringLiteral("2")}, 0);
    const QList<QByteArray> lines = ndjson.trimmed().split('\n');
    QCOMPARE(RunEvent::fromJsonLine(lines.first())->seq, qint64(3));
    QCOMPARE(RunEvent::fromJsonLine(lines.last())->kind, EventKind::RunFinished);
    QVERIFY(watch({url, QStringLiteral("no-such-run")}, 2).isEmpty());
}

// A client that completes the handshake, subscribes to a big live run and then never reads: the
// server stops sending to it once its queue is full and drops it, with a reason, when it has read
// nothing for --stall-timeout-s; meanwhile the run goes on and a reading client gets all of it.
void TestRemote::slowClientIsDropped()
{
    auto server = startServer(0, {QStringLiteral("--max-queued-kb"), QStringLiteral("2048"),
                                  QStringLiteral("--stall-timeout-s"), QStringLiteral("2")});
    QVERIFY(server);
    auto reader = connectClient(server->url());
    QVERIFY(reader);
    // 100,000 lines (~15 MB of frames: more than the kernel's buffers hold), then a gate.
    const QString run = startRun(*reader, gateWorkflow(100'000, 100));
    QVERIFY(!run.isEmpty());
    StuckClient stuck;
    QVERIFY(stuck.open(server->url()));
    stuck.send(R"({"v":1,"type":"hello","client":"stuck"})");
    stuck.send(QStringLiteral(R"({"v":1,"type":"subscribe","run":"%1","after_seq":0})").arg(run).toUtf8());
    stuck.stopReading();
    Collector got;
    connect(reader.get(), &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { got.events += e; });
    reader->subscribe(run, 0);
    // Dropped while the run is still going (the gate holds it): the run never waited for it.
    QTRY_VERIFY_WITH_TIMEOUT(server->log().contains(QStringLiteral("(stuck) authenticated")), Wait * 2);
    QVERIFY2(server->log().contains(QStringLiteral("too slow")), qPrintable(server->log()));
    QVERIFY(!got.finished());
    open();
    QTRY_VERIFY2_WITH_TIMEOUT(
        got.finished(), qPrintable(QStringLiteral("%1 events; %2").arg(got.events.size()).arg(server->log())),
        Wait * 3);
    QVERIFY(got.complete());
    QCOMPARE(got.events.constLast().data.value("status").toString(), QStringLiteral("succeeded"));
    QSignalSpy status(reader.get(), &RemoteClient::statusReceived);
    reader->requestStatus();
    QVERIFY(status.wait(Wait));
    QCOMPARE(status.first().first().value<ServerMessage>().clients, 1);
}

namespace {

// A self-signed certificate for 127.0.0.1 made by openssl, in `dir`; empty when openssl is missing.
bool makeCertificate(const QString &dir)
{
    QProcess openssl;
    openssl.setWorkingDirectory(dir);
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                   "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    if (!openssl.waitForStarted(10000))
        return false;
    QSignalSpy finished(&openssl, &QProcess::finished);
    return (openssl.state() == QProcess::NotRunning || finished.wait(60000)) && openssl.exitCode() == 0
           && QFile::exists(dir + QStringLiteral("/cert.pem"));
}

} // namespace

// `flowrun serve --cert --key`: a client that trusts the certificate gets welcome over wss://; a
// plain ws:// client on the TLS port fails without a welcome, and the server carries on.
void TestRemote::tls()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QTemporaryDir certs;
    if (!makeCertificate(certs.path()))
        QSKIP("openssl cannot make a test certificate");
    auto server = startServer(0, {QStringLiteral("--cert"), certs.filePath("cert.pem"),
                                  QStringLiteral("--key"), certs.filePath("key.pem")});
    QVERIFY(server);
    QCOMPARE(server->url().scheme(), QStringLiteral("wss"));

    QUrl plainUrl = server->url();
    plainUrl.setScheme(QStringLiteral("ws"));
    RemoteClient plain;
    RemoteClient::Options noRetry;
    noRetry.reconnect = false;
    plain.setOptions(noRetry);
    plain.setUrl(plainUrl);
    QSignalSpy plainWelcomed(&plain, &RemoteClient::welcomed);
    QSignalSpy plainStates(&plain, &RemoteClient::stateChanged);
    plain.open();
    QTRY_COMPARE_WITH_TIMEOUT(plain.state(), RemoteClient::State::Disconnected, Wait);
    QVERIFY(plainWelcomed.isEmpty());

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromPath(certs.filePath("cert.pem")));
    RemoteClient secure;
    secure.setUrl(server->url());
    secure.setSslConfiguration(ssl);
    QSignalSpy welcomed(&secure, &RemoteClient::welcomed);
    secure.open();
    QVERIFY(welcomed.wait(Wait));
    QCOMPARE(secure.serverInfo().version, QStringLiteral(FLOW_VERSION));
    const QString run = startRun(secure, linesWorkflow(20));
    QVERIFY(!run.isEmpty());
    Collector got;
    connect(&secure, &RemoteClient::events, this,
            [&](const QString &, const RunEvents &e) { got.events += e; });
    secure.subscribe(run, 0);
    QTRY_VERIFY_WITH_TIMEOUT(got.finished(), Wait);
    QVERIFY(got.complete());
}

QTEST_MAIN(TestRemote)
#include "tst_remote.moc"
