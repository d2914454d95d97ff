// readWorkflow(): YAML text -> Value tree (yamltree.cpp) -> Workflow, with every problem on the way.
#include "yamlreader.h"

#include "readercontext.h"
#include "textutil.h"
#include "yamltree.h"

#include <algorithm>

namespace Flow {
namespace {

using Reader::Context;
using Reader::posOf;
using Reader::tr;

const QStringList &topKeys()
{
    static const QStringList keys
        = {"flowstudio", "name", "description", "params", "settings", "outputs", "nodes", "layout"};
    return keys;
}

void readVersion(Context &context, const Value &root, Workflow &workflow)
{
    const Value *version = root.find(u"flowstudio");
    if (!version) {
        context.error(root.pos, tr("missing 'flowstudio: 1' (the format version) at the top of the file"));
        return;
    }
    if (version->isInt() && version->toInt() == 1) {
        workflow.version = 1;
        return;
    }
    if (version->isInt()) {
        context.error(posOf(*version),
                      tr("unsupported format version 'flowstudio: %1' (this Flowstudio reads "
                         "version 1)")
                          .arg(version->toInt()));
        return;
    }
    context.error(posOf(*version), tr("'flowstudio' must be 1, not %1").arg(Text::describe(*version)));
}

void readParams(Context &context, const Value &params, Workflow &workflow)
{
    if (!context.mapOrEmpty(params, tr("'params'"), tr("a map of param names to {default, description}")))
        return;
    for (const Value::Entry &entry : params.map()) {
        ParamSpec param;
        param.name = entry.first;
        param.pos = entry.second.keyPos;
        const Value &v = entry.second;
        if (!v.isMap()) {
            param.defaultValue = v; // the short form: `repo: acme/widgets`
        } else {
            const QString where = tr(" in param '%1'").arg(param.name);
            context.checkKeys(v, {"default", "description"}, where);
            if (const Value *def = v.find(u"default"))
                param.defaultValue = *def;
            if (const Value *description = v.find(u"description")) {
                param.description
                    = context.text(*description, tr("'description' of param '%1'").arg(param.name))
                          .value_or(QString());
            }
        }
        param.defaultValue.keyPos = {};
        workflow.params.append(param);
    }
}

void readSettings(Context &context, const Value &settings, Workflow &workflow)
{
    workflow.settings.pos = settings.keyPos;
    if (!context.mapOrEmpty(settings, tr("'settings'"), tr("a map with max_parallel, on_error, timeout, backend and slurm")))
        return;
    context.checkKeys(settings, {"max_parallel", "on_error", "timeout", "backend", "slurm"}, tr(" in 'settings'"));
    if (const Value *v = settings.find(u"max_parallel"))
        workflow.settings.maxParallel = context.positiveInt(*v, tr("'max_parallel'"));
    if (const Value *v = settings.find(u"on_error")) {
        workflow.settings.onError = v->isString() ? onErrorFromName(v->toString()) : std::nullopt;
        if (!workflow.settings.onError) {
            context.error(posOf(*v), tr("'on_error' must be one of stop, continue, finish_running, not %1")
                                         .arg(Text::describe(*v)));
        }
    }
    if (const Value *v = settings.find(u"timeout"))
        workflow.settings.timeout = context.duration(*v, tr("'timeout' in 'settings'"));
    if (const Value *v = settings.find(u"backend"))
        workflow.settings.backend = readBackend(context, *v, tr("'backend' in 'settings'"));
    if (const Value *v = settings.find(u"slurm"))
        workflow.settings.slurm = readSlurm(context, *v, tr(" in 'settings'"));
}

void readOutputs(Context &context, const Value &outputs, Workflow &workflow)
{
    if (!context.mapOrEmpty(outputs, tr("'outputs'"), tr("a map of output names to 'node.port'")))
        return;
    for (const Value::Entry &entry : outputs.map()) {
        if (const auto ref = context.reference(entry.second, tr("output '%1'").arg(entry.first)))
            workflow.outputs.append(OutputBinding{entry.first, ref->first, ref->second, posOf(entry.second)});
    }
}

Workflow readTop(Context &context, const Value &root)
{
    Workflow workflow;
    context.checkKeys(root, topKeys(), tr(" at the top level"));
    readVersion(context, root, workflow);
    if (const Value *v = root.find(u"name"))
        workflow.name = context.text(*v, tr("'name'")).value_or(QString());
    if (const Value *v = root.find(u"description"))
        workflow.description = context.text(*v, tr("'description'")).value_or(QString());
    if (const Value *v = root.find(u"params"))
        readParams(context, *v, workflow);
    if (const Value *v = root.find(u"settings"))
        readSettings(context, *v, workflow);
    if (const Value *v = root.find(u"nodes"))
        Reader::readNodes(context, *v, workflow);
    if (const Value *v = root.find(u"outputs"))
        readOutputs(context, *v, workflow);
    if (const Value *v = root.find(u"layout"))
        Reader::readLayout(context, *v, workflow);
    return workflow;
}

bool before(const Diagnostic &a, const Diagnostic &b)
{
    return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
}

} // namespace

LoadResult readWorkflowText(const QByteArray &yaml, bool *syntaxError)
{
    LoadResult result;
    Yaml::Tree tree = Yaml::parseTree(yaml);
    result.diagnostics = tree.diagnostics;
    if (syntaxError)
        *syntaxError = tree.syntaxError;
    Context context;
    if (!tree.root || tree.root->isNull()) {
        if (!tree.syntaxError)
            context.error({1, 1}, tr("the file is empty (a workflow starts with 'flowstudio: 1')"));
    } else if (!tree.root->isMap()) {
        context.error(posOf(*tree.root),
                      tr("the top level must be a map with 'flowstudio', 'name', 'nodes' and so "
                         "on, not %1")
                          .arg(Text::describe(*tree.root)));
    } else {
        result.workflow = readTop(context, *tree.root);
    }
    if (!tree.syntaxError)
        result.diagnostics += context.diagnostics;
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), before);
    return result;
}

LoadResult readWorkflow(const QByteArray &yaml)
{
    return readWorkflowText(yaml, nullptr);
}

} // namespace Flow
