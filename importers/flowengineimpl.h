#pragma once

// Internal to importers/: the pieces of the FlowEngine importer shared by its two source files.

#include "flowengine.h"
#include "model/duration.h"

#include <QJsonObject>
#include <QJsonValue>

#include <functional>

namespace Flow::FlowEngine {

// A FlowEngine value as ours: {"type": "String", "value": "x"} and the plain (inferred) form alike.
Value unwrap(const QJsonValue &json);
// The FlowEngine type names of the tagged form ("String", "Number", ...).
bool isTaggedValue(const QJsonObject &object);
// A JSON number of milliseconds, safe for any double (clamped to a century, NaN as 0).
Millis jsonMillis(double ms);

// Where a FlowEngine port of one node ends up in ours.
struct PortTarget
{
    enum class Kind { Port, Config, Unmapped } kind = Kind::Unmapped;
    QString name; // our input port, or our config key for Config
};

// Converts one node's type and config; reports through `note`.
class NodeConverter
{
public:
    using Note = std::function<void(ImportNote::Kind, const QString &)>;
    NodeConverter(Node &node, const Note &note)
        : m_node(node)
        , m_note(note)
    {}

    // Sets m_node.type, config, timeout; false when the type does not map (the node is then kept
    // as an unconverted node with its config as it was).
    bool convert(const QString &feType, const QJsonObject &config);

    // FlowEngine input port `port` of a node of `feType` (converted or not).
    static PortTarget input(const QString &feType, const QString &port, bool converted);
    // Our output port for FlowEngine output `port`; empty when it has none (shell.exec `output`
    // and `success` come from an adapter node, handled by the importer).
    static QString output(const QString &feType, const QString &port, bool converted);

private:
    void shellExec(QHash<QString, Value> &config);
    void httpRequest(QHash<QString, Value> &config);
    void jsonStringify(QHash<QString, Value> &config);
    void debugLog(QHash<QString, Value> &config);
    void timeDelay(QHash<QString, Value> &config);
    void setTimeoutSeconds(const Value &seconds, const QString &key);
    void notConvertedKeys(const QHash<QString, Value> &rest, const QStringList &order);

    Node &m_node;
    Note m_note;
    QStringList m_keyOrder;
};

} // namespace Flow::FlowEngine
