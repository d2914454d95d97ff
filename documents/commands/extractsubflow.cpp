#include "extractsubflow.h"

#include "model/expressionrefs.h"
#include "model/workflowdocument.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <limits>

namespace Flow {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::ExtractSubflow", text);
}

// Every string of a node that may hold expressions: config values, when, for_each.
void collectStrings(const Value &value, QStringList &out)
{
    if (value.isString())
        out.append(value.toString());
    for (const Value &item : value.list())
        collectStrings(item, out);
    for (const Value::Entry &e : value.map())
        collectStrings(e.second, out);
}

QStringList expressionStrings(const Node &node)
{
    QStringList out;
    collectStrings(node.config, out);
    collectStrings(node.forEach, out);
    if (!node.when.isEmpty())
        out.append(QStringLiteral("${{ ") + node.when + QStringLiteral(" }}"));
    return out;
}

QSet<QString> referencedNodes(const Node &node)
{
    QSet<QString> ids;
    for (const QString &text : expressionStrings(node)) {
        const ExpressionScan scan = scanExpressions(text);
        if (!scan.ok())
            continue;
        for (const NodeReference &ref : nodeReferences(text, scan))
            ids.insert(ref.id);
    }
    return ids;
}

QStringList referencedParams(const Node &node)
{
    static const QRegularExpression param(QStringLiteral("\\bparams\\.([A-Za-z_][A-Za-z0-9_]*)"));
    QStringList names;
    for (const QString &text : expressionStrings(node)) {
        for (const ExpressionSpan &span : scanExpressions(text).spans) {
            for (auto it = param.globalMatch(span.code); it.hasNext();) {
                const QString name = it.next().captured(1);
                if (!names.contains(name))
                    names.append(name);
            }
        }
    }
    return names;
}

QString unique(const QString &base, const QSet<QString> &taken)
{
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = base + u'_' + QString::number(n);
    return id;
}

class Extractor
{
public:
    Extractor(const Workflow &workflow, const QStringList &ids, const QString &subflowId, const QString &path)
        : m_in(workflow)
        , m_subflowId(subflowId)
    {
        for (const Node &n : workflow.nodes) {
            if (ids.contains(n.id))
                m_selected.insert(n.id);
        }
        m_node.id = subflowId;
        m_node.type = QStringLiteral("flow.subflow");
        m_node.config.insert(QStringLiteral("path"), Value(path));
        m_result.sub.name = QFileInfo(path).completeBaseName();
    }

    SubflowExtraction run()
    {
        if (m_selected.isEmpty()) {
            m_result.error = tr("select the nodes to extract first");
            return m_result;
        }
        if (!checkExpressions())
            return m_result;
        for (const Node &n : m_in.nodes) {
            if (m_selected.contains(n.id))
                m_subIds.insert(n.id);
        }
        for (const Node &n : m_in.nodes) {
            if (m_selected.contains(n.id))
                moveIn(n);
        }
        passParams();
        rewireOutside();
        placeSubflowNode();
        return m_result;
    }

private:
    bool checkExpressions()
    {
        for (const Node &n : m_in.nodes) {
            const bool inside = m_selected.contains(n.id);
            for (const QString &ref : referencedNodes(n)) {
                if (m_in.node(ref) && m_selected.contains(ref) != inside) {
                    m_result.error = tr("'%1' reads nodes.%2 in an expression across the selection's border; "
                                        "select both or neither")
                                         .arg(n.id, ref);
                    return false;
                }
            }
        }
        return true;
    }

    // A wire into the selection from outside: a param of the sub-workflow, handed to the port by a
    // flow.value node (one per outside source port, however many nodes read it).
    QString entryFor(const InputBinding &b)
    {
        const QString key = b.sourceNode + u'.' + b.sourcePort;
        if (const auto it = m_entries.constFind(key); it != m_entries.cend())
            return *it;
        const QString name = unique(b.sourceNode + u'_' + b.sourcePort, m_subIds);
        m_subIds.insert(name);
        Node entry;
        entry.id = name;
        entry.type = QStringLiteral("flow.value");
        entry.config.insert(QStringLiteral("value"), Value(QStringLiteral("${{ params.%1 }}").arg(name)));
        m_entryNodes.append(entry);
        m_result.sub.params.append({name, {}, tr("from %1").arg(key), {}});
        m_node.inputs.append({name, b.sourceNode, b.sourcePort, {}});
        m_entries.insert(key, name);
        return name;
    }

    void moveIn(Node n)
    {
        for (InputBinding &b : n.inputs) {
            if (!m_selected.contains(b.sourceNode) && m_in.node(b.sourceNode)) {
                b.sourceNode = entryFor(b);
                b.sourcePort = QStringLiteral("value");
            }
        }
        QStringList after;
        for (const QString &a : std::as_const(n.after)) {
            if (m_selected.contains(a))
                after.append(a);
            else if (!m_node.after.contains(a))
                m_node.after.append(a);
        }
        n.after = after;
        for (const QString &p : referencedParams(n)) {
            if (!m_usedParams.contains(p))
                m_usedParams.append(p);
        }
        if (n.position) {
            m_topLeft.setX(std::min(m_topLeft.x(), n.position->x()));
            m_topLeft.setY(std::min(m_topLeft.y(), n.position->y()));
        }
        m_moved.append(n);
    }

    void passParams()
    {
        Value params = Value::makeMap();
        for (const QString &name : std::as_const(m_usedParams)) {
            const auto spec = std::find_if(m_in.params.begin(), m_in.params.end(),
                                           [&](const ParamSpec &p) { return p.name == name; });
            if (spec == m_in.params.end())
                continue;
            m_result.sub.params.append(*spec);
            params.insert(name, Value(QStringLiteral("${{ params.%1 }}").arg(name)));
        }
        if (params.size() > 0)
            m_node.config.insert(QStringLiteral("params"), params);
        // Entries first (they feed the moved nodes), positions relative to the selection's corner.
        const bool placed = m_topLeft.x() != std::numeric_limits<qreal>::max();
        qreal entryY = 0;
        for (Node e : std::as_const(m_entryNodes)) {
            if (placed) {
                e.position = QPointF(0, entryY);
                entryY += 160;
            }
            m_result.sub.nodes.append(e);
        }
        const qreal shift = m_entryNodes.isEmpty() ? 0 : 280;
        for (Node n : std::as_const(m_moved)) {
            if (n.position)
                n.position = *n.position - m_topLeft + QPointF(shift, 0);
            m_result.sub.nodes.append(n);
        }
    }

    // A wire out of the selection: an `outputs:` entry of the sub-workflow, read from the subflow node.
    QString outputFor(const QString &node, const QString &port)
    {
        const QString key = node + u'.' + port;
        if (const auto it = m_outputs.constFind(key); it != m_outputs.cend())
            return *it;
        QSet<QString> taken;
        for (const OutputBinding &o : std::as_const(m_result.sub.outputs))
            taken.insert(o.name);
        const QString name = unique(node + u'_' + port, taken);
        m_result.sub.outputs.append({name, node, port, {}});
        m_outputs.insert(key, name);
        return name;
    }

    void rewireOutside()
    {
        Workflow &out = m_result.after;
        out = m_in;
        out.nodes.clear();
        for (Node n : m_in.nodes) {
            if (m_selected.contains(n.id))
                continue;
            for (InputBinding &b : n.inputs) {
                if (m_selected.contains(b.sourceNode)) {
                    b.sourcePort = outputFor(b.sourceNode, b.sourcePort);
                    b.sourceNode = m_subflowId;
                }
            }
            QStringList after;
            for (const QString &a : std::as_const(n.after)) {
                const QString target = m_selected.contains(a) ? m_subflowId : a;
                if (!after.contains(target))
                    after.append(target);
            }
            n.after = after;
            out.nodes.append(n);
        }
        for (OutputBinding &o : out.outputs) {
            if (m_selected.contains(o.sourceNode)) {
                o.sourcePort = outputFor(o.sourceNode, o.sourcePort);
                o.sourceNode = m_subflowId;
            }
        }
    }

    void placeSubflowNode()
    {
        if (m_topLeft.x() != std::numeric_limits<qreal>::max())
            m_node.position = m_topLeft;
        int index = 0;
        for (const Node &n : m_in.nodes) {
            if (m_selected.contains(n.id))
                break;
            ++index;
        }
        m_result.after.nodes.insert(index, m_node);
    }

    const Workflow &m_in;
    QString m_subflowId;
    QSet<QString> m_selected;
    QSet<QString> m_subIds;
    Node m_node;
    QList<Node> m_entryNodes;
    QList<Node> m_moved;
    QHash<QString, QString> m_entries; // "src.port" -> param and entry node name
    QHash<QString, QString> m_outputs; // "node.port" -> output name
    QStringList m_usedParams;
    QPointF m_topLeft{std::numeric_limits<qreal>::max(), std::numeric_limits<qreal>::max()};
    SubflowExtraction m_result;
};

} // namespace

SubflowExtraction planSubflowExtraction(const Workflow &workflow, const QStringList &ids,
                                        const QString &subflowNodeId, const QString &relativePath)
{
    return Extractor(workflow, ids, subflowNodeId, relativePath).run();
}

ExtractSubflowCommand::ExtractSubflowCommand(WorkflowDocument *document, Workflow before, Workflow after,
                                             QString filePath, QByteArray fileContent, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_filePath(std::move(filePath))
    , m_fileContent(std::move(fileContent))
{
    setText(tr("Extract into subflow"));
}

bool ExtractSubflowCommand::writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == content)
        return true;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ExtractSubflowCommand::setDocument(const Workflow &workflow, bool)
{
    m_document->setWorkflow(workflow);
}

void ExtractSubflowCommand::redo()
{
    writeFile(m_filePath, m_fileContent);
    setDocument(m_after, false);
}

void ExtractSubflowCommand::undo()
{
    setDocument(m_before, true);
    QFile file(m_filePath);
    if (file.open(QIODevice::ReadOnly) && file.readAll() == m_fileContent) {
        file.close();
        file.remove();
    }
}

} // namespace Flow
