#include "testutil.h"

#include "testnodes.h"

#include "model/workflowio.h"

#include <QSet>
#include <QSignalSpy>

namespace Flow::Test {

Workflow workflowFromYaml(const QByteArray &yaml)
{
    LoadResult result = loadAndValidate(yaml, testCatalog());
    if (!result.ok()) {
        QStringList lines;
        for (const Diagnostic &d : result.diagnostics)
            lines.append(d.format(QStringLiteral("<test>")));
        qFatal("test workflow does not load:\n%s\n%s", qPrintable(lines.join(u'\n')), yaml.constData());
    }
    return *result.workflow;
}

Recorder::Recorder(Run *run)
{
    connect(run, &Run::eventOccurred, this, [this](const RunEvent &e) { events.append(e); });
}

bool runToEnd(Run &run, Recorder &recorder, int timeoutMs)
{
    QSignalSpy spy(&run, &Run::finished);
    if (!run.isStarted())
        run.start();
    if (!run.isFinished() && !spy.wait(timeoutMs))
        return false;
    return !recorder.events.isEmpty() && recorder.events.constLast().kind == EventKind::RunFinished;
}

qsizetype indexOf(const RunEvents &events, EventKind kind, const QString &node, qsizetype from)
{
    for (qsizetype i = from; i < events.size(); ++i) {
        if (events.at(i).kind == kind && (node.isEmpty() || events.at(i).node == node))
            return i;
    }
    return -1;
}

const RunEvent *find(const RunEvents &events, EventKind kind, const QString &node)
{
    const qsizetype i = indexOf(events, kind, node);
    return i < 0 ? nullptr : &events.at(i);
}

QList<RunEvent> all(const RunEvents &events, EventKind kind, const QString &node)
{
    QList<RunEvent> out;
    for (const RunEvent &e : events) {
        if (e.kind == kind && (node.isEmpty() || e.node == node))
            out.append(e);
    }
    return out;
}

QStringList trace(const RunEvents &events, bool withLogs)
{
    QStringList out;
    for (const RunEvent &e : events) {
        if (!withLogs && (e.kind == EventKind::NodeLog || e.kind == EventKind::NodeProgress))
            continue;
        QString line = eventKindName(e.kind);
        if (!e.node.isEmpty())
            line += u' ' + e.node;
        if (e.attempt != 0)
            line += u' ' + QString::number(e.attempt);
        out.append(line);
    }
    return out;
}

QString checkInvariants(const RunEvents &events)
{
    if (events.isEmpty())
        return QStringLiteral("no events");
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events.at(i).seq != i + 1)
            return QStringLiteral("event %1 has seq %2").arg(i).arg(events.at(i).seq);
        if (events.at(i).run != events.first().run)
            return QStringLiteral("event %1 belongs to another run").arg(i);
    }
    if (events.first().kind != EventKind::RunStarted)
        return QStringLiteral("first event is %1").arg(eventKindName(events.first().kind));
    if (events.last().kind != EventKind::RunFinished)
        return QStringLiteral("last event is %1").arg(eventKindName(events.last().kind));
    if (all(events, EventKind::RunStarted).size() != 1 || all(events, EventKind::RunFinished).size() != 1)
        return QStringLiteral("run.started or run.finished more than once");
    QHash<QString, int> terminals;
    QSet<QString> queued;
    for (const RunEvent &e : events) {
        if (e.node.isEmpty())
            continue;
        if (terminals.value(e.node) > 0)
            return QStringLiteral("%1 of node %2 after its terminal event")
                .arg(eventKindName(e.kind), e.node);
        if (e.kind == EventKind::NodeQueued)
            queued.insert(e.node);
        if (e.kind == EventKind::NodeStarted && !queued.contains(e.node))
            return QStringLiteral("node %1 started without being queued").arg(e.node);
        if (isTerminal(e.kind))
            ++terminals[e.node];
    }
    const QVariantList nodes = events.first().data.value(QStringLiteral("nodes")).toList();
    for (const QVariant &id : nodes) {
        if (terminals.value(id.toString()) != 1)
            return QStringLiteral("node %1 has %2 terminal events")
                .arg(id.toString())
                .arg(terminals.value(id.toString()));
    }
    if (terminals.size() != nodes.size())
        return QStringLiteral("terminal events for nodes not in run.started");
    return {};
}

bool overlapped(const RunEvents &events, const QString &a, const QString &b)
{
    const qsizetype startA = indexOf(events, EventKind::NodeStarted, a);
    const qsizetype startB = indexOf(events, EventKind::NodeStarted, b);
    qsizetype endA = -1, endB = -1;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (isTerminal(events.at(i).kind) && events.at(i).node == a)
            endA = i;
        if (isTerminal(events.at(i).kind) && events.at(i).node == b)
            endB = i;
    }
    return startA >= 0 && startB >= 0 && endA >= 0 && endB >= 0 && startA < endB && startB < endA;
}

} // namespace Flow::Test
