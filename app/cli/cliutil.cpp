#include "cliutil.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <utility>

namespace Flow::Cli {

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printOut(const QString &text)
{
    writeOut(text.toUtf8());
}

void printErr(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void printError(const QString &message)
{
    printErr(QStringLiteral("flowrun: %1\n").arg(message));
}

QString displayName(const QString &path)
{
    return path == QLatin1String("-") ? QStringLiteral("<stdin>") : path;
}

std::optional<QByteArray> readInput(const QString &path)
{
    QFile file;
    const bool isStdin = path == QLatin1String("-");
    if (isStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            printErr(QStringLiteral("<stdin>: error: cannot read: %1\n").arg(file.errorString()));
            return std::nullopt;
        }
        return file.readAll();
    }
    // QFile happily "opens" a directory and reads nothing; say what is wrong instead.
    if (QFileInfo(path).isDir()) {
        printErr(QStringLiteral("%1: error: cannot read: is a directory\n").arg(path));
        return std::nullopt;
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        printErr(QStringLiteral("%1: error: cannot read: %2\n").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

namespace {
bool g_describing = false;
std::optional<CliDoc::Command> g_description;
} // namespace

void setDescribing(bool on)
{
    g_describing = on;
    g_description.reset();
}

std::optional<CliDoc::Command> takeDescription()
{
    return std::exchange(g_description, std::nullopt);
}

bool CommandOptions::addOption(const QCommandLineOption &option, CliDoc::ValueKind kind)
{
    if (std::optional<CliDoc::Option> doc = CliDoc::describeOption(option, kind))
        m_doc.options.append(*doc);
    return m_parser.addOption(option);
}

void CommandOptions::addPositionalArgument(const QString &name, const QString &description,
                                           const QString &syntax, CliDoc::ValueKind kind)
{
    m_doc.arguments.append(CliDoc::describeArgument(name, description, syntax, kind));
    m_parser.addPositionalArgument(name, description, syntax);
}

CommandParser::CommandParser(const QString &command, const QString &synopsis, const QString &description)
    : m_command(command)
    , m_synopsis(synopsis)
{
    m_doc.name = command;
    m_doc.synopsis = synopsis;
    m_doc.description = description;
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = m_parser.addHelpOption();
    if (std::optional<CliDoc::Option> doc = CliDoc::describeOption(help))
        m_doc.options.append(*doc);
}

void CommandParser::addFilesArgument(const QString &description)
{
    m_options.addPositionalArgument(QStringLiteral("FILE"), description, QStringLiteral("FILE..."));
}

QString CommandParser::helpText() const
{
    // QCommandLineParser's own first line names the binary and its options generically; ours names the
    // sub-command, which is what a user types.
    QString text = m_parser.helpText();
    const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
    text.replace(0, firstLineEnd, QStringLiteral("Usage: flowrun %1").arg(m_synopsis));
    return text;
}

std::optional<int> CommandParser::parse(const QStringList &args, bool filesRequired)
{
    if (g_describing) {
        g_description = m_doc;
        return ExitOk;
    }
    const QStringList argv = QStringList{QStringLiteral("flowrun")} + args;
    if (!m_parser.parse(argv)) {
        printError(m_parser.errorText());
        printErr(QStringLiteral("Usage: flowrun %1\nTry 'flowrun help %2'.\n").arg(m_synopsis, m_command));
        return ExitUsage;
    }
    if (m_parser.isSet(QStringLiteral("help")) || m_parser.isSet(QStringLiteral("help-all"))) {
        printOut(helpText());
        return ExitOk;
    }
    if (filesRequired && m_parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("%1: no files given").arg(m_command));
        printErr(QStringLiteral("Usage: flowrun %1\nTry 'flowrun help %2'.\n").arg(m_synopsis, m_command));
        return ExitUsage;
    }
    return std::nullopt;
}

} // namespace Flow::Cli
