#pragma once

#include "value.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Flow {

// Metadata of a node type: what the palette, inspector, validator and canvas need to know about it.
// Plain data; the registry that holds these and the factories that run them live in nodes/.

enum class FieldKind {
    String,     // one line of text
    Text,       // several lines of text
    Integer,
    Number,
    Bool,
    Enum,       // one of `choices`
    Duration,   // "30s"
    Path,       // a file path (the inspector offers a file dialog)
    KeyValue,   // a map of string -> string (env, headers, query)
    StringList, // a list of strings
    Code,       // source code; `editorHint` names the language: "shell", "javascript", "json"
    Command,    // a string (run by /bin/sh -c) or a list of strings (argv)
    Any,        // any YAML value
};
QString fieldKindName(FieldKind kind);

struct ConfigField
{
    QString name;
    FieldKind kind = FieldKind::String;
    QString description;
    Value defaultValue; // null when there is none
    bool required = false;
    QStringList choices; // for Enum
    QString editorHint;  // for Code: the language
};

struct PortInfo
{
    QString name;
    QString description;
};

struct NodeTypeInfo
{
    QString id;          // "shell.exec"
    QString title;       // "Shell command"
    QString category;    // "System", "Network", "Data", "Script", "Files", "Flow", "Debug"
    QString icon;        // resource path of an SVG, e.g. ":/icons/category-system.svg"
    QString description; // one or two sentences
    QList<PortInfo> inputs;
    QList<PortInfo> outputs;
    QList<ConfigField> config;
    bool dynamicInputs = false;  // any input name is accepted (script.js, flow.subflow)
    bool dynamicOutputs = false; // output names come from config (script.js `outputs`, subflow)

    const ConfigField *field(QStringView name) const;
    bool hasInput(QStringView port) const;
    bool hasOutput(QStringView port) const;
};

// Read-only access to the known node types; nodes/ provides the real one. Lets the model validate
// types and ports without depending on nodes/.
class NodeTypeCatalog
{
public:
    virtual ~NodeTypeCatalog() = default;
    virtual const NodeTypeInfo *find(QStringView typeId) const = 0;
    virtual QList<const NodeTypeInfo *> all() const = 0;
};

} // namespace Flow
