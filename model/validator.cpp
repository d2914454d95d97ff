// validateWorkflow(): the checks that need the whole workflow or the node type catalog.
#include "validator.h"

#include "cycles.h"
#include "expressionrefs.h"
#include "nodetypeinfo.h"
#include "textutil.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <vector>

namespace Flow {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::Validator", text);
}

QString portNames(const QList<PortInfo> &ports)
{
    QStringList names;
    for (const PortInfo &p : ports)
        names.append(p.name);
    return names.isEmpty() ? tr("none") : names.join(u", ");
}

// The place of character `offset` of a string that starts at `start`: strings keep the position
// of their first character of content, and block scalars the column of their indentation.
SourcePos offsetPos(const SourcePos &start, QStringView text, qsizetype offset)
{
    if (!start.isValid())
        return start;
    const QStringView head = text.left(offset);
    const qsizetype lastBreak = head.lastIndexOf(u'\n');
    if (lastBreak < 0)
        return {start.line, start.column + int(offset)};
    return {start.line + int(head.count(u'\n')), start.column + int(offset - lastBreak - 1)};
}

class Validator
{
public:
    Validator(const Workflow &workflow, const NodeTypeCatalog *catalog)
        : m_workflow(workflow)
        , m_catalog(catalog)
    {
        for (const Node &node : workflow.nodes) {
            if (!m_nodes.contains(node.id))
                m_nodes.insert(node.id, &node);
        }
    }

    Diagnostics run()
    {
        checkIds();
        m_expressionDeps.resize(size_t(m_workflow.nodes.size()));
        for (qsizetype i = 0; i < m_workflow.nodes.size(); ++i) {
            const Node &node = m_workflow.nodes.at(i);
            const NodeTypeInfo *type = checkType(node);
            checkInputs(node, type);
            checkAfter(node);
            if (type)
                checkConfig(node, *type);
            m_currentDeps = &m_expressionDeps[size_t(i)];
            checkExpressions(node);
        }
        checkOutputs();
        findCycles(m_workflow, m_expressionDeps, m_diagnostics);
        std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(),
                         [](const Diagnostic &a, const Diagnostic &b) {
                             return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
                         });
        return m_diagnostics;
    }

private:
    void error(const SourcePos &pos, const QString &message, const QString &nodeId)
    {
        Diagnostic d;
        d.pos = pos;
        d.message = message;
        d.nodeId = nodeId;
        m_diagnostics.append(d);
    }

    // Workflow::node() is a linear search; a big workflow needs the index.
    const Node *findNode(const QString &id) const { return m_nodes.value(id); }

    const NodeTypeInfo *typeOf(const QString &nodeId) const
    {
        const Node *node = findNode(nodeId);
        return node && m_catalog ? m_catalog->find(node->type) : nullptr;
    }

    void checkIds()
    {
        QHash<QString, const Node *> seen;
        for (const Node &node : m_workflow.nodes) {
            if (const Node *first = seen.value(node.id)) {
                const QString where = first->pos.isValid()
                                          ? tr(" (first defined on line %1)").arg(first->pos.line)
                                          : QString();
                error(node.pos, tr("duplicate node id '%1'%2").arg(node.id, where), node.id);
                continue;
            }
            seen.insert(node.id, &node);
            if (!isValidNodeId(node.id)) {
                error(node.pos,
                      tr("invalid node id '%1' (use letters, digits, '_' and '-', starting with a letter or "
                         "'_')")
                          .arg(node.id),
                      node.id);
            }
        }
    }

    const NodeTypeInfo *checkType(const Node &node)
    {
        if (node.type.isEmpty()) {
            // With a place for the type, the reader has already said what is wrong with it.
            if (!node.typePos.isValid())
                error(node.pos, tr("node '%1' has no 'type'").arg(node.id), node.id);
            return nullptr;
        }
        if (!m_catalog)
            return nullptr;
        if (const NodeTypeInfo *info = m_catalog->find(node.type))
            return info;
        // Kept by `flowrun import` for a FlowEngine node type that has no equivalent (importers/).
        if (node.type.startsWith(u"flowengine.")) {
            error(node.typePos.isValid() ? node.typePos : node.pos,
                  tr("node '%1' was imported from FlowEngine and not converted: '%2' has no Flowstudio "
                     "equivalent; replace it with a Flowstudio node")
                      .arg(node.id, node.type.mid(11)),
                  node.id);
            return nullptr;
        }
        QStringList known;
        for (const NodeTypeInfo *info : m_catalog->all())
            known.append(info->id);
        error(node.typePos.isValid() ? node.typePos : node.pos,
              tr("unknown node type '%1'%2").arg(node.type, Text::didYouMean(node.type, known)), node.id);
        return nullptr;
    }

    // "reads 'fetch.bdy', but ..." for a reference to a missing node or output port; empty when fine.
    QString referenceProblem(const QString &sourceNode, const QString &sourcePort) const
    {
        const QString ref = sourceNode + u'.' + sourcePort;
        if (!findNode(sourceNode)) {
            return tr("reads '%1', but there is no node '%2'%3")
                .arg(ref, sourceNode, Text::didYouMean(sourceNode, m_workflow.nodeIds()));
        }
        const NodeTypeInfo *type = typeOf(sourceNode);
        if (type && !type->hasOutput(sourcePort)) {
            return tr("reads '%1', but '%2' has no output port '%3' (it has: %4)")
                .arg(ref, type->id, sourcePort, portNames(type->outputs));
        }
        return {};
    }

    void checkInputs(const Node &node, const NodeTypeInfo *type)
    {
        for (const InputBinding &b : node.inputs) {
            if (type && !type->hasInput(b.port)) {
                error(b.pos,
                      tr("node '%1' has no input port '%2' ('%3' has: %4)")
                          .arg(node.id, b.port, type->id, portNames(type->inputs)),
                      node.id);
            }
            if (b.sourceNode == node.id) {
                error(b.pos, tr("node '%1' reads its own output '%1.%2'").arg(node.id, b.sourcePort),
                      node.id);
                continue;
            }
            const QString problem = referenceProblem(b.sourceNode, b.sourcePort);
            if (!problem.isEmpty())
                error(b.pos, tr("node '%1' %2").arg(node.id, problem), node.id);
        }
    }

    void checkAfter(const Node &node)
    {
        const SourcePos pos = node.afterPos.isValid() ? node.afterPos : node.pos;
        for (const QString &id : node.after) {
            if (id == node.id) {
                error(pos, tr("node '%1' waits for itself in 'after'").arg(node.id), node.id);
            } else if (!findNode(id)) {
                error(pos,
                      tr("node '%1' waits for '%2' in 'after', but there is no node '%2'%3")
                          .arg(node.id, id, Text::didYouMean(id, m_workflow.nodeIds())),
                      node.id);
            }
        }
    }

    static QString expectedKind(const ConfigField &field)
    {
        switch (field.kind) {
        case FieldKind::Bool:
            return tr("true or false");
        case FieldKind::Integer:
            return tr("a whole number");
        case FieldKind::Number:
            return tr("a number");
        case FieldKind::Enum:
            return tr("one of %1").arg(field.choices.join(u", "));
        case FieldKind::Duration:
            return tr("a duration such as 250ms, 30s, 10m or 1h");
        case FieldKind::KeyValue:
            return tr("a map of names to text");
        case FieldKind::StringList:
            return tr("a list of text");
        case FieldKind::Command:
            return tr("a command line or a list of arguments");
        default:
            return tr("text");
        }
    }

    static bool allScalars(const Value &v)
    {
        const auto scalar = [](const Value &item) {
            return item.isScalar();
        };
        if (v.isList())
            return std::all_of(v.list().begin(), v.list().end(), scalar);
        return std::all_of(v.map().begin(), v.map().end(),
                           [&](const Value::Entry &e) { return scalar(e.second); });
    }

    static bool kindMatches(const ConfigField &field, const Value &v)
    {
        switch (field.kind) {
        case FieldKind::Bool:
            return v.isBool();
        case FieldKind::Integer:
            return v.isInt();
        case FieldKind::Number:
            return v.isNumber();
        case FieldKind::Enum:
            return v.isScalar() && field.choices.contains(v.toString());
        case FieldKind::Duration:
            return v.isString() && parseDuration(v.toString()).has_value();
        case FieldKind::KeyValue:
            return v.isMap() && allScalars(v);
        case FieldKind::StringList:
            return v.isList() && allScalars(v);
        case FieldKind::Command:
            return v.isString() || (v.isList() && allScalars(v));
        case FieldKind::Any:
            return true;
        default:
            return v.isScalar();
        }
    }

    void checkConfig(const Node &node, const NodeTypeInfo &type)
    {
        if (!node.config.isMap() && !node.config.isNull())
            return; // the reader has reported it
        QStringList known;
        for (const ConfigField &field : type.config)
            known.append(field.name);
        for (const Value::Entry &entry : node.config.map()) {
            const ConfigField *field = type.field(entry.first);
            if (!field) {
                QString hint = Text::didYouMean(entry.first, known);
                if (hint.isEmpty()) {
                    hint = known.isEmpty() ? tr(" ('%1' has no config)").arg(type.id)
                                           : tr(" ('%1' has: %2)").arg(type.id, known.join(u", "));
                }
                error(entry.second.keyPos,
                      tr("unknown config key '%1' in node '%2'%3").arg(entry.first, node.id, hint), node.id);
                continue;
            }
            const Value &v = entry.second;
            const bool expression = v.isString() && v.toString().contains(u"${{");
            if (v.isNull() || expression || kindMatches(*field, v))
                continue;
            error(v.pos.isValid() ? v.pos : v.keyPos,
                  tr("config '%1' of node '%2' must be %3, not %4")
                      .arg(field->name, node.id, expectedKind(*field), Text::describe(v)),
                  node.id);
        }
        for (const ConfigField &field : type.config) {
            if (!field.required || !field.defaultValue.isNull())
                continue;
            const Value *v = node.config.find(field.name);
            if (!v || v->isNull()) {
                error(
                    node.pos,
                    tr("node '%1' is missing required config '%2' ('%3')").arg(node.id, field.name, type.id),
                    node.id);
            }
        }
    }

    void checkString(const QString &text, const SourcePos &pos, const QString &where, const QString &nodeId)
    {
        const ExpressionScan scan = scanExpressions(text);
        if (!scan.ok()) {
            error(offsetPos(pos, text, scan.errorOffset), tr("%1 in %2").arg(scan.error, where), nodeId);
            return;
        }
        for (const NodeReference &ref : nodeReferences(text, scan))
            checkReference(ref, offsetPos(pos, text, ref.offset), where, nodeId);
    }

    // `nodes.<id>` in an expression: a dependency like `after:`. In `nodes.a-b` the dash may be
    // arithmetic, so `a` alone counts too (as the executor reads it).
    void checkReference(const NodeReference &ref, const SourcePos &pos, const QString &where,
                        const QString &nodeId)
    {
        QString id = ref.id;
        if (!findNode(id) && id.contains(u'-') && findNode(id.section(u'-', 0, 0)))
            id = id.section(u'-', 0, 0);
        if (id == nodeId) {
            error(pos, tr("%1 reads the outputs of node '%2' itself").arg(where, id), nodeId);
        } else if (!findNode(id)) {
            error(pos,
                  tr("%1 refers to node '%2', but there is no node '%2'%3")
                      .arg(where, id, Text::didYouMean(id, m_workflow.nodeIds())),
                  nodeId);
        } else if (m_currentDeps && !m_currentDeps->contains(id)) {
            m_currentDeps->append(id);
        }
    }

    // Every string anywhere inside `v`; `path` names it in messages ("env.HOME", "args[2]").
    void checkStrings(const Value &v, const QString &path, const QString &nodeId, int depth = 0)
    {
        if (depth > 256)
            return;
        if (v.isString()) {
            checkString(v.toString(), v.pos, tr("config '%1' of node '%2'").arg(path, nodeId), nodeId);
            return;
        }
        for (size_t i = 0; i < v.list().size(); ++i)
            checkStrings(v.list()[i], path + u'[' + QString::number(i) + u']', nodeId, depth + 1);
        for (const Value::Entry &e : v.map())
            checkStrings(e.second, path.isEmpty() ? e.first : path + u'.' + e.first, nodeId, depth + 1);
    }

    void checkExpressions(const Node &node)
    {
        if (node.config.isMap())
            checkStrings(node.config, {}, node.id);
        if (!node.when.isEmpty())
            checkString(node.when, node.whenPos, tr("'when' of node '%1'").arg(node.id), node.id);
        const QString forEachWhere = tr("'for_each' of node '%1'").arg(node.id);
        if (node.forEach.isString()) {
            const QString text = node.forEach.toString();
            const ExpressionScan scan = scanExpressions(text);
            if (!scan.ok()) {
                checkString(text, node.forEach.pos, forEachWhere, node.id);
            } else if (scan.spans.isEmpty()) {
                error(node.forEach.pos,
                      tr("%1 must be a list or an expression such as '${{ params.items }}', not %2")
                          .arg(forEachWhere, Text::describe(node.forEach)),
                      node.id);
            }
        }
        for (const Value &item : node.forEach.list()) {
            if (item.isString())
                checkString(item.toString(), item.pos, forEachWhere, node.id);
        }
    }

    void checkOutputs()
    {
        for (const OutputBinding &o : m_workflow.outputs) {
            const QString problem = referenceProblem(o.sourceNode, o.sourcePort);
            if (!problem.isEmpty())
                error(o.pos, tr("output '%1' %2").arg(o.name, problem),
                      findNode(o.sourceNode) ? o.sourceNode : QString());
        }
    }

    const Workflow &m_workflow;
    const NodeTypeCatalog *m_catalog;
    QHash<QString, const Node *> m_nodes;      // the first node of each id
    std::vector<QStringList> m_expressionDeps; // per node: the nodes its expressions read
    QStringList *m_currentDeps = nullptr;
    Diagnostics m_diagnostics;
};

} // namespace

Diagnostics validateWorkflow(const Workflow &workflow, const NodeTypeCatalog *catalog)
{
    return Validator(workflow, catalog).run();
}

} // namespace Flow
