// A real `flowrun serve` process and real clients on 127.0.0.1. Driving runs: validation errors with line:col, cancel, the app's RemoteRunSource, `flowrun watch`.
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

class TestRemoteRuns : public QObject, public RemoteFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(init()); }
    void invalidWorkflowHasLineAndColumn();
    void cancelFromClient();
    void remoteRunSourceShowsTheRun();
    void watchCommand();
};

void TestRemoteRuns::invalidWorkflowHasLineAndColumn()
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

void TestRemoteRuns::cancelFromClient()
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

void TestRemoteRuns::remoteRunSourceShowsTheRun()
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

void TestRemoteRuns::watchCommand()
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

QTEST_MAIN(TestRemoteRuns)
#include "tst_remote_runs.moc"
