#pragma once

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

// Small pieces every `flowrun` sub-command shares: output streams, reading inputs, option parsing.
namespace Flow {
class NodeTypeCatalog;
}

namespace Flow::Cli {

// Exit codes, the same for every sub-command (documented in --help and the README).
enum ExitCode { ExitOk = 0, ExitProblems = 1, ExitUsage = 2 };

// Output goes through stdio, not QTextStream, so stdout and stderr interleave in the order written.
void printOut(const QString &text); // adds nothing: pass the "\n" yourself
void printErr(const QString &text);
void writeOut(const QByteArray &bytes);
// "flowrun: MESSAGE\n" on stderr.
void printError(const QString &message);

// The built-in node types (NodeRegistry::builtins() as a catalog).

// The name a file is reported under: "-" (stdin) reads as "<stdin>".
QString displayName(const QString &path);

// Reads a whole file, or stdin for "-". On failure prints "FILE: error: cannot read: REASON" to stderr
// and returns nothing.
std::optional<QByteArray> readInput(const QString &path);

// A sub-command's option parser. parse() prints errors and --help itself; when it returns a value the
// caller should return it as the exit code.
class CommandParser
{
public:
    // `synopsis` is the usage line after "flowrun", e.g. "validate [options] FILE...".
    CommandParser(const QString &command, const QString &synopsis, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    void addFilesArgument(const QString &description);

    // Parses `args` (without program and sub-command). Returns an exit code when the command must
    // stop here: 0 after printing --help, 2 after a usage error. Empty when the command should run.
    std::optional<int> parse(const QStringList &args, bool filesRequired);
    QStringList files() const { return m_parser.positionalArguments(); }
    QString helpText() const;

private:
    QCommandLineParser m_parser;
    QString m_command;
    QString m_synopsis;
};

} // namespace Flow::Cli
