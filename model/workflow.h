#pragma once

#include "backend.h"
#include "duration.h"
#include "value.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace Flow {

// What a run does when a node fails (after its retries are used up). The names are the YAML words.
enum class OnError {
    Stop,          // "stop": cancel every running node, start nothing more; the run fails
    Continue,      // "continue": run everything that does not depend on the failed node; its dependents are skipped
    FinishRunning, // "finish_running": start nothing new, let the running nodes finish; the run fails
};
QString onErrorName(OnError policy);
std::optional<OnError> onErrorFromName(QStringView name);

struct ParamSpec
{
    QString name;
    Value defaultValue;  // null when the param has no default (then it is required)
    QString description;
    SourcePos pos;       // of the key
};

struct Settings
{
    std::optional<int> maxParallel; // worker threads; unset means the executor's default
    std::optional<OnError> onError; // unset means stop
    std::optional<Millis> timeout;  // whole-run time limit
    std::optional<Backend> backend; // where shell.exec nodes run; unset means local
    std::optional<SlurmOptions> slurm; // defaults for every node that runs on Slurm
    SourcePos pos;
};

struct RetryPolicy
{
    int attempts = 1;       // total attempts including the first
    Millis delay{0};        // before the second attempt
    double backoff = 2.0;   // each further delay = previous * backoff
    std::optional<Millis> maxDelay;
    SourcePos pos;
    bool operator==(const RetryPolicy &o) const
    {
        return attempts == o.attempts && delay == o.delay && backoff == o.backoff && maxDelay == o.maxDelay;
    }
    // The wait before attempt number `nextAttempt` (2 for the first retry).
    Millis delayBefore(int nextAttempt) const;
};

// One wire: `inputs: {port: node.outputPort}` on the consuming node.
struct InputBinding
{
    QString port;       // input port of the node that holds the binding
    QString sourceNode; // producing node id
    QString sourcePort; // producing node's output port
    SourcePos pos;      // of the value text ("fetch.body")
    bool operator==(const InputBinding &o) const
    {
        return port == o.port && sourceNode == o.sourceNode && sourcePort == o.sourcePort;
    }
};

struct Node
{
    QString id;
    QString type;
    QString description;          // optional free text
    Value config = Value::makeMap(); // ordered map; values may hold ${{ }} expressions
    QList<InputBinding> inputs;   // in file order
    QStringList after;            // ordering without data
    QString when;                 // expression text, empty when unset
    Value forEach;                // null, a list, or an expression string
    std::optional<int> concurrency; // bound for for_each
    std::optional<RetryPolicy> retry;
    std::optional<Millis> timeout;
    bool cache = false;
    std::optional<Backend> backend;    // overrides settings.backend (and `flowrun run --backend`)
    std::optional<SlurmOptions> slurm; // over settings.slurm, when the node runs on Slurm
    std::optional<QPointF> position; // from the `layout:` section

    SourcePos pos;       // of the id key
    SourcePos typePos;   // of the type value
    SourcePos afterPos;  // of the after list
    SourcePos whenPos;

    const InputBinding *input(QStringView port) const;
    // Equality ignores source positions.
    bool operator==(const Node &o) const;
};

struct OutputBinding
{
    QString name;
    QString sourceNode;
    QString sourcePort;
    SourcePos pos;
    bool operator==(const OutputBinding &o) const
    {
        return name == o.name && sourceNode == o.sourceNode && sourcePort == o.sourcePort;
    }
};

struct Workflow
{
    int version = 1;
    QString name;
    QString description;
    QList<ParamSpec> params;
    Settings settings;
    QList<Node> nodes;          // in file order
    QList<OutputBinding> outputs;

    int indexOf(QStringView nodeId) const;
    const Node *node(QStringView nodeId) const;
    Node *node(QStringView nodeId);
    QStringList nodeIds() const;
    // Ids of the nodes `nodeId` waits for: its input sources and `after` entries, each once, in order.
    QStringList dependencies(QStringView nodeId) const;
};

// A data edge as the canvas draws it. Derived from InputBinding; kept as a separate type because the
// canvas and the undo commands speak in edges.
struct Edge
{
    QString fromNode;
    QString fromPort;
    QString toNode;
    QString toPort;
    friend bool operator==(const Edge &, const Edge &) = default;
};
size_t qHash(const Edge &e, size_t seed = 0);

// The data edges whose both ends exist, in node order then input order.
QList<Edge> edgesOf(const Workflow &workflow);

} // namespace Flow
