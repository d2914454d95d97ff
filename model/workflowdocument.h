#pragma once

#include "workflow.h"

#include <QObject>

namespace Flow {

// One workflow being edited. The canvas, inspector and YAML view are built from it and react to its
// fine-grained signals (QtNodes' model/view split). It has no undo stack: undo commands (canvas/) call
// these mutators, and every mutator is exactly invertible so that undoing gives back the same bytes.
//
// Mutators check their preconditions and return false (changing nothing, emitting nothing) when the
// change is impossible: unknown ids, an id already taken, an input port already wired.
class WorkflowDocument : public QObject
{
    Q_OBJECT

public:
    explicit WorkflowDocument(QObject *parent = nullptr);

    const Workflow &workflow() const { return m_workflow; }
    // O(1): the document keeps an id -> position hash (a drag moves hundreds of nodes per step).
    const Node *node(QStringView id) const;

    // Replaces everything; emits reset().
    void setWorkflow(const Workflow &workflow);

    // Nodes. `index` -1 appends. An edge exists while both of its nodes exist: addNode() emits
    // nodeAdded, then edgeAdded for each of its inputs whose source exists and for each input of another
    // node that named this id while it was missing. removeNode() first removes every edge into or out of it
    // (edgeRemoved for each) and every `after` reference to it, then emits nodeRemoved.
    bool addNode(const Node &node, int index = -1);
    bool removeNode(const QString &id);
    // Replaces a node's settings (type, config, when, retry, ...) keeping id, inputs and position.
    bool setNodeSettings(const QString &id, const Node &settings);
    // Renames and rewrites every reference (inputs, after, outputs, layout); emits nodeRenamed.
    bool renameNode(const QString &oldId, const QString &newId);
    bool moveNode(const QString &id, const QPointF &position);
    // Position cleared (back to automatic placement by the view); emits nodeChanged.
    bool clearPosition(const QString &id);

    // Edges (data wires). addEdge fails if the target port is already wired or the nodes are missing.
    // `index` is the position in the target node's inputs list (-1 appends), so undo can restore order.
    bool addEdge(const Edge &edge, int index = -1);
    bool removeEdge(const Edge &edge);
    int edgeIndex(const Edge &edge) const; // position in the target's inputs, -1 if absent

    // Ordering-only dependencies (`after:`); emits nodeChanged.
    bool setAfter(const QString &id, const QStringList &after);

    // Top-level metadata: name, description, params, settings, outputs.
    void setMetadata(const QString &name, const QString &description, const QList<ParamSpec> &params,
                     const Settings &settings, const QList<OutputBinding> &outputs);

    // A node id not yet used, made from `base` ("shell" -> "shell", "shell_2", ...).
    QString uniqueId(const QString &base) const;

signals:
    void reset();
    void nodeAdded(const QString &id);
    void nodeRemoved(const QString &id);
    void nodeChanged(const QString &id);
    void nodeRenamed(const QString &oldId, const QString &newId);
    void nodeMoved(const QString &id, const QPointF &position);
    void edgeAdded(const Flow::Edge &edge);
    void edgeRemoved(const Flow::Edge &edge);
    void metadataChanged();
    // After any change at all (including reset); for the YAML view, dirty flag and autosave.
    void changed();

private:
    int indexOf(QStringView id) const;
    Node *findNode(QStringView id);
    void rebuildIndex();

    Workflow m_workflow;
    // Position of each id in m_workflow.nodes; the first one for a duplicated id (an invalid file),
    // as Workflow::indexOf() finds.
    QHash<QString, int> m_index;
};

} // namespace Flow
