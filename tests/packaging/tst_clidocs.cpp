// The man pages and shell completions the build generated (packaging/generated), checked against the
// real programs: every option --help prints is in the man page, and bash completes what a user types.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Generated = QStringLiteral(FLOW_GENERATED_DIR);

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QString &program, const QStringList &args, const QProcessEnvironment &env = {},
           const QString &workingDir = {})
{
    QProcess p;
    QProcessEnvironment e = env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env;
    e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(e);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString collapsed(QString text)
{
    return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" ")).trimmed();
}

// The man page as the words a reader sees: requests and font escapes gone, escapes resolved.
QString manText(const QString &roff)
{
    QStringList lines;
    for (QString line : roff.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String(".\\\"")) || line == QLatin1String(".br")
            || line == QLatin1String(".PP") || line == QLatin1String(".TP"))
            continue;
        if (line.startsWith(QLatin1String(".SS \"")) || line.startsWith(QLatin1String(".SH \"")))
            line = line.mid(5).chopped(1);
        line.remove(QRegularExpression(QStringLiteral("^\\.(SH|SS|B|TH) ")));
        line.remove(QRegularExpression(QStringLiteral("\\\\f[BIR]")));
        line.replace(QLatin1String("\\-"), QLatin1String("-"));
        line.replace(QLatin1String("\\&"), QString());
        line.replace(QLatin1String("\\e"), QLatin1String("\\"));
        lines.append(line);
    }
    return collapsed(lines.join(QLatin1Char(' ')));
}

struct HelpOption
{
    QString names;       // "-v, --verbose <N>" as printed
    QString description; // wrapped lines joined
};

// The "Options:" block of QCommandLineParser's help: "  -v, --verbose   Text", continuation lines
// indented further.
QList<HelpOption> helpOptions(const QString &help)
{
    QList<HelpOption> options;
    bool inOptions = false;
    static const QRegularExpression optionLine(QStringLiteral("^  (-\\S.*?)(?:\\s{2,}(.*))?$"));
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        if (line == QLatin1String("Options:")) {
            inOptions = true;
            continue;
        }
        if (!inOptions)
            continue;
        if (line.isEmpty() || !line.startsWith(QLatin1Char(' ')))
            break;
        const QRegularExpressionMatch m = optionLine.match(line);
        if (m.hasMatch())
            options.append({m.captured(1).trimmed(), m.captured(2)});
        else if (!options.isEmpty())
            options.last().description += QLatin1Char(' ') + line.trimmed();
    }
    return options;
}

} // namespace

class TestCliDocs : public QObject
{
    Q_OBJECT

private slots:
    void manPageMatchesHelp_data();
    void manPageMatchesHelp();
    void commandsAreComplete();
    void bashCompletes_data();
    void bashCompletes();
    void zshScriptParses();

private:
    QStringList bashComplete(const QString &script, const QString &line, const QString &dir);
};

void TestCliDocs::manPageMatchesHelp_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("helpArgs");
    QTest::addColumn<QString>("manPage");
    const Result described = run(QStringLiteral(FLOWRUN_PATH), {"help", "--json"});
    QCOMPARE(described.exitCode, 0);
    const QJsonArray commands
        = QJsonDocument::fromJson(described.out.toUtf8()).object().value("commands").toArray();
    QVERIFY(commands.size() >= 5);
    for (const QJsonValue &c : commands) {
        const QString name = c.toObject().value("name").toString();
        if (name != QLatin1String("help"))
            QTest::addRow("flowrun %s", qPrintable(name))
                << FLOWRUN_PATH << QStringList{name, "--help"} << "flowrun.1";
    }
    QTest::newRow("flowstudio") << FLOWSTUDIO_PATH << QStringList{"--help"} << "flowstudio.1";
}

void TestCliDocs::manPageMatchesHelp()
{
    QFETCH(QString, program);
    QFETCH(QStringList, helpArgs);
    QFETCH(QString, manPage);
    const Result help = run(program, helpArgs);
    QCOMPARE(help.exitCode, 0);
    const QList<HelpOption> options = helpOptions(help.out);
    QVERIFY2(!options.isEmpty(), qPrintable(help.out));
    const QString man = manText(readText(Generated + QLatin1Char('/') + manPage));
    QVERIFY(!man.isEmpty());
    for (const HelpOption &o : options) {
        if (o.names.contains(QLatin1String("--help-all")))
            continue; // Qt's own variant of --help
        // "-v, --verbose <N>" in --help reads "-v, --verbose N" in the man page.
        const QString names = QString(o.names).remove(QLatin1Char('<')).remove(QLatin1Char('>'));
        QVERIFY2(man.contains(names), qPrintable(QStringLiteral("%1: '%2' missing").arg(manPage, names)));
        QVERIFY2(
            man.contains(collapsed(o.description)),
            qPrintable(
                QStringLiteral("%1: description of %2 differs: '%3'").arg(manPage, names, o.description)));
    }
    // The command's own paragraph, too.
    const QString firstParagraph = help.out.section(QLatin1Char('\n'), 1, 1).trimmed();
    QVERIFY2(man.contains(collapsed(firstParagraph)), qPrintable(firstParagraph));
}

void TestCliDocs::commandsAreComplete()
{
    // Every command of `flowrun --help` has its section in the man page and a branch in both completions.
    const Result help = run(QStringLiteral(FLOWRUN_PATH), {"--help"});
    QCOMPARE(help.exitCode, 0);
    const QString commandBlock
        = help.out.section(QLatin1String("Commands:\n"), 1).section(QLatin1String("\n\n"), 0, 0);
    QStringList names;
    static const QRegularExpression commandLine(QStringLiteral("^  ([a-z]+)\\b"));
    for (const QString &line : commandBlock.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = commandLine.match(line);
        if (m.hasMatch())
            names.append(m.captured(1));
    }
    QVERIFY2(names.contains(QLatin1String("run")) && names.contains(QLatin1String("help")),
             qPrintable(commandBlock));
    const QString man = manText(readText(Generated + QLatin1String("/flowrun.1")));
    const QString bash = readText(Generated + QLatin1String("/flowrun.bash"));
    const QString zsh = readText(Generated + QLatin1String("/_flowrun"));
    for (const QString &name : std::as_const(names)) {
        QVERIFY2(man.contains(QStringLiteral("flowrun %1").arg(name)), qPrintable(name));
        QVERIFY2(bash.contains(QStringLiteral("\n    %1)\n").arg(name)), qPrintable(name));
        QVERIFY2(zsh.contains(QStringLiteral("\n    %1)\n").arg(name)), qPrintable(name));
    }
}

QStringList TestCliDocs::bashComplete(const QString &script, const QString &line, const QString &dir)
{
    // What bash does on Tab: split the line into COMP_WORDS and call the completion function.
    const QString driver
        = QStringLiteral("source \"$1\"; line=$2; split=${line//=/ = }; read -ra COMP_WORDS <<< \"$split\"; "
                         "[[ $line == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                         "COMP_LINE=$line; COMP_POINT=${#line}; "
                         "$(complete -p flowrun | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p') flowrun; "
                         "printf '%s\\n' \"${COMPREPLY[@]}\"");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), QFileInfo(QStringLiteral(FLOWRUN_PATH)).absolutePath()
                                           + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    const Result r = run(QStringLiteral("bash"),
                         {"--norc", "--noprofile", "-c", driver, "bash", script, line}, env, dir);
    if (r.exitCode != 0)
        qWarning().noquote() << r.err;
    QStringList words = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    words.sort();
    return words;
}

void TestCliDocs::bashCompletes_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("command") << "flowrun r" << QStringList{"run"};
    QTest::newRow("all commands") << "flowrun "
                                  << QStringList{"fmt", "help", "history", "import", "nodes", "prune",
                                                 "run", "serve", "show", "validate", "watch"};
    QTest::newRow("node type") << "flowrun nodes sh" << QStringList{"shell.exec"};
    QTest::newRow("node types by prefix")
        << "flowrun nodes --json json." << QStringList{"json.parse", "json.select", "json.stringify"};
    QTest::newRow("option") << "flowrun run --ev" << QStringList{"--events"};
    QTest::newRow("global option") << "flowrun --ver" << QStringList{"--version"};
    QTest::newRow("workflow files") << "flowrun validate " << QStringList{"a.yaml", "b.yml", "sub"};
    QTest::newRow("any file for --events")
        << "flowrun run --events " << QStringList{"a.yaml", "b.yml", "notes.txt", "sub"};
    QTest::newRow("--events=") << "flowrun run --events=n" << QStringList{"notes.txt"};
    QTest::newRow("free value") << "flowrun run --max-parallel " << QStringList{};
    QTest::newRow("help topic") << "flowrun help v" << QStringList{"validate"};
}

void TestCliDocs::bashCompletes()
{
    QFETCH(QString, line);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char *name : {"a.yaml", "b.yml", "notes.txt"}) {
        QFile file(dir.filePath(QString::fromLatin1(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
    QCOMPARE(bashComplete(Generated + QLatin1String("/flowrun.bash"), line, dir.path()), expected);
}

void TestCliDocs::zshScriptParses()
{
    if (QStandardPaths::findExecutable(QStringLiteral("zsh")).isEmpty())
        QSKIP("zsh is not installed");
    for (const char *name : {"_flowrun", "_flowstudio"}) {
        const Result r
            = run(QStringLiteral("zsh"), {"-n", Generated + QLatin1Char('/') + QLatin1String(name)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
}

QTEST_GUILESS_MAIN(TestCliDocs)
#include "tst_clidocs.moc"
