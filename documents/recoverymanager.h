#pragma once

#include <QDateTime>
#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Flow::Studio {

class WorkflowSession;

// Autosave and crash recovery. While the workflow has unsaved changes, its text is written to a
// recovery file in the app's data folder at most `interval` after a change (30 s by default). A lock
// file tells a running instance's recovery files from those of one that crashed or was killed: only
// the latter are offered at the next start. A clean state (saved, or undone to the file) removes the
// recovery file, and so does a normal exit.
class RecoveryManager : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        QString recoveryFile; // the saved text
        QString originalPath; // the workflow file it belongs to; empty for an untitled workflow
        QDateTime time;
        QByteArray text;
    };

    explicit RecoveryManager(WorkflowSession *session, QObject *parent = nullptr);
    ~RecoveryManager() override;

    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    static QString recoveryDirectory();
    QString recoveryFile() const;

    // Writes the recovery file now if there is unsaved work (removes it otherwise). Returns true when
    // the file holds the current text afterwards.
    bool autosaveNow();
    // Recovery files of sessions that ended without cleaning up, newest first.
    QList<Entry> orphans() const;
    // Deletes an orphan's files (after it was recovered or the user declined it).
    void discard(const Entry &entry);

signals:
    void autosaved(const QString &recoveryFile);

private:
    void onContentChanged();
    void removeOwnFiles();

    WorkflowSession *m_session;
    QString m_id;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_timer;
};

} // namespace Flow::Studio
