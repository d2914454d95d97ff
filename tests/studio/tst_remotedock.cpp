// The Remote dock against a real `flowrun serve` on 127.0.0.1: "Run on Server" sends the editor's
// workflow, the run opens in the run views like a local one, and Stop (the run panel's) cancels it
// on the server.
#include "filecontroller.h"
#include "mainwindow.h"
#include "remotedock.h"
#include "runworkbench.h"
#include "serverprocess.h"
#include "studiotestutil.h"

#include "remote/remoteclient.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;
using namespace Flow::Studio;

class TestRemoteDock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void runOnServerAndStop();
};

void TestRemoteDock::runOnServerAndStop()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY(server.start(0, {QStringLiteral("--workflows"), dir.path(), QStringLiteral("--db"),
                             dir.filePath(QStringLiteral("server.db"))}));
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    window.show();
    const QString path = dir.filePath(QStringLiteral("flow.yaml"));
    QVERIFY(StudioTest::writeFile(path, "flowstudio: 1\nname: Long\nnodes:\n  wait:\n    type: shell.exec\n"
                                        "    config: {command: \"echo started; sleep 60\"}\n"));
    QVERIFY(window.files()->openFile(path));

    RemoteDock *dock = window.remoteDock();
    dock->addServer(QStringLiteral("test"), server.url(), {});
    const int index = dock->serverCount() - 1;
    QTRY_VERIFY_WITH_TIMEOUT(dock->client(index)->isConnected(), 20000);

    QSignalSpy opened(dock, &RemoteDock::runOpened);
    QVERIFY(dock->runOnServer(index));
    QVERIFY(opened.wait(20000));
    RunWorkbench *runs = window.runs();
    // Shown like a local run: the Stop action of the run views is live for it.
    QTRY_VERIFY_WITH_TIMEOUT(runs->stopAction()->isEnabled(), 20000);
    QSignalSpy finished(runs, &RunWorkbench::runFinished);
    runs->stopAction()->trigger();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().value<RunStatus>(), RunStatus::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(server.log().contains(QStringLiteral("(Long) cancelled")), 20000);
}

QTEST_MAIN(TestRemoteDock)
#include "tst_remotedock.moc"
