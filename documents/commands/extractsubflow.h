#pragma once

#include "model/workflow.h"

#include <QByteArray>
#include <QUndoCommand>

namespace Flow {

class WorkflowDocument;

// "Extract selection into subflow": the selected nodes move into a workflow of their own, and one
// flow.subflow node takes their place, wired the same way:
//  - a wire from outside into the selection becomes an input of the subflow node and a param of the
//    sub-workflow, which a flow.value node inside hands to the node that read it (types kept);
//  - a wire out of the selection becomes an `outputs:` entry of the sub-workflow, read from the
//    subflow node; the calling workflow's own `outputs:` are rewritten the same way;
//  - `after:` across the border is kept on the subflow node; params the moved nodes use are declared
//    in the sub-workflow and passed on through the node's `params`.
// Refused (with `error`) when an expression crosses the border (`nodes.x` of a node on the other side).
struct SubflowExtraction
{
    QString error;  // empty when the extraction is possible
    Workflow sub;   // the new file's workflow
    Workflow after; // the calling workflow with the selection replaced
};

// `ids` in any order; `relativePath` is what the subflow node's `path` says (relative to the
// calling file), `subflowNodeId` a free id of the calling workflow.
SubflowExtraction planSubflowExtraction(const Workflow &workflow, const QStringList &ids,
                                        const QString &subflowNodeId, const QString &relativePath);

// The one undo step of an extraction: redo writes the sub-workflow file (when it does not hold these
// bytes already) and sets the document to the calling workflow after; undo sets the document back —
// byte for byte the workflow it was — and removes the file again if it still holds what was written.
class ExtractSubflowCommand : public QUndoCommand
{
public:
    ExtractSubflowCommand(WorkflowDocument *document, Workflow before, Workflow after, QString filePath,
                          QByteArray fileContent, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

    // Writes `content` to `path` atomically unless it holds exactly that already; false with `error`.
    static bool writeFile(const QString &path, const QByteArray &content, QString *error = nullptr);

protected:
    // Puts `workflow` into the document; `undoing` when it is the workflow from before. An editor that
    // also keeps the text as typed (comments and all) overrides this to give that text back on undo.
    virtual void setDocument(const Workflow &workflow, bool undoing);

private:
    WorkflowDocument *m_document;
    Workflow m_before;
    Workflow m_after;
    QString m_filePath;
    QByteArray m_fileContent;
};

} // namespace Flow
