// flowrun nodes: the node type catalogue as text for people or JSON for tools.
#include "cliutil.h"
#include "commands.h"

#include "nodes/registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Flow::Cli {
namespace {

// Version of the JSON layout below; bump it only when a field changes meaning or disappears.
constexpr int NodesJsonVersion = 1;

QJsonArray portsJson(const QList<PortInfo> &ports)
{
    QJsonArray array;
    for (const PortInfo &p : ports)
        array.append(QJsonObject{{"name", p.name}, {"description", p.description}});
    return array;
}

QJsonObject fieldJson(const ConfigField &f)
{
    return QJsonObject{
        {"name", f.name},
        {"kind", fieldKindName(f.kind)},
        {"description", f.description},
        {"default", QJsonValue::fromVariant(f.defaultValue.toVariant())},
        {"required", f.required},
        {"choices", QJsonArray::fromStringList(f.choices)},
        {"editor_hint", f.editorHint},
    };
}

QJsonObject typeJson(const NodeTypeInfo &t)
{
    QJsonArray config;
    for (const ConfigField &f : t.config)
        config.append(fieldJson(f));
    return QJsonObject{
        {"type", t.id},
        {"title", t.title},
        {"category", t.category},
        {"description", t.description},
        {"icon", t.icon},
        {"inputs", portsJson(t.inputs)},
        {"outputs", portsJson(t.outputs)},
        {"dynamic_inputs", t.dynamicInputs},
        {"dynamic_outputs", t.dynamicOutputs},
        {"config", config},
        // flow.subflow has no factory: the executor runs it itself (executor/subflow.h).
        {"runnable", NodeRegistry::builtins().canRun(t.id) || t.id == u"flow.subflow"},
    };
}

QString portsText(const QList<PortInfo> &ports, bool dynamic)
{
    QStringList names;
    for (const PortInfo &p : ports)
        names.append(p.name);
    if (dynamic)
        names.append(QStringLiteral("(any name)"));
    return names.isEmpty() ? QStringLiteral("-") : names.join(QStringLiteral(", "));
}

QString fieldText(const ConfigField &f)
{
    QStringList traits{fieldKindName(f.kind)};
    if (f.required)
        traits.append(QStringLiteral("required"));
    if (!f.defaultValue.isNull()) {
        const QByteArray json = QJsonDocument(QJsonArray{QJsonValue::fromVariant(f.defaultValue.toVariant())})
                                    .toJson(QJsonDocument::Compact);
        traits.append(QStringLiteral("default %1").arg(QString::fromUtf8(json.mid(1, json.size() - 2))));
    }
    if (!f.choices.isEmpty())
        traits.append(QStringLiteral("one of %1").arg(f.choices.join(QLatin1Char('|'))));
    return QStringLiteral("    %1 %2  %3\n")
        .arg(f.name.leftJustified(16), QStringLiteral("(%1)").arg(traits.join(QStringLiteral(", "))),
             f.description);
}

QString typeText(const NodeTypeInfo &t)
{
    QString text = QStringLiteral("%1 - %2 [%3]\n  %4\n").arg(t.id, t.title, t.category, t.description);
    text += QStringLiteral("  inputs:  %1\n").arg(portsText(t.inputs, t.dynamicInputs));
    text += QStringLiteral("  outputs: %1\n").arg(portsText(t.outputs, t.dynamicOutputs));
    if (t.config.isEmpty())
        return text + QStringLiteral("  config:  -\n");
    text += QStringLiteral("  config:\n");
    for (const ConfigField &f : t.config)
        text += fieldText(f);
    return text;
}

} // namespace

int nodesCommand(const QStringList &args)
{
    CommandParser cmd(QStringLiteral("nodes"), QStringLiteral("nodes [options] [TYPE...]"),
                      QStringLiteral("Lists the node types a workflow can use: title, category, description, "
                                     "input and output ports, and config fields (kind, default, required, "
                                     "choices).\nWith TYPE arguments, lists just those types."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral("Print JSON: {\"version\": 1, \"nodes\": [...]} (stable layout, "
                       "see docs/cli.md)."));
    cmd.parser().addOption(json);
    cmd.parser().addPositionalArgument(QStringLiteral("TYPE"),
                                       QStringLiteral("Node type ids, e.g. shell.exec."),
                                       QStringLiteral("[TYPE...]"));
    if (auto exit = cmd.parse(args, false))
        return *exit;

    const NodeRegistry &registry = NodeRegistry::builtins();
    QList<const NodeTypeInfo *> types;
    bool unknown = false;
    if (cmd.files().isEmpty()) {
        types = registry.all();
    } else {
        for (const QString &id : cmd.files()) {
            if (const NodeTypeInfo *t = registry.find(id))
                types.append(t);
            else {
                printError(QStringLiteral("nodes: unknown node type '%1'").arg(id));
                unknown = true;
            }
        }
    }

    if (cmd.parser().isSet(json)) {
        QJsonArray array;
        for (const NodeTypeInfo *t : types)
            array.append(typeJson(*t));
        const QJsonObject root{{"version", NodesJsonVersion}, {"nodes", array}};
        writeOut(QJsonDocument(root).toJson(QJsonDocument::Indented));
    } else {
        QStringList blocks;
        for (const NodeTypeInfo *t : types)
            blocks.append(typeText(*t));
        printOut(blocks.join(QLatin1Char('\n')));
    }
    return unknown ? ExitProblems : ExitOk;
}

} // namespace Flow::Cli
