// importFlowEngine(): the workflow as a whole (ids, settings, connections, layout); the node types
// are converted in flowenginenodes.cpp.
#include "flowengine.h"

#include "flowengineimpl.h"
#include "model/duration.h"
#include "model/validator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Flow {

// A file may say 1e300: converting that to an integer is undefined, so it is clamped to a century
// either way first (the validator then judges the value as usual).
Millis FlowEngine::jsonMillis(double ms)
{
    constexpr double Century = 100.0 * 365 * 24 * 3600 * 1000;
    if (std::isnan(ms))
        return Millis(0);
    return Millis(qint64(std::clamp(ms, -Century, Century)));
}

namespace {

using namespace FlowEngine;

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::FlowEngineImport", text);
}

// Where the layered layout puts cards: the canvas's card width and a typical card height, with the
// gaps of the canvas's own auto-layout (canvas/autolayout.cpp), so an imported file looks arranged.
constexpr qreal ColumnStep = 200 + 80;
constexpr qreal RowStep = 120 + 40;

QString lineColumn(QByteArrayView json, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

// "Fetch Data via curl" -> "fetch_data_via_curl": readable ids instead of UUIDs.
QString slug(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            out.append(c);
        else if (!out.endsWith(u'_') && !out.isEmpty())
            out.append(u'_');
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.left(40);
}

struct FeNode
{
    QString feId;
    QString feType;
    bool converted = false;
    int index = -1;  // in workflow.nodes
    QString adapter; // id of the shell.exec output/success adapter, once made
};

class Importer
{
public:
    explicit Importer(ImportResult &result)
        : m_result(result)
    {}

    void run(const QJsonObject &root)
    {
        Workflow wf;
        wf.name = root.value(QLatin1String("name")).toString();
        wf.description = root.value(QLatin1String("description")).toString();
        m_wf = &wf;
        settings(root.value(QLatin1String("settings")).toObject());
        triggers(root.value(QLatin1String("triggers")).toArray());
        const QJsonArray nodes = root.value(QLatin1String("nodes")).toArray();
        for (const QJsonValue &n : nodes)
            node(n.toObject());
        for (const QJsonValue &c : root.value(QLatin1String("connections")).toArray())
            connection(c.toObject());
        layout();
        // The report reads in node order, workflow-wide notes first.
        QHash<QString, int> order;
        for (int i = 0; i < wf.nodes.size(); ++i)
            order.insert(wf.nodes.at(i).id, i);
        std::stable_sort(m_result.notes.begin(), m_result.notes.end(),
                         [&](const ImportNote &a, const ImportNote &b) {
                             return order.value(a.nodeId, -1) < order.value(b.nodeId, -1);
                         });
        m_result.workflow = std::move(wf);
    }

private:
    void note(ImportNote::Kind kind, const QString &nodeId, const QString &text)
    {
        m_result.notes.append({kind, nodeId, text});
    }

    void settings(const QJsonObject &s)
    {
        if (s.contains(QLatin1String("max_parallel_nodes"))) {
            const int n = s.value(QLatin1String("max_parallel_nodes")).toInt();
            if (n >= 1)
                m_wf->settings.maxParallel = n;
        }
        if (const QJsonValue t = s.value(QLatin1String("max_execution_time_ms"));
            t.isDouble() && t.toDouble() > 0)
            m_wf->settings.timeout = jsonMillis(t.toDouble());
        const QJsonValue onError = s.value(QLatin1String("on_error"));
        if (onError.isUndefined() || onError.isNull() || onError.toString() == u"StopWorkflow") {
            // stop is our default too: nothing to write
        } else if (onError.toString() == u"ContinueOnError") {
            m_wf->settings.onError = OnError::Continue;
        } else {
            note(ImportNote::Kind::NotConverted, {},
                 tr("on_error %1 has no Flowstudio equivalent (no whole-workflow retry); the workflow stops "
                    "on the first failure")
                     .arg(QString::fromUtf8(
                         QJsonDocument(QJsonObject{{"on_error", onError}}).toJson(QJsonDocument::Compact))));
        }
    }

    void triggers(const QJsonArray &list)
    {
        for (const QJsonValue &t : list) {
            const QJsonValue type = t.toObject().value(QLatin1String("trigger_type"));
            const QString kind
                = type.isString() ? type.toString() : type.toObject().value(QLatin1String("type")).toString();
            if (kind == u"Manual" || (type.isObject() && type.toObject().contains(QLatin1String("Manual"))))
                continue;
            note(ImportNote::Kind::NotConverted, {},
                 tr("trigger %1 left out: Flowstudio runs workflows when asked (flowrun run, the app)")
                     .arg(QString::fromUtf8(QJsonDocument(t.toObject()).toJson(QJsonDocument::Compact))));
        }
    }

    QString uniqueId(QString base)
    {
        if (base.isEmpty() || !isValidNodeId(base))
            base = QStringLiteral("node_") + base;
        if (!isValidNodeId(base))
            base = QStringLiteral("node");
        QString id = base;
        for (int n = 2; m_wf->node(id); ++n)
            id = base + u'_' + QString::number(n);
        return id;
    }

    void node(const QJsonObject &json)
    {
        FeNode fe;
        fe.feId = json.value(QLatin1String("id")).toVariant().toString();
        fe.feType = json.value(QLatin1String("node_type")).toString();
        const QString name = json.value(QLatin1String("name")).toString();
        Node n;
        QString base = slug(name);
        if (base.isEmpty())
            base = slug(fe.feType.section(u'.', -1));
        n.id = uniqueId(base);
        if (!name.isEmpty() && name != n.id)
            n.description = name;
        if (m_nodes.contains(fe.feId)) {
            note(ImportNote::Kind::NotConverted, n.id,
                 tr("id %1 is used twice; connections go to the first").arg(fe.feId));
        }
        NodeConverter converter(n, [&](ImportNote::Kind k, const QString &text) { note(k, n.id, text); });
        fe.converted = converter.convert(fe.feType, json.value(QLatin1String("config")).toObject());
        if (fe.converted && fe.feType == u"http.request")
            m_needsUrl.insert(n.id);
        retry(n, json.value(QLatin1String("retry_policy")));
        fe.index = int(m_wf->nodes.size());
        m_wf->nodes.append(n);
        if (!m_nodes.contains(fe.feId))
            m_nodes.insert(fe.feId, fe);
        m_order.append(fe.feId);
    }

    void retry(Node &n, const QJsonValue &json)
    {
        if (!json.isObject())
            return;
        const QJsonObject r = json.toObject();
        RetryPolicy p;
        p.attempts = r.value(QLatin1String("max_attempts")).toInt(3);
        p.delay = jsonMillis(r.value(QLatin1String("delay_ms")).toDouble(1000));
        p.backoff = r.value(QLatin1String("backoff_multiplier")).toDouble(2.0);
        const QJsonValue maxDelay = r.value(QLatin1String("max_delay_ms"));
        if (maxDelay.isUndefined())
            p.maxDelay = Millis(60000);
        else if (maxDelay.isDouble())
            p.maxDelay = jsonMillis(maxDelay.toDouble());
        if (p.attempts <= 1)
            return;
        n.retry = p;
        if (!r.value(QLatin1String("retry_on_timeout")).toBool(true))
            note(ImportNote::Kind::Adapted, n.id,
                 tr("retry_on_timeout false dropped: Flowstudio retries timed-out attempts too"));
    }

    Node &nodeAt(const FeNode &fe) { return m_wf->nodes[fe.index]; }

    // The node and port a connection reads from; makes the shell.exec adapter when needed.
    std::optional<std::pair<QString, QString>> source(FeNode &fe, const QString &port)
    {
        const QString id = nodeAt(fe).id;
        if (fe.converted && fe.feType == u"shell.exec" && (port == u"output" || port == u"success"))
            return std::pair(shellAdapter(fe), port);
        const QString ours = NodeConverter::output(fe.feType, port, fe.converted);
        if (ours.isEmpty()) {
            note(ImportNote::Kind::NotConverted, id,
                 tr("output port '%1' of %2 has no Flowstudio equivalent; kept as it was")
                     .arg(port, fe.feType));
            return std::pair(id, port);
        }
        return std::pair(id, ours);
    }

    // FlowEngine's shell.exec has `output` (stdout parsed as JSON when it is JSON) and `success`;
    // ours has neither, so a small script.js node next to it computes them.
    QString shellAdapter(FeNode &fe)
    {
        if (!fe.adapter.isEmpty())
            return fe.adapter;
        const QString shell = nodeAt(fe).id;
        Node a;
        a.id = uniqueId(shell + QStringLiteral("_result"));
        a.type = QStringLiteral("script.js");
        a.description = tr("FlowEngine's 'output' and 'success' of %1").arg(shell);
        a.inputs = {{QStringLiteral("stdout"), shell, QStringLiteral("stdout"), {}},
                    {QStringLiteral("exit_code"), shell, QStringLiteral("exit_code"), {}}};
        a.config.insert(QStringLiteral("code"),
                        Value(QStringLiteral("const text = String(stdout).replace(/\\n+$/, \"\");\n"
                                             "let output = text;\n"
                                             "try { output = JSON.parse(text); } catch (e) {}\n"
                                             "return {output: output, success: exit_code === 0};\n")));
        Value outputs = Value::makeList();
        outputs.append(Value(QStringLiteral("output")));
        outputs.append(Value(QStringLiteral("success")));
        a.config.insert(QStringLiteral("outputs"), outputs);
        m_wf->nodes.insert(fe.index + 1, a);
        for (FeNode &other : m_nodes) {
            if (other.index > fe.index)
                ++other.index;
        }
        fe.adapter = a.id;
        note(ImportNote::Kind::Adapted, shell,
             tr("outputs 'output' and 'success' come from the added script.js node '%1'").arg(a.id));
        return a.id;
    }

    void connection(const QJsonObject &c)
    {
        const QString from = c.value(QLatin1String("from_node")).toVariant().toString();
        const QString to = c.value(QLatin1String("to_node")).toVariant().toString();
        const QString fromPort = c.value(QLatin1String("from_port")).toString();
        const QString toPort = c.value(QLatin1String("to_port")).toString();
        const QString text = QStringLiteral("%1.%2 → %3.%4").arg(from, fromPort, to, toPort);
        if (!m_nodes.contains(from) || !m_nodes.contains(to) || fromPort.isEmpty() || toPort.isEmpty()) {
            note(ImportNote::Kind::NotConverted, {},
                 tr("connection %1 left out: it names a node that does not exist or no port").arg(text));
            return;
        }
        FeNode &target = m_nodes[to];
        const std::optional<std::pair<QString, QString>> src = source(m_nodes[from], fromPort);
        Node &dst = nodeAt(target);
        const PortTarget in = NodeConverter::input(target.feType, toPort, target.converted);
        switch (in.kind) {
        case PortTarget::Kind::Port:
            if (dst.input(in.name)) {
                note(ImportNote::Kind::NotConverted, dst.id,
                     tr("second connection into port '%1' left out (%2)").arg(in.name, text));
                return;
            }
            dst.inputs.append({in.name, src->first, src->second, {}});
            break;
        case PortTarget::Kind::Config:
            dst.config.insert(
                in.name, Value(QStringLiteral("${{ nodes.%1.outputs.%2 }}").arg(src->first, src->second)));
            m_needsUrl.remove(dst.id);
            note(ImportNote::Kind::Adapted, dst.id,
                 tr("input '%1' became config '%1' reading %2.%3").arg(toPort, src->first, src->second));
            break;
        case PortTarget::Kind::Unmapped:
            dst.inputs.append({toPort, src->first, src->second, {}});
            note(ImportNote::Kind::NotConverted, dst.id,
                 tr("input port '%1' of %2 has no Flowstudio equivalent; kept, and validate reports it")
                     .arg(toPort, target.feType));
            break;
        }
    }

    // An http.request with neither a url nor a connection to it took the url from the run's
    // input in FlowEngine (`flow run --input '{"url": ...}'`): here that is the param `url`.
    void urlParam()
    {
        for (Node &n : m_wf->nodes) {
            if (!m_needsUrl.contains(n.id) || n.config.contains(u"url"))
                continue;
            if (std::none_of(m_wf->params.begin(), m_wf->params.end(),
                             [](const ParamSpec &p) { return p.name == u"url"; })) {
                m_wf->params.append({QStringLiteral("url"), {}, tr("the run input 'url' of FlowEngine"), {}});
            }
            n.config.insert(QStringLiteral("url"), Value(QStringLiteral("${{ params.url }}")));
            note(ImportNote::Kind::Adapted, n.id,
                 tr("its url comes from the param 'url' (FlowEngine's run input)"));
        }
    }

    // Longest-path columns, file order within a column.
    void layout()
    {
        urlParam();
        QHash<QString, int> rank;
        bool changed = true;
        for (const Node &n : m_wf->nodes)
            rank.insert(n.id, 0);
        for (int pass = 0; changed && pass <= m_wf->nodes.size(); ++pass) {
            changed = false;
            for (const Node &n : m_wf->nodes) {
                for (const QString &dep : m_wf->dependencies(n.id)) {
                    if (rank.contains(dep) && rank.value(dep) + 1 > rank.value(n.id)) {
                        rank[n.id] = rank.value(dep) + 1;
                        changed = true;
                    }
                }
            }
        }
        QHash<int, int> rows;
        for (Node &n : m_wf->nodes) {
            const int column = rank.value(n.id);
            n.position = QPointF(column * ColumnStep, rows[column]++ * RowStep);
        }
    }

    ImportResult &m_result;
    Workflow *m_wf = nullptr;
    QHash<QString, FeNode> m_nodes;
    QStringList m_order;
    QSet<QString> m_needsUrl;
};

} // namespace

bool ImportResult::hasUnconverted() const
{
    return std::any_of(notes.begin(), notes.end(),
                       [](const ImportNote &n) { return n.kind == ImportNote::Kind::NotConverted; });
}

ImportResult importFlowEngine(QByteArrayView json)
{
    ImportResult result;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        result.error = tr("%1: not JSON: %2").arg(lineColumn(json, error.offset), error.errorString());
        return result;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || !root.value(QLatin1String("nodes")).isArray()) {
        result.error = tr("1:1: not a FlowEngine workflow (no \"nodes\" list)");
        return result;
    }
    Importer(result).run(root);
    return result;
}

QStringList importReportLines(const ImportResult &result)
{
    QStringList lines;
    for (const ImportNote &n : result.notes) {
        const QString where = n.nodeId.isEmpty() ? QString() : n.nodeId + QStringLiteral(": ");
        switch (n.kind) {
        case ImportNote::Kind::Converted:
            lines.append(tr("converted: %1%2").arg(where, n.text));
            break;
        case ImportNote::Kind::Adapted:
            lines.append(tr("adapted: %1%2").arg(where, n.text));
            break;
        case ImportNote::Kind::NotConverted:
            lines.append(tr("NOT converted: %1%2").arg(where, n.text));
            break;
        }
    }
    return lines;
}

} // namespace Flow
