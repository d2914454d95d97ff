#pragma once

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include "app/clidoc/clidoc.h"

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

// What CommandParser::parser() gives a command: the QCommandLineParser calls the commands use, with
// every option and argument also recorded as data (CliDoc), so `flowrun help --json`, the man page and
// the shell completions list them. Add options only through here (see docs/cli.md, "Adding a command").
class CommandOptions
{
public:
    explicit CommandOptions(QCommandLineParser &parser, CliDoc::Command &doc)
        : m_parser(parser)
        , m_doc(doc)
    {}

    // `kind` says what a shell offers for the value; Auto infers it from the value name (FILE, DIR).
    bool addOption(const QCommandLineOption &option, CliDoc::ValueKind kind = CliDoc::ValueKind::Auto);
    // Auto: FILE completes workflow files, TYPE node types.
    void addPositionalArgument(const QString &name, const QString &description, const QString &syntax = {},
                               CliDoc::ValueKind kind = CliDoc::ValueKind::Auto);

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }

private:
    QCommandLineParser &m_parser;
    CliDoc::Command &m_doc;
};

// A sub-command's option parser. parse() prints errors and --help itself; when it returns a value the
// caller should return it as the exit code. Build it and call parse() before the command does anything
// else: while `flowrun help --json` describes the commands, parse() only records the description.
class CommandParser
{
public:
    // `synopsis` is the usage line after "flowrun", e.g. "validate [options] FILE...".
    CommandParser(const QString &command, const QString &synopsis, const QString &description);

    CommandOptions &parser() { return m_options; }
    void addFilesArgument(const QString &description);

    // Parses `args` (without program and sub-command). Returns an exit code when the command must
    // stop here: 0 after printing --help, 2 after a usage error. Empty when the command should run.
    std::optional<int> parse(const QStringList &args, bool filesRequired);
    QStringList files() const { return m_parser.positionalArguments(); }
    QString helpText() const;

private:
    QCommandLineParser m_parser;
    CliDoc::Command m_doc;
    CommandOptions m_options{m_parser, m_doc};
    QString m_command;
    QString m_synopsis;
};

// Describe mode, for `flowrun help --json`: while on, CommandParser::parse() stores the command's
// description (takeDescription()) and returns 0 instead of parsing.
void setDescribing(bool on);
std::optional<CliDoc::Command> takeDescription();

} // namespace Flow::Cli
