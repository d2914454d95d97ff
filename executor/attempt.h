#pragma once

// The one place the executor touches the node API (nodes/node.h, NodeJob): the scheduler talks to
// nodes only through this header, so a change to the node API stays out of the scheduler.

#include "model/nodetypeinfo.h"

#include <QDeadlineTimer>
#include <QString>
#include <QVariantMap>

namespace Flow {

class NodeRegistry;
class ExecBackend;

// What a running attempt reports to and asks of its run. Called on the worker thread.
class AttemptHost
{
public:
    virtual ~AttemptHost() = default;
    virtual void nodeLog(int node, int attempt, int item, const QString &stream, const QString &line) = 0;
    virtual void nodeProgress(int node, int attempt, double fraction, const QString &text) = 0;
    virtual bool isCancelled(int node) const = 0;
    // Sleeps until `until` or the attempt's deadline or a cancel, whichever comes first. False when
    // the attempt was cancelled or ran out of time.
    virtual bool waitUntil(int node, QDeadlineTimer until, QDeadlineTimer deadline) = 0;
    virtual const QString &workingDirectory() const = 0;
    // Where the node's processes run (nodes/execbackend.h); nullptr for local.
    virtual ExecBackend *execBackend(int /*node*/) const { return nullptr; }
};

struct AttemptRequest
{
    int node = 0;
    int attempt = 1;
    int item = -1; // for_each item index, -1 otherwise
    QVariantMap inputs;
    QVariantMap config;
    QDeadlineTimer deadline;
};

struct AttemptResult
{
    bool ok = false;
    bool implemented = true;
    QString error;
    QVariantMap outputs;
    qint64 duration = 0; // ms
};

// Creates a node of `type`, runs it with a context over `host`, destroys it. Never throws.
AttemptResult runAttempt(const NodeRegistry &registry, const QString &type, AttemptHost &host,
                         AttemptRequest request);
const NodeTypeInfo *findNodeType(const NodeRegistry &registry, const QString &type);
bool canRunNodeType(const NodeRegistry &registry, const QString &type);

} // namespace Flow
