#pragma once

#include <QHashFunctions>
#include <QString>

namespace Flow {

// One end of a wire as the canvas sees it: a port of a node, input (left) or output (right).
// An empty `port` on a node with dynamic ports is the "+" free port: connecting to it creates a port.
struct PortRef
{
    QString node;
    QString port;
    bool output = false;

    bool isValid() const { return !node.isEmpty(); }
    bool isFreePort() const { return port.isEmpty(); }
    friend bool operator==(const PortRef &, const PortRef &) = default;
};

inline size_t qHash(const PortRef &p, size_t seed = 0)
{
    return qHashMulti(seed, p.node, p.port, p.output);
}

// Why a connection between two ports is impossible. The canvas dims such targets during a drag.
enum class ConnectionRefusal {
    None,           // allowed
    SameNode,       // both ends on one node
    InputTaken,     // the input port is already wired
    WouldCycle,     // the source already depends on the target
    InputToInput,   // two inputs: wrong direction
    OutputToOutput, // two outputs
    UnknownPort,    // a node or port that does not exist
};

} // namespace Flow
