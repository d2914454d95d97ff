// A real `flowrun serve` process and real clients on 127.0.0.1. Who may connect and what hostile peers get: authentication, nothing readable before hello,
// malformed and huge frames, a client that stops reading, TLS.
// Every wait is on a signal.
#include "remotefixture.h"

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

class TestRemoteAccess : public QObject, public RemoteFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(init()); }
    void authentication_data();
    void authentication();
    void nothingReadableBeforeHello();
    void malformedFrames_data();
    void malformedFrames();
    void hugeFrameIsRefused();
    void slowClientIsDropped();
    void tls();
};

void TestRemoteAccess::authentication_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("no token") << QString() << false;
    QTest::newRow("wrong token") << QStringLiteral("correct horse battery stapler") << false;
    QTest::newRow("right token") << QStringLiteral("correct horse battery staple") << true;
}

void TestRemoteAccess::authentication()
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
void TestRemoteAccess::nothingReadableBeforeHello()
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

void TestRemoteAccess::malformedFrames_data()
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
void TestRemoteAccess::malformedFrames()
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
void TestRemoteAccess::hugeFrameIsRefused()
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

// A client that completes the handshake, subscribes to a big live run and then never reads: the
// server stops sending to it once its queue is full and drops it, with a reason, when it has read
// nothing for --stall-timeout-s; meanwhile the run goes on and a reading client gets all of it.
void TestRemoteAccess::slowClientIsDropped()
{
    auto server = startServer(0, {QStringLiteral("--max-queued-kb"), QStringLiteral("1024"),
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

// `flowrun serve --cert --key`: a client that trusts the certificate gets welcome over wss://; a
// plain ws:// client on the TLS port fails without a welcome, and the server carries on.
void TestRemoteAccess::tls()
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

QTEST_MAIN(TestRemoteAccess)
#include "tst_remote_access.moc"
