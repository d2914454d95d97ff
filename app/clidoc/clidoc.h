#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QCommandLineOption;
QT_END_NAMESPACE

// A command line described as data: the program, its sub-commands, their options and arguments. The
// CLI prints its --help from the same objects it parses with, and `help --json` writes this
// description; man pages and shell completions are generated from that JSON at build time (see
// packaging/), so a new command or option shows up everywhere without editing a generated file.
namespace Flow::CliDoc {

// What a shell offers for a value. Auto infers it from the value's name (ValueName::kindFor).
enum class ValueKind {
    Auto,
    None,      // free text: nothing to offer
    File,      // any file
    Workflow,  // a workflow file: *.yaml, *.yml and directories
    Directory, // a directory
    NodeType,  // a node type id, from `flowrun nodes --json` at completion time
    Command,   // a sub-command name (flowrun help COMMAND)
};

// Auto's rule: FILE of an argument is a workflow, FILE of an option any file, DIR a directory, TYPE a
// node type, COMMAND a sub-command; anything else is free text.
ValueKind inferKind(const QString &valueName, bool positional);
QString kindName(ValueKind kind);
ValueKind kindFromName(const QString &name);

struct Option
{
    QStringList names;   // without dashes, short ones first: {"v", "verbose"}
    QString valueName;   // empty for a flag
    QString description; // as --help prints it
    QStringList defaults;
    ValueKind kind = ValueKind::None;
};

struct Argument
{
    QString name;   // "FILE"
    QString syntax; // as in the usage line: "FILE...", "[TYPE...]"
    QString description;
    ValueKind kind = ValueKind::None;
};

struct Command
{
    QString name;        // empty for the program itself
    QString synopsis;    // after the program name: "validate [options] FILE..."
    QString summary;     // one line for the command list
    QString description; // the paragraph --help prints
    QList<Option> options;
    QList<Argument> arguments;
};

struct Section
{
    QString title; // "EXIT STATUS"
    QString text;  // plain text; blank lines separate paragraphs
};

struct Program
{
    QString name;    // "flowrun"
    QString version; // "0.1.0"
    QString summary; // one line, the man page's NAME
    Command main;    // the program's own synopsis, description, options and arguments
    QList<Command> commands;
    QList<Section> sections; // extra man page sections, after OPTIONS
    QStringList seeAlso;     // "flowstudio(1)"
};

// A QCommandLineOption as data. Options hidden from help are not documented: they return nullopt.
std::optional<Option> describeOption(const QCommandLineOption &option, ValueKind kind = ValueKind::Auto);
Argument describeArgument(const QString &name, const QString &description, const QString &syntax,
                          ValueKind kind = ValueKind::Auto);

QJsonObject toJson(const Program &program);
// Reads what toJson() wrote; `error` gets a message when the object is not such a description.
std::optional<Program> programFromJson(const QJsonObject &object, QString *error);

// The generators (manpage.cpp, completions.cpp). `date` is the man page's date, e.g. "2026-12-03".
QString manPage(const Program &program, const QString &date);
QString bashCompletion(const Program &program);
QString zshCompletion(const Program &program);

} // namespace Flow::CliDoc
