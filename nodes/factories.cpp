// Binds each built-in type's metadata to its implementation.
#include "registry.h"

#include "builtin/basicnodes.h"
#include "builtin/filenodes.h"
#include "builtin/flownodes.h"
#include "builtin/httprequest.h"
#include "builtin/jsonnodes.h"
#include "builtin/nodeconfig.h"
#include "builtin/scriptjs.h"
#include "builtin/shellexec.h"

#include <QHash>

namespace Flow {
namespace {

using FactoryMaker = NodeFactory (*)(const NodeTypeInfo &);

// Every node gets the defaults of its metadata, computed once here rather than on every run.
template<typename T>
NodeFactory makeFactory(const NodeTypeInfo &info)
{
    return [defaults = configDefaults(info)] {
        return std::make_unique<T>(defaults);
    };
}

const QHash<QString, FactoryMaker> &implementations()
{
    static const QHash<QString, FactoryMaker> makers{
        {QStringLiteral("shell.exec"), &makeFactory<ShellExecNode>},
        {QStringLiteral("debug.log"), &makeFactory<DebugLogNode>},
        {QStringLiteral("time.delay"), &makeFactory<DelayNode>},
        {QStringLiteral("file.read"), &makeFactory<FileReadNode>},
        {QStringLiteral("file.write"), &makeFactory<FileWriteNode>},
        {QStringLiteral("json.parse"), &makeFactory<JsonParseNode>},
        {QStringLiteral("json.stringify"), &makeFactory<JsonStringifyNode>},
        {QStringLiteral("json.select"), &makeFactory<JsonSelectNode>},
        {QStringLiteral("http.request"), &makeFactory<HttpRequestNode>},
        {QStringLiteral("script.js"), &makeFactory<ScriptJsNode>},
        {QStringLiteral("flow.value"), &makeFactory<ValueNode>},
    };
    return makers;
}

} // namespace

void registerBuiltinFactories(NodeRegistry &registry, const QList<NodeTypeInfo> &types)
{
    for (const NodeTypeInfo &info : types) {
        const FactoryMaker maker = implementations().value(info.id);
        registry.add(info, maker ? maker(info) : NodeFactory{});
    }
}

} // namespace Flow
