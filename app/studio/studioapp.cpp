#include "studioapp.h"

#include "appearance.h"
#include "documents/recoverymanager.h"
#include "documents/workflowsession.h"
#include "filecontroller.h"
#include "mainwindow.h"
#include "remotedock.h"
#include "runworkbench.h"
#include "screenshot.h"
#include "welcomeview.h"
#include "yamleditor.h"

#include "canvas/canvaseditor.h"
#include "canvas/graphview.h" // GraphController holds a QPointer<GraphView>
#include "executor/runoptions.h"
#include "model/workflowdocument.h"
#include "remote/remoteclient.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace Flow::Studio {
namespace {

void applyTestText(MainWindow &window, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "flowstudio: cannot read %s\n", qPrintable(path));
        return;
    }
    // Through the editor, exactly like typing: the sync, the modified mark and autosave all see it.
    window.yamlEditor()->setText(QString::fromUtf8(file.readAll()));
}

// Starts the run asked for with --run. False when it could not start (the reason is on stderr and
// in the window).
bool startRequestedRun(MainWindow &window, const StudioOptions &options)
{
    QString error;
    const std::optional<QVariantMap> params
        = paramsFromTexts(window.session()->document()->workflow().params, options.params, &error);
    if (!params) {
        std::fprintf(stderr, "flowstudio: %s\n", qPrintable(error));
        return false;
    }
    if (!window.runs()->runWorkflow(*params)) {
        std::fprintf(stderr, "flowstudio: the workflow could not be run (see the window)\n");
        return false;
    }
    return true;
}

// --remote URL [--remote-run RUN]: the server is added to the dock; the run is opened once the
// connection is up (the dock's client connects asynchronously).
void connectRequestedRemote(MainWindow &window, const StudioOptions &options)
{
    RemoteDock *dock = window.remoteDock();
    const QUrl url(options.remote);
    dock->addServer(url.host(), url, qEnvironmentVariable("FLOWSTUDIO_TOKEN").trimmed());
    if (options.remoteRun.isEmpty())
        return;
    const int index = dock->serverCount() - 1;
    Remote::RemoteClient *client = dock->client(index);
    QObject::connect(client, &Remote::RemoteClient::welcomed, dock,
                     [dock, index, run = options.remoteRun] { dock->openRun(index, run); });
}

void showPanel(MainWindow &window, const QString &panel)
{
    static const QHash<QString, QString> docks{{QStringLiteral("problems"), QStringLiteral("ProblemsDock")},
                                               {QStringLiteral("history"), QStringLiteral("UndoHistoryDock")},
                                               {QStringLiteral("runs"), QStringLiteral("RunHistoryDock")},
                                               {QStringLiteral("run"), QStringLiteral("RunDock")},
                                               {QStringLiteral("log"), QStringLiteral("LogDock")},
                                               {QStringLiteral("timeline"), QStringLiteral("TimelineDock")},
                                               {QStringLiteral("remote"), QStringLiteral("RemoteDock")}};
    if (auto *dock = window.findChild<QDockWidget *>(docks.value(panel))) {
        dock->show();
        dock->raise();
    }
}

void takeScreenshot(MainWindow &window, const StudioOptions &options, int *exitCode)
{
    if (!options.panel.isEmpty())
        showPanel(window, options.panel);
    takeScreenshotWhenReady(
        &window, options.screenshotPath,
        [&window] {
            const auto *welcome = window.findChild<WelcomeView *>();
            return window.isIdle() && (!welcome || welcome->thumbnailsReady());
        },
        [exitCode](const QString &error) {
            if (!error.isEmpty()) {
                std::fprintf(stderr, "flowstudio: %s\n", qPrintable(error));
                *exitCode = 1;
            }
            QCoreApplication::exit(*exitCode);
        });
}

int runScreenshot(MainWindow &window, const StudioOptions &options)
{
    int exitCode = 0;
    window.resize(options.size.isValid() ? options.size : QSize(1600, 1000));
    window.show();
    if (!options.remote.isEmpty()) {
        connectRequestedRemote(window, options);
        if (!options.remoteRun.isEmpty())
            QObject::connect(window.runs(), &RunWorkbench::runFinished, &window,
                             [&] { takeScreenshot(window, options, &exitCode); });
        else
            QTimer::singleShot(2000, &window, [&] { takeScreenshot(window, options, &exitCode); });
    } else if (!options.replay.isEmpty()) {
        // The picture once the recording is shown (or its error is).
        QObject::connect(window.runs(), &RunWorkbench::runFinished, &window,
                         [&] { takeScreenshot(window, options, &exitCode); });
        QObject::connect(window.runs(), &RunWorkbench::recordingFailed, &window, [&] {
            exitCode = 1;
            takeScreenshot(window, options, &exitCode);
        });
        window.runs()->openRecording(options.replay);
    } else if (!options.run) {
        takeScreenshot(window, options, &exitCode);
    } else if (!startRequestedRun(window, options)) {
        exitCode = 1;
        takeScreenshot(window, options, &exitCode);
    } else if (options.screenshotAt >= 0) {
        // Mid-run: the run keeps going while the picture is taken; leaving the app cancels it.
        QTimer::singleShot(int(options.screenshotAt * 1000), &window,
                           [&] { takeScreenshot(window, options, &exitCode); });
    } else {
        QObject::connect(window.runs(), &RunWorkbench::runFinished, &window,
                         [&] { takeScreenshot(window, options, &exitCode); });
    }
    QApplication::exec();
    return exitCode;
}

} // namespace

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Flowstudio"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("flowstudio.example.org"));
    QCoreApplication::setApplicationName(QStringLiteral("flowstudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOW_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Flowstudio"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.flowstudio.Flowstudio"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/studio/flowstudio.svg")));
}

QString languageArgument(const QStringList &arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if ((arg == QLatin1String("--lang") || arg == QLatin1String("-lang")) && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arg.startsWith(QLatin1String("--lang=")))
            return arg.mid(7);
    }
    return {};
}

int runStudio(const StudioOptions &options)
{
    // Screenshots are deterministic: only --theme counts there, not a saved choice.
    const bool screenshotMode = !options.screenshotPath.isEmpty();
    applyAppearance(options.themeGiven || screenshotMode ? options.theme : savedAppearance());
    MainWindow window;
    window.recovery()->setInterval(options.autosaveIntervalMs);
    const bool screenshot = !options.screenshotPath.isEmpty();
    if (screenshot)
        window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    if (!options.file.isEmpty())
        window.files()->openFile(options.file);
    else
        WelcomeView::install(&window);
    if (!options.selectNodes.isEmpty())
        window.canvas()->selectNodes(options.selectNodes);
    if (!options.testTextFile.isEmpty())
        applyTestText(window, options.testTextFile);
    if (screenshot)
        return runScreenshot(window, options);

    window.restoreSettings();
    if (options.size.isValid())
        window.resize(options.size);
    window.show();
    if (!options.panel.isEmpty())
        showPanel(window, options.panel);
    window.offerRecovery();
    if (options.run)
        QMetaObject::invokeMethod(
            &window, [&window, &options] { startRequestedRun(window, options); }, Qt::QueuedConnection);
    if (!options.replay.isEmpty())
        window.runs()->openRecording(options.replay);
    if (!options.remote.isEmpty())
        connectRequestedRemote(window, options);
    return QApplication::exec();
}

} // namespace Flow::Studio
