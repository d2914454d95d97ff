// A real `flowrun serve` process and real clients on 127.0.0.1. No event lost or repeated: replay after a seq, reconnect mid-run, twenty clients, the server
// killed and restarted, SIGTERM.
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

class TestRemoteReplay : public QObject, public RemoteFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(init()); }
    void replayAfterSeq();
    void reconnectMidRunGetsEveryEventOnce();
    void twentyClients();
    void serverKilledAndRestarted();
    void sigtermShutsDownGracefully();
};

void TestRemoteReplay::replayAfterSeq()
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

void TestRemoteReplay::reconnectMidRunGetsEveryEventOnce()
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

void TestRemoteReplay::twentyClients()
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

// The server records into a RunStore (--db): killed mid-run and restarted, it finds the run
// `interrupted`, the client reconnects and resubscribes from the seq it holds, and both it and a new
// client end with the stored history, every event once.
void TestRemoteReplay::serverKilledAndRestarted()
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

void TestRemoteReplay::sigtermShutsDownGracefully()
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

QTEST_MAIN(TestRemoteReplay)
#include "tst_remote_replay.moc"
