// Autosave and crash recovery with the real app: the binary autosaves typed text, is killed with
// SIGKILL, and a new window finds the work and restores it.
#include "studiotestutil.h"

#include "filecontroller.h"
#include "mainwindow.h"
#include "notificationbar.h"
#include "documents/recoverymanager.h"
#include "studioapp.h"
#include "documents/workflowsession.h"
#include "yamleditor.h"

#include "model/workflowdocument.h"

#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <csignal>

using namespace Flow;
using namespace Flow::Studio;

class tst_Recovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void killedAppsWorkIsRestored();
    void discardedWorkIsGone();
    void runningInstanceIsNotOffered();
    void cleanStateRemovesRecoveryFile();

private:
    // Starts the app on `file`, types `edited` through the test hook and waits for the autosave.
    bool startAndAutosave(QProcess &process, const QString &file, const QByteArray &edited);
    QStringList recoveryFiles() const
    {
        return QDir(RecoveryManager::recoveryDirectory())
            .entryList({QStringLiteral("session-*.yaml")}, QDir::Files);
    }
    QPushButton *barButton(MainWindow &window, const QString &text)
    {
        NotificationBar *bar = window.notifications()->bar(QStringLiteral("recovery"));
        if (!bar)
            return nullptr;
        for (QPushButton *button : bar->findChildren<QPushButton *>()) {
            if (button->text() == text)
                return button;
        }
        return nullptr;
    }

    QTemporaryDir m_home;
    QString m_file;
    QByteArray m_edited;
};

void tst_Recovery::initTestCase()
{
    QVERIFY(m_home.isValid());
    // The app binary and this process must agree on where recovery files live.
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
    setApplicationIdentity();
    m_file = m_home.filePath(QStringLiteral("work.yaml"));
    m_edited = StudioTest::twoNodes();
    m_edited.replace("name: Two nodes", "name: Typed before the crash");
    m_edited.replace("layout:\n",
                     "  extra:\n    type: json.parse\n    inputs: {text: list.stdout}\nlayout:\n");
}

void tst_Recovery::init()
{
    QDir(RecoveryManager::recoveryDirectory()).removeRecursively();
    QVERIFY(StudioTest::writeFile(m_file, StudioTest::twoNodes()));
}

bool tst_Recovery::startAndAutosave(QProcess &process, const QString &file, const QByteArray &edited)
{
    const QString typed = m_home.filePath(QStringLiteral("typed.yaml"));
    if (!StudioTest::writeFile(typed, edited))
        return false;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(FLOWSTUDIO_BIN),
                  {file, QStringLiteral("--autosave-interval-ms"), QStringLiteral("50"),
                   QStringLiteral("--test-set-text"), typed});
    if (!process.waitForStarted())
        return false;
    // The recovery file appears once the app has autosaved the typed text.
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        for (const QString &name : recoveryFiles()) {
            if (StudioTest::readFile(QDir(RecoveryManager::recoveryDirectory()).filePath(name)) == edited)
                return true;
        }
        QTest::qWait(20);
    }
    return false;
}

void tst_Recovery::killedAppsWorkIsRestored()
{
    QProcess app;
    QVERIFY(startAndAutosave(app, m_file, m_edited));
    ::kill(pid_t(app.processId()), SIGKILL);
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);
    // The file on disk was never saved.
    QCOMPARE(StudioTest::readFile(m_file), StudioTest::twoNodes());

    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    window.show();
    window.offerRecovery();
    QPushButton *restore = barButton(window, QStringLiteral("Restore"));
    QVERIFY(restore);
    QVERIFY(window.notifications()
                ->bar(QStringLiteral("recovery"))
                ->text()
                .contains(QStringLiteral("work.yaml")));
    restore->click();
    QCOMPARE(window.yamlEditor()->text().toUtf8(), m_edited);
    QCOMPARE(window.session()->filePath(), QFileInfo(m_file).absoluteFilePath());
    QCOMPARE(window.session()->document()->workflow().name, QStringLiteral("Typed before the crash"));
    QVERIFY(window.session()->document()->node(u"extra"));
    QVERIFY(window.isWindowModified());
    // The old session's files are gone; ours holds the work now.
    QCOMPARE(window.recovery()->orphans().size(), 0);
    QCOMPARE(StudioTest::readFile(window.recovery()->recoveryFile()), m_edited);
    // Saving ends the need for recovery.
    QVERIFY(window.files()->save());
    QVERIFY(!QFileInfo::exists(window.recovery()->recoveryFile()));
    QVERIFY(StudioTest::readFile(m_file).contains("name: Typed before the crash"));
}

void tst_Recovery::discardedWorkIsGone()
{
    QProcess app;
    QVERIFY(startAndAutosave(app, m_file, m_edited));
    ::kill(pid_t(app.processId()), SIGKILL);
    QVERIFY(app.waitForFinished(10000));

    MainWindow window;
    window.offerRecovery();
    QPushButton *discard = barButton(window, QStringLiteral("Discard"));
    QVERIFY(discard);
    discard->click();
    QVERIFY(recoveryFiles().isEmpty());
    MainWindow again;
    again.offerRecovery();
    QVERIFY(!again.notifications()->bar(QStringLiteral("recovery")));
}

void tst_Recovery::runningInstanceIsNotOffered()
{
    QProcess app;
    QVERIFY(startAndAutosave(app, m_file, m_edited));
    MainWindow window;
    QCOMPARE(window.recovery()->orphans().size(), 0);
    app.kill();
    app.waitForFinished();
}

void tst_Recovery::cleanStateRemovesRecoveryFile()
{
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    window.recovery()->setInterval(10);
    QVERIFY(window.files()->openFile(m_file));
    window.yamlEditor()->setText(QString::fromUtf8(m_edited));
    QTRY_VERIFY(QFileInfo::exists(window.recovery()->recoveryFile()));
    QTRY_COMPARE(StudioTest::readFile(window.recovery()->recoveryFile()), m_edited);
    // Undo back to the file: nothing to recover any more.
    window.session()->applyPendingText();
    window.session()->undoStack()->undo();
    QVERIFY(!window.session()->isModified());
    QVERIFY(!QFileInfo::exists(window.recovery()->recoveryFile()));
}

QTEST_MAIN(tst_Recovery)
#include "tst_recovery.moc"
