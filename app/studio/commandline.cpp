#include "commandline.h"

#include "app/clidoc/clidoc.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace Flow::Studio {

// A translation context for the help texts (lupdate finds CommandLine::tr calls).
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Flow::Studio::CommandLine)
};

namespace {

std::optional<QSize> parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < 200 || size.height() < 150 || size.width() > 10000 || size.height() > 10000)
        return std::nullopt;
    return size;
}

// The command line as data (app/clidoc): the build makes the flowstudio(1) man page and the shell
// completions from it, so they say what --help says.
CliDoc::Program describe(const QCommandLineParser &parser, const QList<QCommandLineOption> &options)
{
    CliDoc::Program program;
    program.name = QStringLiteral("flowstudio");
    program.version = QCoreApplication::applicationVersion();
    program.summary = QStringLiteral("edit and run Flowstudio workflows as a node graph and as YAML");
    program.main.synopsis = QStringLiteral("[options] [FILE]");
    program.main.description
        = parser.applicationDescription()
          + QStringLiteral("\n\nWithout FILE, the window opens on the welcome view: recent files, a new "
                           "workflow, and the bundled examples.\nWorkflows run headless with flowrun(1).");
    for (const QCommandLineOption &o : options) {
        if (std::optional<CliDoc::Option> doc = CliDoc::describeOption(o))
            program.main.options.append(*doc);
    }
    program.main.arguments.append(CliDoc::describeArgument(
        QStringLiteral("FILE"), CommandLine::tr("Workflow file (.yaml) to open."), QStringLiteral("[FILE]")));
    program.seeAlso = {QStringLiteral("flowrun(1)")};
    return program;
}

} // namespace

ParsedCommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CommandLine::tr("Flowstudio: edit workflows as a node graph and as YAML, side by side."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), CommandLine::tr("Workflow file (.yaml) to open."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        CommandLine::tr("Open FILE, draw the window, save it as a PNG image and exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"), CommandLine::tr("Window size, e.g. 1600x1000."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        CommandLine::tr("User interface language (e.g. de, en); default: the system locale."),
        QStringLiteral("CODE"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   CommandLine::tr("Appearance: system, light or dark."),
                                   QStringLiteral("THEME"), QStringLiteral("system"));
    const QCommandLineOption select(QStringLiteral("select"),
                                    CommandLine::tr("Select these nodes at start (comma-separated)."),
                                    QStringLiteral("IDS"));
    QCommandLineOption autosave(
        QStringLiteral("autosave-interval-ms"),
        CommandLine::tr("Autosave the recovery file this long after a change (default 30000)."),
        QStringLiteral("MS"));
    QCommandLineOption testText(
        QStringLiteral("test-set-text"),
        CommandLine::tr("Test hook: type the content of FILE into the YAML view after start."),
        QStringLiteral("FILE"));
    testText.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption run(
        QStringLiteral("run"),
        CommandLine::tr("Run FILE once it is open. With --screenshot, the picture is taken when the run "
                        "has finished."));
    const QCommandLineOption screenshotAt(
        QStringLiteral("screenshot-at"),
        CommandLine::tr("With --run and --screenshot: take the picture this many seconds into the run."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption param({QStringLiteral("p"), QStringLiteral("param")},
                                   CommandLine::tr("A workflow parameter for --run (repeatable)."),
                                   QStringLiteral("NAME=VALUE"));
    const QCommandLineOption replay(
        QStringLiteral("replay"),
        CommandLine::tr("Show the run recorded in FILE (the NDJSON of `flowrun run --json`) in the run "
                        "views and on the canvas. With --screenshot, the picture is taken when it is shown."),
        QStringLiteral("FILE"));
    const QCommandLineOption panel(QStringLiteral("panel"),
                                   CommandLine::tr("The bottom panel to show: problems, history (undo), runs "
                                                   "(the run history), run, log, timeline or remote."),
                                   QStringLiteral("PANEL"));
    const QCommandLineOption remote(
        QStringLiteral("remote"),
        CommandLine::tr("Add the `flowrun serve` server at URL (ws:// or wss://; the token from "
                        "$FLOWSTUDIO_TOKEN) to the Remote dock and connect to it."),
        QStringLiteral("URL"));
    const QCommandLineOption remoteRun(
        QStringLiteral("remote-run"),
        CommandLine::tr("With --remote: show that server's run RUN in the run views and on the canvas. "
                        "With --screenshot, the picture is taken when the run has finished."),
        QStringLiteral("RUN"));
    const QList<QCommandLineOption> appOptions{screenshot, size,     lang,   theme,        select,
                                               autosave,   testText, run,    screenshotAt, param,
                                               replay,     panel,    remote, remoteRun};
    parser.addOptions(appOptions);
    QCommandLineOption helpJson(QStringLiteral("help-json"),
                                QStringLiteral("Print the command line as JSON (for the man page)."));
    helpJson.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(helpJson);

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.exitCode = 2;
        result.output = parser.errorText() + QLatin1Char('\n');
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.output = parser.helpText();
        return result;
    }
    if (parser.isSet(helpJson)) {
        const CliDoc::Program program = describe(parser, QList{helpOption, versionOption} + appOptions);
        result.output
            = QString::fromUtf8(QJsonDocument(CliDoc::toJson(program)).toJson(QJsonDocument::Indented));
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.output = QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                      QCoreApplication::applicationVersion());
        return result;
    }
    const auto fail = [&result](const QString &message) {
        result.exitCode = 2;
        result.output = message + QLatin1Char('\n');
        return result;
    };

    StudioOptions options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(CommandLine::tr("Only one FILE can be opened at a time."));
    options.file = positional.value(0);
    options.screenshotPath = parser.value(screenshot);
    if (parser.isSet(size)) {
        const std::optional<QSize> parsed = parseSize(parser.value(size));
        if (!parsed)
            return fail(CommandLine::tr("Invalid --size \"%1\": expected WIDTHxHEIGHT such as 1600x1000.")
                            .arg(parser.value(size)));
        options.size = *parsed;
    }
    options.language = parser.value(lang);
    const QString themeName = parser.value(theme).toLower();
    options.themeGiven = parser.isSet(theme);
    if (themeName == QLatin1String("dark"))
        options.theme = ThemeChoice::Dark;
    else if (themeName == QLatin1String("light"))
        options.theme = ThemeChoice::Light;
    else if (themeName != QLatin1String("system"))
        return fail(CommandLine::tr("Invalid --theme \"%1\": expected system, light or dark.")
                        .arg(parser.value(theme)));
    if (parser.isSet(select))
        options.selectNodes = parser.value(select).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parser.isSet(autosave)) {
        bool ok = false;
        options.autosaveIntervalMs = parser.value(autosave).toInt(&ok);
        if (!ok || options.autosaveIntervalMs < 10)
            return fail(
                CommandLine::tr("Invalid --autosave-interval-ms \"%1\".").arg(parser.value(autosave)));
    }
    options.testTextFile = parser.value(testText);
    options.run = parser.isSet(run);
    if (parser.isSet(screenshotAt)) {
        bool ok = false;
        options.screenshotAt = parser.value(screenshotAt).toDouble(&ok);
        if (!ok || options.screenshotAt < 0)
            return fail(CommandLine::tr("Invalid --screenshot-at \"%1\": expected seconds, such as 1.5.")
                            .arg(parser.value(screenshotAt)));
        if (!options.run || options.screenshotPath.isEmpty())
            return fail(CommandLine::tr("--screenshot-at needs --run and --screenshot."));
    }
    options.params = parser.values(param);
    for (const QString &p : std::as_const(options.params)) {
        if (p.indexOf(QLatin1Char('=')) < 1)
            return fail(CommandLine::tr("Invalid --param \"%1\": expected NAME=VALUE.").arg(p));
    }
    options.replay = parser.value(replay);
    if (!options.replay.isEmpty() && options.run)
        return fail(CommandLine::tr("--replay and --run cannot be used together."));
    options.remote = parser.value(remote);
    options.remoteRun = parser.value(remoteRun);
    if (!options.remote.isEmpty()) {
        const QUrl url(options.remote);
        if (!url.isValid() || (url.scheme() != u"ws" && url.scheme() != u"wss") || url.host().isEmpty())
            return fail(CommandLine::tr("Invalid --remote \"%1\": expected a ws:// or wss:// URL.")
                            .arg(options.remote));
    }
    if (!options.remoteRun.isEmpty()
        && (options.remote.isEmpty() || options.run || !options.replay.isEmpty()))
        return fail(CommandLine::tr("--remote-run needs --remote, and goes without --run and --replay."));
    options.panel = parser.value(panel).toLower();
    static const QStringList panels{QStringLiteral("problems"), QStringLiteral("history"),
                                    QStringLiteral("runs"),     QStringLiteral("run"),
                                    QStringLiteral("log"),      QStringLiteral("timeline"),
                                    QStringLiteral("remote")};
    if (!options.panel.isEmpty() && !panels.contains(options.panel))
        return fail(CommandLine::tr("Invalid --panel \"%1\": expected one of %2.")
                        .arg(parser.value(panel), panels.join(QStringLiteral(", "))));
    result.options = options;
    return result;
}

} // namespace Flow::Studio
