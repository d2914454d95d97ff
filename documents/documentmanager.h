#pragma once

#include <QList>
#include <QObject>

namespace Flow {
class NodeTypeCatalog;
}

namespace Flow::Studio {

class WorkflowSession;

// The workflows open at once (a window's tabs, a subflow opened from its node): one WorkflowSession
// per file, found again by path, so opening a file that is open already shows it instead of making a
// second copy whose edits would fight the first's. Owns the sessions. No widgets.
class DocumentManager : public QObject
{
    Q_OBJECT

public:
    explicit DocumentManager(const NodeTypeCatalog *catalog, QObject *parent = nullptr);
    ~DocumentManager() override;

    // A new untitled, empty workflow.
    WorkflowSession *create();
    // The session of `path` when it is open, else a new one that reads it. Null, with the reason in
    // `errorMessage`, when the file cannot be read at all (a malformed file still opens).
    WorkflowSession *open(const QString &path, QString *errorMessage = nullptr);
    // The open session of `path` (compared as canonical absolute paths), or null.
    WorkflowSession *find(const QString &path) const;
    // Closes and deletes `session` (the caller asked about unsaved changes before).
    void close(WorkflowSession *session);

    const QList<WorkflowSession *> &sessions() const { return m_sessions; }
    QList<WorkflowSession *> modifiedSessions() const;
    WorkflowSession *current() const { return m_current; }
    void setCurrent(WorkflowSession *session);

signals:
    void sessionAdded(Flow::Studio::WorkflowSession *session);
    void sessionAboutToClose(Flow::Studio::WorkflowSession *session);
    void currentChanged(Flow::Studio::WorkflowSession *session);

private:
    WorkflowSession *adopt(WorkflowSession *session);

    const NodeTypeCatalog *m_catalog;
    QList<WorkflowSession *> m_sessions;
    WorkflowSession *m_current = nullptr;
};

} // namespace Flow::Studio
