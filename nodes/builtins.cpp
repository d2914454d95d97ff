// Metadata of the built-in node types (DESIGN.md §4). Their port and config names are part of the
// file format contract: add fields freely, never rename or remove one.
#include "registry.h"

#include <QCoreApplication>

namespace Flow {
namespace {

ConfigField field(const QString &name, FieldKind kind, const QString &description, Value def = {},
                  bool required = false)
{
    ConfigField f;
    f.name = name;
    f.kind = kind;
    f.description = description;
    f.defaultValue = std::move(def);
    f.required = required;
    return f;
}

ConfigField choice(const QString &name, const QStringList &choices, const QString &description, Value def)
{
    ConfigField f = field(name, FieldKind::Enum, description, std::move(def));
    f.choices = choices;
    return f;
}

ConfigField code(const QString &name, const QString &language, const QString &description, bool required)
{
    ConfigField f = field(name, FieldKind::Code, description, {}, required);
    f.editorHint = language;
    return f;
}

QString icon(const QString &category)
{
    return QStringLiteral(":/icons/category-%1.svg").arg(category.toLower());
}

NodeTypeInfo type(const QString &id, const QString &title, const QString &category, const QString &description,
                  QList<PortInfo> inputs, QList<PortInfo> outputs, QList<ConfigField> config)
{
    NodeTypeInfo info;
    info.id = id;
    info.title = title;
    info.category = category;
    info.icon = icon(category);
    info.description = description;
    info.inputs = std::move(inputs);
    info.outputs = std::move(outputs);
    info.config = std::move(config);
    return info;
}

void addSystemTypes(QList<NodeTypeInfo> &types)
{
    types.append(type(
        "shell.exec", "Shell command", "System",
        "Runs a command and streams its output. A string runs through /bin/sh -c; a list is the argv.",
        {{"stdin", "Text written to the command's standard input"}},
        {{"stdout", "Standard output"}, {"stderr", "Standard error"}, {"exit_code", "Exit status"}},
        {field("command", FieldKind::Command, "Command line (string) or argv (list)", {}, true),
         field("cwd", FieldKind::Path, "Working directory"),
         field("env", FieldKind::KeyValue, "Extra environment variables"),
         field("allow_failure", FieldKind::Bool, "A non-zero exit status does not fail the node", false),
         field("kill_grace", FieldKind::Duration,
               "On cancel or timeout, how long the process gets after SIGTERM before SIGKILL", "2s")}));
    types.append(type("time.delay", "Delay", "Flow", "Waits for a while, then passes its input through.",
                      {{"value", "Passed through unchanged"}}, {{"value", "The input value"}},
                      {field("duration", FieldKind::Duration, "How long to wait", "1s", true)}));
    types.append(type("debug.log", "Log message", "Debug", "Writes a message to the run log.",
                      {{"message", "Logged when config message is empty"}}, {{"message", "The logged text"}},
                      {field("message", FieldKind::Text, "Text to log (may use ${{ }} expressions)"),
                       choice("level", {"debug", "info", "warn", "error"}, "Log level", "info")}));
}

void addDataTypes(QList<NodeTypeInfo> &types)
{
    types.append(type("json.parse", "Parse JSON", "Data", "Parses JSON text into a value.",
                      {{"text", "JSON text"}}, {{"value", "The parsed value"}}, {}));
    types.append(type("json.stringify", "Write JSON", "Data", "Turns a value into JSON text.",
                      {{"value", "Any value"}}, {{"text", "JSON text"}},
                      {field("indent", FieldKind::Integer, "Spaces per indent level; 0 for compact", 2)}));
    types.append(type("json.select", "Select from JSON", "Data",
                      "Picks part of a value by a path such as items[0].name.", {{"value", "Any value"}},
                      {{"value", "The selected part"}},
                      {field("path", FieldKind::String, "Path such as items[0].name", {}, true)}));
}

void addNetworkAndFileTypes(QList<NodeTypeInfo> &types)
{
    types.append(type(
        "http.request", "HTTP request", "Network", "Sends an HTTP request and returns the response.",
        {{"body", "Request body (overrides config body)"}},
        {{"status", "HTTP status code"}, {"headers", "Response headers"}, {"body", "Response body text"},
         {"json", "Response body parsed as JSON, when it is JSON"}},
        {choice("method", {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}, "HTTP method", "GET"),
         field("url", FieldKind::String, "URL", {}, true), field("headers", FieldKind::KeyValue, "Request headers"),
         field("query", FieldKind::KeyValue, "Query parameters"), field("body", FieldKind::Text, "Request body"),
         field("follow_redirects", FieldKind::Bool, "Follow redirects", true),
         field("allow_status", FieldKind::StringList, "Statuses that count as success besides 2xx")}));
    types.append(type("file.read", "Read file", "Files", "Reads a text file.", {}, {{"content", "File content"}},
                      {field("path", FieldKind::Path, "File to read", {}, true)}));
    types.append(type("file.write", "Write file", "Files", "Writes text to a file.",
                      {{"content", "Text to write"}}, {{"path", "Absolute path of the written file"}},
                      {field("path", FieldKind::Path, "File to write", {}, true),
                       field("append", FieldKind::Bool, "Append instead of replacing", false)}));
}

void addScriptTypes(QList<NodeTypeInfo> &types)
{
    NodeTypeInfo script = type(
        "script.js", "JavaScript", "Script",
        "Runs JavaScript in a sandbox. Each input becomes a variable; the returned value is the result.", {},
        {{"result", "The returned value"}},
        {code("code", "javascript", "Function body; `return` the result", true),
         field("time_limit", FieldKind::Duration, "Interrupt the script after this long", "10s"),
         field("outputs", FieldKind::StringList, "Fields of the returned object to expose as outputs")});
    script.dynamicInputs = true;
    script.dynamicOutputs = true;
    types.append(script);

    NodeTypeInfo subflow = type("flow.subflow", "Sub-workflow", "Flow",
                                "Runs another workflow file; inputs become its params, its outputs are returned.",
                                {}, {}, {field("path", FieldKind::Path, "Workflow file", {}, true)});
    subflow.dynamicInputs = true;
    subflow.dynamicOutputs = true;
    types.append(subflow);
}

} // namespace

// Implementations register their factories here (builtin/*.cpp); types without one are metadata only.
void registerBuiltinFactories(NodeRegistry &registry, const QList<NodeTypeInfo> &types);

const NodeRegistry &NodeRegistry::builtins()
{
    static const NodeRegistry registry = [] {
        QList<NodeTypeInfo> types;
        addSystemTypes(types);
        addDataTypes(types);
        addNetworkAndFileTypes(types);
        addScriptTypes(types);
        NodeRegistry r;
        registerBuiltinFactories(r, types);
        return r;
    }();
    return registry;
}

const NodeTypeCatalog *builtinCatalog()
{
    return &NodeRegistry::builtins();
}

} // namespace Flow
