// The real flowstudio binary as a process: command line, the --screenshot hook.
#include "studiotestutil.h"

#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include <QSettings>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <csignal>

class tst_Process : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void screenshotWritesPngOfRequestedSize_data();
    void screenshotWritesPngOfRequestedSize();
    void screenshotOfMalformedFileSucceeds();
    void versionAndHelp();
    void runScreenshotWaitsForTheRun();
    void screenshotAtMidRunStopsTheRun();
    void badArgumentsExitWithUsageError_data();
    void badArgumentsExitWithUsageError();
    void desktopFilesAreConsistent();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, int timeoutMs = 60000);
    QTemporaryDir m_home;
};

void tst_Process::initTestCase()
{
    QVERIFY(QFileInfo::exists(QStringLiteral(FLOWSTUDIO_BIN)));
    QVERIFY(m_home.isValid());
}

tst_Process::Result tst_Process::run(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Settings and recovery files of a test run never touch the user's.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FLOWSTUDIO_BIN), arguments);
    Result result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void tst_Process::screenshotWritesPngOfRequestedSize_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("default size") << QStringLiteral("shell-pipeline.yaml") << QSize() << QStringList();
    QTest::newRow("1600x1000") << QStringLiteral("shell-pipeline.yaml") << QSize(1600, 1000) << QStringList();
    QTest::newRow("small, dark, german") << QStringLiteral("http-json.yaml") << QSize(1024, 640)
                                         << QStringList{QStringLiteral("--theme"), QStringLiteral("dark"),
                                                        QStringLiteral("--lang"), QStringLiteral("de")};
}

void tst_Process::screenshotWritesPngOfRequestedSize()
{
    QFETCH(QString, example);
    QFETCH(QSize, size);
    QFETCH(QStringList, extra);
    const QString out = m_home.filePath(QStringLiteral("shot.png"));
    QFile::remove(out);
    QStringList args{QStringLiteral(FLOW_SOURCE_DIR "/resources/examples/") + example,
                     QStringLiteral("--screenshot"), out};
    if (size.isValid())
        args << QStringLiteral("--size") << QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
    args << extra;
    const Result result = run(args);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(StudioTest::readFile(out).left(8), QByteArray("\x89PNG\r\n\x1a\n"));
    const QImage image(out);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size.isValid() ? size : QSize(1600, 1000));
    // Something was drawn: many distinct colours, not a blank window.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

void tst_Process::screenshotOfMalformedFileSucceeds()
{
    const QString file = m_home.filePath(QStringLiteral("broken.yaml"));
    QVERIFY(StudioTest::writeFile(file, "flowstudio: 1\nnodes:\n  a: [\n\x01\xff"));
    const QString out = m_home.filePath(QStringLiteral("broken.png"));
    const Result result = run(
        {file, QStringLiteral("--screenshot"), out, QStringLiteral("--size"), QStringLiteral("800x600")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(QImage(out).size(), QSize(800, 600));
}

void tst_Process::runScreenshotWaitsForTheRun()
{
    // The node leaves a file behind when it is done: the picture must come after it.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run.yaml"));
    QVERIFY(StudioTest::writeFile(file, "flowstudio: 1\nparams:\n  word: {default: none}\nnodes:\n"
                                        "  slow: {type: shell.exec, config: {command: 'sleep 0.5; "
                                        "echo ${{ params.word }} > done.txt'}}\n"));
    const QString out = dir.filePath(QStringLiteral("run.png"));
    const Result result
        = run({file, QStringLiteral("--run"), QStringLiteral("-p"), QStringLiteral("word=given"),
               QStringLiteral("--screenshot"), out, QStringLiteral("--panel"), QStringLiteral("log")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(StudioTest::readFile(dir.filePath(QStringLiteral("done.txt"))), QByteArray("given\n"));
    QVERIFY(!QImage(out).isNull());
}

void tst_Process::screenshotAtMidRunStopsTheRun()
{
    // A node that would run for a minute: the picture is taken a second in, and leaving the app
    // stops the run and its process.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("long.yaml"));
    QVERIFY(StudioTest::writeFile(file, "flowstudio: 1\nnodes:\n  long: {type: shell.exec, config: "
                                        "{command: 'echo $$ > pid.txt; exec sleep 60'}}\n"));
    const QString out = dir.filePath(QStringLiteral("mid.png"));
    QElapsedTimer timer;
    timer.start();
    const Result result = run({file, QStringLiteral("--run"), QStringLiteral("--screenshot-at"),
                               QStringLiteral("1"), QStringLiteral("--screenshot"), out},
                              30000);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(timer.elapsed() < 30000);
    QVERIFY(!QImage(out).isNull());
    const pid_t pid = StudioTest::readFile(dir.filePath(QStringLiteral("pid.txt"))).trimmed().toInt();
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid, 0) != 0, 10000);
}

void tst_Process::versionAndHelp()
{
    const Result version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QByteArray("flowstudio " FLOW_VERSION));
    const Result help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *option : {"--screenshot", "--size", "--lang", "--theme", "--version"})
        QVERIFY2(help.out.contains(option), option);
    QVERIFY(!help.out.contains("--test-set-text"));
}

void tst_Process::badArgumentsExitWithUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("bad size") << QStringList{QStringLiteral("--size"), QStringLiteral("big")}
                              << QByteArray("--size");
    QTest::newRow("bad theme") << QStringList{QStringLiteral("--theme"), QStringLiteral("blue")}
                               << QByteArray("--theme");
    QTest::newRow("two files") << QStringList{QStringLiteral("a.yaml"), QStringLiteral("b.yaml")}
                               << QByteArray("one FILE");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")}
                                    << QByteArray("frobnicate");
    QTest::newRow("screenshot-at without run")
        << QStringList{QStringLiteral("--screenshot"), QStringLiteral("x.png"),
                       QStringLiteral("--screenshot-at"), QStringLiteral("1")}
        << QByteArray("--run");
    QTest::newRow("bad param") << QStringList{QStringLiteral("--param"), QStringLiteral("novalue")}
                               << QByteArray("NAME=VALUE");
    QTest::newRow("bad panel") << QStringList{QStringLiteral("--panel"), QStringLiteral("sideways")}
                               << QByteArray("--panel");
}

void tst_Process::badArgumentsExitWithUsageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void tst_Process::desktopFilesAreConsistent()
{
    const QString dir = QStringLiteral(FLOW_SOURCE_DIR "/resources/desktop/");
    QSettings desktop(dir + QStringLiteral("org.flowstudio.Flowstudio.desktop"), QSettings::IniFormat);
    desktop.beginGroup(QStringLiteral("Desktop Entry"));
    QCOMPARE(desktop.value(QStringLiteral("Type")).toString(), QStringLiteral("Application"));
    QCOMPARE(desktop.value(QStringLiteral("Name")).toString(), QStringLiteral("Flowstudio"));
    QVERIFY(desktop.value(QStringLiteral("Exec")).toString().startsWith(QStringLiteral("flowstudio ")));
    QCOMPARE(desktop.value(QStringLiteral("Icon")).toString(), QStringLiteral("org.flowstudio.Flowstudio"));
    QVERIFY(QFileInfo::exists(dir + QStringLiteral("flowstudio.svg")));

    QFile metainfo(dir + QStringLiteral("org.flowstudio.Flowstudio.metainfo.xml"));
    QVERIFY(metainfo.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&metainfo);
    QString id;
    QString launchable;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("id"))
            id = xml.readElementText();
        else if (xml.isStartElement() && xml.name() == QLatin1String("launchable"))
            launchable = xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(id, QStringLiteral("org.flowstudio.Flowstudio"));
    QCOMPARE(launchable, QStringLiteral("org.flowstudio.Flowstudio.desktop"));
}

QTEST_GUILESS_MAIN(tst_Process)
#include "tst_process.moc"
