#include "clidoc.h"

#include <QCommandLineOption>
#include <QJsonArray>

namespace Flow::CliDoc {
namespace {

constexpr int JsonVersion = 1;

const std::pair<ValueKind, const char *> KindNames[] = {
    {ValueKind::None, "none"},          {ValueKind::File, "file"},
    {ValueKind::Workflow, "workflow"},  {ValueKind::Directory, "directory"},
    {ValueKind::NodeType, "node-type"}, {ValueKind::Command, "command"},
};

QJsonObject optionJson(const Option &o)
{
    return {{"names", QJsonArray::fromStringList(o.names)},
            {"value", o.valueName},
            {"description", o.description},
            {"defaults", QJsonArray::fromStringList(o.defaults)},
            {"complete", kindName(o.kind)}};
}

QJsonObject argumentJson(const Argument &a)
{
    return {{"name", a.name},
            {"syntax", a.syntax},
            {"description", a.description},
            {"complete", kindName(a.kind)}};
}

QJsonObject commandJson(const Command &c)
{
    QJsonArray options;
    for (const Option &o : c.options)
        options.append(optionJson(o));
    QJsonArray arguments;
    for (const Argument &a : c.arguments)
        arguments.append(argumentJson(a));
    return {{"name", c.name},       {"synopsis", c.synopsis},
            {"summary", c.summary}, {"description", c.description},
            {"options", options},   {"arguments", arguments}};
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

Command commandFromJson(const QJsonObject &o)
{
    Command c;
    c.name = o.value("name").toString();
    c.synopsis = o.value("synopsis").toString();
    c.summary = o.value("summary").toString();
    c.description = o.value("description").toString();
    for (const QJsonValue &v : o.value("options").toArray()) {
        const QJsonObject j = v.toObject();
        c.options.append({strings(j.value("names")), j.value("value").toString(),
                          j.value("description").toString(), strings(j.value("defaults")),
                          kindFromName(j.value("complete").toString())});
    }
    for (const QJsonValue &v : o.value("arguments").toArray()) {
        const QJsonObject j = v.toObject();
        c.arguments.append({j.value("name").toString(), j.value("syntax").toString(),
                            j.value("description").toString(), kindFromName(j.value("complete").toString())});
    }
    return c;
}

} // namespace

ValueKind inferKind(const QString &valueName, bool positional)
{
    const QString name = valueName.toUpper();
    if (name == u"FILE" || name.endsWith(u"FILE") || name.endsWith(u".PNG"))
        return positional ? ValueKind::Workflow : ValueKind::File;
    if (name == u"DIR" || name == u"DIRECTORY")
        return ValueKind::Directory;
    if (name == u"TYPE")
        return ValueKind::NodeType;
    if (name == u"COMMAND")
        return ValueKind::Command;
    return ValueKind::None;
}

QString kindName(ValueKind kind)
{
    for (const auto &[k, name] : KindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("none");
}

ValueKind kindFromName(const QString &name)
{
    for (const auto &[k, text] : KindNames) {
        if (name == QLatin1String(text))
            return k;
    }
    return ValueKind::None;
}

std::optional<Option> describeOption(const QCommandLineOption &option, ValueKind kind)
{
    if (option.flags() & QCommandLineOption::HiddenFromHelp)
        return std::nullopt;
    Option o;
    o.names = option.names();
    std::stable_sort(o.names.begin(), o.names.end(),
                     [](const QString &a, const QString &b) { return a.size() == 1 && b.size() > 1; });
    o.valueName = option.valueName();
    o.description = option.description();
    o.defaults = option.defaultValues();
    o.kind = kind != ValueKind::Auto ? kind
             : o.valueName.isEmpty() ? ValueKind::None
                                     : inferKind(o.valueName, false);
    return o;
}

Argument describeArgument(const QString &name, const QString &description, const QString &syntax,
                          ValueKind kind)
{
    return {name, syntax.isEmpty() ? name : syntax, description,
            kind == ValueKind::Auto ? inferKind(name, true) : kind};
}

QJsonObject toJson(const Program &program)
{
    QJsonArray commands;
    for (const Command &c : program.commands)
        commands.append(commandJson(c));
    QJsonArray sections;
    for (const Section &s : program.sections)
        sections.append(QJsonObject{{"title", s.title}, {"text", s.text}});
    return {{"format", JsonVersion},
            {"program", program.name},
            {"version", program.version},
            {"summary", program.summary},
            {"main", commandJson(program.main)},
            {"commands", commands},
            {"sections", sections},
            {"see_also", QJsonArray::fromStringList(program.seeAlso)}};
}

std::optional<Program> programFromJson(const QJsonObject &object, QString *error)
{
    if (object.value("format").toInt() != JsonVersion || object.value("program").toString().isEmpty()) {
        if (error)
            *error = QStringLiteral("not a command line description (format %1 with a program name)")
                         .arg(JsonVersion);
        return std::nullopt;
    }
    Program p;
    p.name = object.value("program").toString();
    p.version = object.value("version").toString();
    p.summary = object.value("summary").toString();
    p.main = commandFromJson(object.value("main").toObject());
    for (const QJsonValue &v : object.value("commands").toArray())
        p.commands.append(commandFromJson(v.toObject()));
    for (const QJsonValue &v : object.value("sections").toArray())
        p.sections.append({v.toObject().value("title").toString(), v.toObject().value("text").toString()});
    p.seeAlso = strings(object.value("see_also"));
    return p;
}

} // namespace Flow::CliDoc
