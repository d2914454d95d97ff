#include "nodetypeinfo.h"

#include <algorithm>

namespace Flow {

QString fieldKindName(FieldKind kind)
{
    switch (kind) {
    case FieldKind::String: return QStringLiteral("string");
    case FieldKind::Text: return QStringLiteral("text");
    case FieldKind::Integer: return QStringLiteral("integer");
    case FieldKind::Number: return QStringLiteral("number");
    case FieldKind::Bool: return QStringLiteral("bool");
    case FieldKind::Enum: return QStringLiteral("enum");
    case FieldKind::Duration: return QStringLiteral("duration");
    case FieldKind::Path: return QStringLiteral("path");
    case FieldKind::KeyValue: return QStringLiteral("key-value");
    case FieldKind::StringList: return QStringLiteral("string-list");
    case FieldKind::Code: return QStringLiteral("code");
    case FieldKind::Command: return QStringLiteral("command");
    case FieldKind::Any: return QStringLiteral("any");
    }
    return {};
}

const ConfigField *NodeTypeInfo::field(QStringView name) const
{
    auto it = std::find_if(config.begin(), config.end(), [name](const ConfigField &f) { return f.name == name; });
    return it == config.end() ? nullptr : &*it;
}

bool NodeTypeInfo::hasInput(QStringView port) const
{
    return dynamicInputs
           || std::any_of(inputs.begin(), inputs.end(), [port](const PortInfo &p) { return p.name == port; });
}

bool NodeTypeInfo::hasOutput(QStringView port) const
{
    return dynamicOutputs
           || std::any_of(outputs.begin(), outputs.end(), [port](const PortInfo &p) { return p.name == port; });
}

} // namespace Flow
