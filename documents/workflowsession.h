#pragma once

#include "model/diagnostic.h"
#include "model/workflow.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace Flow {
class NodeTypeCatalog;
class WorkflowDocument;
} // namespace Flow

namespace Flow::Studio {

// One open workflow as the app edits it: the document the canvas shows, the YAML text the editor
// shows, the undo stack both write to, the file it belongs to and its diagnostics. No widgets here, so
// the two-way sync and the file rules are tested without a window.
//
// Sync rules: a document change (canvas, inspector, undo) rewrites the text canonically; text typed by
// the user is parsed after a pause and, when it reads without errors, becomes ONE undo step that sets
// the document; while it does not parse, the document keeps its last good state.
class WorkflowSession : public QObject
{
    Q_OBJECT

public:
    explicit WorkflowSession(const NodeTypeCatalog *catalog, QObject *parent = nullptr);
    ~WorkflowSession() override;

    WorkflowDocument *document() const { return m_document; }
    QUndoStack *undoStack() const { return m_undoStack; }
    const NodeTypeCatalog *catalog() const { return m_catalog; }

    QString filePath() const { return m_filePath; }
    // The file name, or "Untitled" for a new workflow.
    QString displayName() const;

    // The YAML text as the editor shows it.
    QByteArray text() const;
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    // False while the text does not read as a workflow; the document then holds the last good state.
    bool textParses() const { return m_textParses; }
    bool isModified() const;

    // How long typing must pause before the text is parsed and applied (tests shorten it).
    void setApplyDelay(int ms) { m_applyTimer.setInterval(ms); }

    // An empty workflow; `path` (may be empty) is where Save will write it.
    void newWorkflow(const QString &path = {});
    // Reads a workflow file. A malformed file still opens: its text and diagnostics are shown and the
    // document holds whatever could be read. Fails only when the file cannot be read at all.
    bool load(const QString &path, QString *errorMessage = nullptr);
    // Opens text that did not come from `path` as it is (crash recovery): it counts as modified.
    void loadUnsaved(const QByteArray &text, const QString &path);
    // Writes atomically (QSaveFile): canonical YAML when the text parses, the text as typed otherwise
    // (nothing typed is ever dropped). Becomes the session's file and marks it clean.
    bool save(const QString &path, QString *errorMessage = nullptr);

    // The user changed the text; it is applied after the pause (or at once by applyPendingText()).
    void setEditedText(const QByteArray &text);
    bool hasPendingText() const { return m_applyTimer.isActive(); }
    void applyPendingText();

    // Undo/redo for the menus: typing not yet applied is applied (as its own step) first.
    void undo();
    void redo();

    // Node edits as one undo step each (documents/nodeedits.h): why a rename cannot be done, or empty.
    QString renameNode(const QString &oldId, const QString &newId);
    bool setNodeSettings(const QString &id, const Node &settings, int mergeKey = 0);

    // Used by SetWorkflowCommand: sets document and text together without creating another step.
    void restoreState(const Workflow &workflow, const QByteArray &text);

signals:
    // The text changed for a reason other than typing in the editor; views reload text().
    void textReplaced();
    void diagnosticsChanged();
    void parseStateChanged(bool parses);
    void filePathChanged();
    void modifiedChanged(bool modified);
    // After a file was read, recovered or created: views reset their state (selection, scroll).
    void loaded();
    // The document is about to be replaced as a whole by a text edit or its undo (views keep selections).
    void aboutToReplaceDocument();
    // Any change of the workflow or its text by the user (typing, canvas, inspector, undo); not loading.
    void contentChanged();

private:
    void onDocumentChanged();
    void regenerateText() const;
    void setText(const QByteArray &text, bool parses);
    void updateDiagnostics();
    void setFilePath(const QString &path);
    void startOver(const QByteArray &text, const Workflow &workflow, bool parses);
    void notifyModified();

    const NodeTypeCatalog *m_catalog = nullptr;
    WorkflowDocument *m_document = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QString m_filePath;
    // `mutable`: text() regenerates lazily so a burst of document signals costs one write.
    mutable QByteArray m_text;
    mutable bool m_regeneratePending = false;
    // The text the document state corresponds to; differs from m_text while typing is unapplied.
    mutable QByteArray m_documentText;
    Diagnostics m_diagnostics;
    bool m_textParses = true;
    bool m_restoring = false;
    bool m_lastModified = false;
    QTimer m_applyTimer;
};

} // namespace Flow::Studio
