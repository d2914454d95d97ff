#pragma once

#include "executor/run.h"
#include "runs/runevent.h"
#include "model/workflow.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

namespace Flow::Test {

// A workflow from YAML text, read and validated against the test registry; aborts the test
// executable with the diagnostics when the text is wrong (a bug in the test, not in the executor).
Workflow workflowFromYaml(const QByteArray &yaml);

// Collects everything a run announces, in delivery order.
class Recorder : public QObject
{
public:
    explicit Recorder(Run *run);
    RunEvents events;
};

// Starts `run` (unless started) and waits for run.finished; false on timeout.
bool runToEnd(Run &run, Recorder &recorder, int timeoutMs = 20000);

// Index of the first event of `kind` (for `node`, when given) at or after `from`; -1 when none.
qsizetype indexOf(const RunEvents &events, EventKind kind, const QString &node = {}, qsizetype from = 0);
const RunEvent *find(const RunEvents &events, EventKind kind, const QString &node = {});
QList<RunEvent> all(const RunEvents &events, EventKind kind, const QString &node = {});

// "kind node attempt" per event (node and attempt left out when empty), without node.log and
// node.progress unless asked: the shape of a run to compare against an expected log.
QStringList trace(const RunEvents &events, bool withLogs = false);

// The promises every run keeps: seq is 1, 2, 3, ... in delivery order; one run.started first and
// one run.finished last; every node of run.started ends with exactly one terminal event and has no
// events after it; node.started comes after node.queued. Empty when all hold, else what broke.
QString checkInvariants(const RunEvents &events);

// True when the two nodes' executions overlapped, proven by event order alone: each one started
// before the other ended. (The scheduler starts a node only after it processed the completion that
// made room, so sequential nodes can never satisfy this.)
bool overlapped(const RunEvents &events, const QString &a, const QString &b);

} // namespace Flow::Test
