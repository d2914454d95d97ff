#pragma once

#include <QObject>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
class QFileSystemWatcher;
class QMenu;
class QWidget;
QT_END_NAMESPACE

namespace Flow::Studio {

class NotificationArea;
class WorkflowSession;

// The File menu's logic: new, open, open recent, save, save as, revert, the question before unsaved
// work is dropped, and noticing when another program changes the file on disk.
class FileController : public QObject
{
    Q_OBJECT

public:
    FileController(WorkflowSession *session, QWidget *window, NotificationArea *notifications,
                   QObject *parent = nullptr);

    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QAction *revertAction() const { return m_revert; }
    QMenu *recentMenu() const { return m_recentMenu; }

    // Opens a file, asking first when there is unsaved work. A path that does not exist yet becomes a
    // new workflow that will be saved there. Returns false when nothing was opened.
    bool openFile(const QString &path);
    bool newFile();
    bool save();
    bool saveAs();
    bool saveTo(const QString &path);
    void revert();
    // Before the window closes or another file replaces this one: true to go on (saved or discarded).
    bool maybeSave();

    QStringList recentFiles() const;
    // Tests and automation never want a modal question: with this set, maybeSave() gives this answer.
    enum class Answer { Ask, Save, Discard, Cancel };
    void setAutomaticAnswer(Answer answer) { m_automaticAnswer = answer; }

signals:
    void fileOpened(const QString &path);
    void fileSaved(const QString &path);
    void message(const QString &text);

private:
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void watchCurrentFile();
    void onFileChangedOnDisk(const QString &path);
    void showError(const QString &text);
    QString dialogDirectory() const;

    WorkflowSession *m_session;
    QWidget *m_window;
    NotificationArea *m_notifications;
    QFileSystemWatcher *m_watcher;
    QAction *m_new;
    QAction *m_open;
    QAction *m_save;
    QAction *m_saveAs;
    QAction *m_revert;
    QMenu *m_recentMenu;
    QByteArray m_knownDiskContent; // what we last read or wrote: our own saves are not "changes"
    Answer m_automaticAnswer = Answer::Ask;
};

} // namespace Flow::Studio
