#pragma once

#include "model/workflow.h"

#include <QUndoCommand>

#include <optional>

namespace Flow {

class WorkflowDocument;

// Adds nodes (with their inputs) and extra edges into existing nodes: one palette drop, a quick-add,
// a paste or a duplicate. Undo removes them again, leaving the document byte for byte as before.
class AddNodesCommand : public QUndoCommand
{
public:
    AddNodesCommand(WorkflowDocument *document, const QList<Node> &nodes, const QList<Edge> &extraEdges,
                    const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    WorkflowDocument *m_document;
    QList<Node> m_nodes;
    QList<Edge> m_extraEdges;
};

// Removes one node with every wire and `after` reference to it; undo puts everything back in its
// place (node index, input order of the nodes it fed, `after` lists, position or no position).
class RemoveNodeCommand : public QUndoCommand
{
public:
    RemoveNodeCommand(WorkflowDocument *document, const QString &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    struct FedInput
    {
        Edge edge;
        int index;
    };
    struct AfterRef
    {
        QString node;
        QStringList after;
    };
    WorkflowDocument *m_document;
    QString m_id;
    Node m_node;
    int m_index = -1;
    QList<FedInput> m_fed;
    QList<AfterRef> m_afterRefs;
};

class RenameNodeCommand : public QUndoCommand
{
public:
    RenameNodeCommand(WorkflowDocument *document, const QString &oldId, const QString &newId,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    WorkflowDocument *m_document;
    QString m_oldId;
    QString m_newId;
};

// Replaces a node's settings (type, config, when, retry, ...). With a non-zero `mergeKey`, consecutive
// changes of the same node with the same key merge into one step (typing in one inspector field).
class SetNodeSettingsCommand : public QUndoCommand
{
public:
    SetNodeSettingsCommand(WorkflowDocument *document, const QString &id, const Node &newSettings,
                           int mergeKey = 0, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    WorkflowDocument *m_document;
    QString m_nodeId;
    Node m_before;
    Node m_after;
    int m_mergeKey;
};

// Replaces a node's `after:` list (deleting an ordering wire, or adding one).
class SetAfterCommand : public QUndoCommand
{
public:
    SetAfterCommand(WorkflowDocument *document, const QString &id, const QStringList &after,
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    WorkflowDocument *m_document;
    QString m_nodeId;
    QStringList m_before;
    QStringList m_after;
};

} // namespace Flow
