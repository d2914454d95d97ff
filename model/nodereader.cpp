// The `nodes:` and `layout:` sections of a workflow file.
#include "readercontext.h"

#include "textutil.h"

#include <QHash>

#include <cmath>

namespace Flow::Reader {
namespace {

const QStringList &nodeKeys()
{
    static const QStringList keys = {"type",        "description", "inputs", "after",   "when", "for_each",
                                     "concurrency", "config",      "retry",  "timeout", "cache",
                                     "backend",     "slurm"};
    return keys;
}

QString ofNode(const char *key, const QString &id)
{
    return tr("'%1' of node '%2'").arg(QString::fromLatin1(key), id);
}

void readInputs(Context &context, const Value &inputs, Node &node)
{
    if (!context.mapOrEmpty(inputs, ofNode("inputs", node.id), tr("a map of input ports to 'node.port'"),
                            node.id))
        return;
    for (const Value::Entry &entry : inputs.map()) {
        const QString what = tr("input '%1' of node '%2'").arg(entry.first, node.id);
        if (const auto ref = context.reference(entry.second, what, node.id))
            node.inputs.append(InputBinding{entry.first, ref->first, ref->second, posOf(entry.second)});
    }
}

void readAfter(Context &context, const Value &after, Node &node)
{
    node.afterPos = posOf(after);
    const auto bad = [&] {
        context.error(posOf(after),
                      tr("%1 must be a node id or a list of node ids, not %2")
                          .arg(ofNode("after", node.id), Text::describe(after)),
                      node.id);
    };
    if (after.isNull())
        return;
    if (after.isString()) {
        node.after.append(after.toString());
        return;
    }
    if (!after.isList())
        return bad();
    for (const Value &item : after.list()) {
        if (!item.isString()) {
            context.error(
                posOf(item),
                tr("%1 must list node ids, not %2").arg(ofNode("after", node.id), Text::describe(item)),
                node.id);
            continue;
        }
        node.after.append(item.toString());
    }
}

void readForEach(Context &context, const Value &forEach, Node &node)
{
    if (forEach.isNull())
        return;
    if (forEach.isList() || forEach.isString()) {
        node.forEach = forEach;
        return;
    }
    context.error(posOf(forEach),
                  tr("%1 must be a list or an expression such as '${{ params.items }}', not %2")
                      .arg(ofNode("for_each", node.id), Text::describe(forEach)),
                  node.id);
}

void readRetry(Context &context, const Value &retry, Node &node)
{
    const QString where = tr(" in 'retry' of node '%1'").arg(node.id);
    if (!context.mapOrEmpty(retry, ofNode("retry", node.id), tr("a map such as {attempts: 3, delay: 1s}"),
                            node.id))
        return;
    context.checkKeys(retry, {"attempts", "delay", "backoff", "max_delay"}, where, node.id);
    RetryPolicy policy;
    policy.pos = retry.keyPos;
    const auto what = [&](const char *key) {
        return tr("'%1'%2").arg(QString::fromLatin1(key), where);
    };
    if (const Value *v = retry.find(u"attempts")) {
        if (const auto attempts = context.positiveInt(*v, what("attempts"), node.id))
            policy.attempts = *attempts;
    }
    if (const Value *v = retry.find(u"delay")) {
        if (const auto delay = context.duration(*v, what("delay"), node.id))
            policy.delay = *delay;
    }
    if (const Value *v = retry.find(u"backoff")) {
        if (const auto backoff = context.number(*v, 1.0, what("backoff"), node.id))
            policy.backoff = *backoff;
    }
    if (const Value *v = retry.find(u"max_delay"))
        policy.maxDelay = context.duration(*v, what("max_delay"), node.id);
    node.retry = policy;
}

void readConfig(Context &context, const Value &config, Node &node)
{
    if (config.isNull())
        return;
    if (!config.isMap()) {
        context.error(
            posOf(config),
            tr("%1 must be a map of settings, not %2").arg(ofNode("config", node.id), Text::describe(config)),
            node.id);
    }
    // Kept even when it is not a map, so that the validator does not also report missing settings.
    node.config = config;
}

void readNodeFields(Context &context, const Value &body, Node &node)
{
    const QString &id = node.id;
    context.checkKeys(body, nodeKeys(), tr(" in node '%1'").arg(id), id);
    for (const Value::Entry &entry : body.map()) {
        const QString &key = entry.first;
        const Value &v = entry.second;
        if (key == u"type") {
            node.typePos = posOf(v);
            if (!v.isString() || v.toString().isEmpty())
                context.error(posOf(v),
                              tr("%1 must be a type id such as 'shell.exec', not %2")
                                  .arg(ofNode("type", id), Text::describe(v)),
                              id);
            else
                node.type = v.toString();
        } else if (key == u"description") {
            node.description = context.text(v, ofNode("description", id), id).value_or(QString());
        } else if (key == u"inputs") {
            readInputs(context, v, node);
        } else if (key == u"after") {
            readAfter(context, v, node);
        } else if (key == u"when") {
            node.whenPos = posOf(v);
            node.when = context.text(v, ofNode("when", id), id).value_or(QString());
        } else if (key == u"for_each") {
            readForEach(context, v, node);
        } else if (key == u"concurrency") {
            node.concurrency = context.positiveInt(v, ofNode("concurrency", id), id);
        } else if (key == u"config") {
            readConfig(context, v, node);
        } else if (key == u"retry") {
            readRetry(context, v, node);
        } else if (key == u"timeout") {
            node.timeout = context.duration(v, ofNode("timeout", id), id);
        } else if (key == u"cache") {
            node.cache = context.boolean(v, ofNode("cache", id), id).value_or(false);
        } else if (key == u"backend") {
            node.backend = readBackend(context, v, ofNode("backend", id), id);
        } else if (key == u"slurm") {
            node.slurm = readSlurm(context, v, tr(" of node '%1'").arg(id), id);
        }
    }
}

} // namespace

void readNodes(Context &context, const Value &nodes, Workflow &workflow)
{
    if (!context.mapOrEmpty(nodes, tr("'nodes'"), tr("a map of node ids to nodes")))
        return;
    workflow.nodes.reserve(workflow.nodes.size() + qsizetype(nodes.map().size()));
    for (const Value::Entry &entry : nodes.map()) {
        Node node;
        node.id = entry.first;
        node.pos = entry.second.keyPos;
        const Value &body = entry.second;
        if (body.isMap()) {
            readNodeFields(context, body, node);
        } else if (!body.isNull()) {
            node.typePos = posOf(body); // the problem is reported here, not again as a missing type
            context.error(posOf(body),
                          tr("node '%1' must be a map with at least a 'type', not %2")
                              .arg(node.id, Text::describe(body)),
                          node.id);
        }
        workflow.nodes.append(std::move(node));
    }
}

void readLayout(Context &context, const Value &layout, Workflow &workflow)
{
    if (!context.mapOrEmpty(layout, tr("'layout'"), tr("a map of node ids to positions [x, y]")))
        return;
    const QStringList ids = workflow.nodeIds();
    QHash<QString, Node *> byId; // Workflow::node() is linear; layouts of big workflows are big too
    for (Node &node : workflow.nodes)
        byId.insert(node.id, &node);
    for (const Value::Entry &entry : layout.map()) {
        const Value &v = entry.second;
        Node *node = byId.value(entry.first);
        if (!node) {
            context.error(
                v.keyPos,
                tr("layout for unknown node '%1'%2").arg(entry.first, Text::didYouMean(entry.first, ids)));
            continue;
        }
        if (!v.isList() || v.size() != 2) {
            context.error(posOf(v),
                          tr("layout of node '%1' must be a position [x, y], not %2")
                              .arg(entry.first,
                                   v.isList() ? tr("a list of %1 items").arg(v.size()) : Text::describe(v)),
                          node->id);
            continue;
        }
        const Value &x = v.list()[0];
        const Value &y = v.list()[1];
        const Value *bad = !x.isNumber() || !std::isfinite(x.toDouble())   ? &x
                           : !y.isNumber() || !std::isfinite(y.toDouble()) ? &y
                                                                           : nullptr;
        if (bad) {
            context.error(posOf(*bad),
                          tr("layout of node '%1' must be a position [x, y] of two numbers, not %2")
                              .arg(entry.first, Text::describe(*bad)),
                          node->id);
            continue;
        }
        node->position = QPointF(v.list()[0].toDouble(), v.list()[1].toDouble());
    }
}

} // namespace Flow::Reader
