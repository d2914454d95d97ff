#include "documentmanager.h"

#include "workflowsession.h"

#include <QFileInfo>

namespace Flow::Studio {
namespace {

QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString c = info.canonicalFilePath(); // empty for a file that does not exist (yet)
    return c.isEmpty() ? info.absoluteFilePath() : c;
}

} // namespace

DocumentManager::DocumentManager(const NodeTypeCatalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
{}

DocumentManager::~DocumentManager()
{
    const QList<WorkflowSession *> sessions = m_sessions;
    m_sessions.clear();
    qDeleteAll(sessions);
}

WorkflowSession *DocumentManager::adopt(WorkflowSession *session)
{
    m_sessions.append(session);
    emit sessionAdded(session);
    if (!m_current)
        setCurrent(session);
    return session;
}

WorkflowSession *DocumentManager::create()
{
    auto *session = new WorkflowSession(m_catalog, this);
    return adopt(session);
}

WorkflowSession *DocumentManager::open(const QString &path, QString *errorMessage)
{
    if (WorkflowSession *open = find(path))
        return open;
    auto *session = new WorkflowSession(m_catalog, this);
    if (!session->load(path, errorMessage)) {
        delete session;
        return nullptr;
    }
    return adopt(session);
}

WorkflowSession *DocumentManager::find(const QString &path) const
{
    if (path.isEmpty())
        return nullptr;
    const QString wanted = canonical(path);
    for (WorkflowSession *s : m_sessions) {
        if (!s->filePath().isEmpty() && canonical(s->filePath()) == wanted)
            return s;
    }
    return nullptr;
}

void DocumentManager::close(WorkflowSession *session)
{
    if (!m_sessions.contains(session))
        return;
    emit sessionAboutToClose(session);
    m_sessions.removeOne(session);
    if (m_current == session)
        setCurrent(m_sessions.isEmpty() ? nullptr : m_sessions.constLast());
    session->deleteLater();
}

QList<WorkflowSession *> DocumentManager::modifiedSessions() const
{
    QList<WorkflowSession *> out;
    for (WorkflowSession *s : m_sessions) {
        if (s->isModified())
            out.append(s);
    }
    return out;
}

void DocumentManager::setCurrent(WorkflowSession *session)
{
    if (session == m_current || (session && !m_sessions.contains(session)))
        return;
    m_current = session;
    emit currentChanged(session);
}

} // namespace Flow::Studio
