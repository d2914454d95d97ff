#include "filecontroller.h"

#include "notificationbar.h"
#include "documents/workflowsession.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>

namespace Flow::Studio {
namespace {

constexpr int MaxRecentFiles = 10;
const char RecentFilesKey[] = "files/recent";
const char LastDirectoryKey[] = "files/lastDirectory";
const QString DiskChangeBar = QStringLiteral("disk-change");
const QString FileErrorBar = QStringLiteral("file-error");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString fileFilter()
{
    return FileController::tr("Workflows (*.yaml *.yml);;All files (*)");
}

} // namespace

FileController::FileController(WorkflowSession *session, QWidget *window, NotificationArea *notifications,
                               QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_window(window)
    , m_notifications(notifications)
    , m_watcher(new QFileSystemWatcher(this))
{
    m_new = new QAction(
        QIcon::fromTheme(QStringLiteral("document-new"), QIcon(QStringLiteral(":/studio/new.svg"))),
        tr("&New"), this);
    m_new->setShortcut(QKeySequence::New);
    m_new->setStatusTip(tr("Start a new, empty workflow"));
    connect(m_new, &QAction::triggered, this, &FileController::newFile);

    m_open = new QAction(
        QIcon::fromTheme(QStringLiteral("document-open"), QIcon(QStringLiteral(":/studio/open.svg"))),
        tr("&Open…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setStatusTip(tr("Open a workflow file"));
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(m_window, tr("Open Workflow"), dialogDirectory(), fileFilter());
        if (!path.isEmpty())
            openFile(path);
    });

    m_save = new QAction(
        QIcon::fromTheme(QStringLiteral("document-save"), QIcon(QStringLiteral(":/studio/save.svg"))),
        tr("&Save"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setStatusTip(tr("Save the workflow as canonical YAML"));
    connect(m_save, &QAction::triggered, this, &FileController::save);

    m_saveAs = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save &As…"), this);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAs, &QAction::triggered, this, &FileController::saveAs);

    m_revert = new QAction(QIcon::fromTheme(QStringLiteral("document-revert")), tr("Re&vert to Saved"), this);
    m_revert->setStatusTip(tr("Drop unsaved changes and read the file again"));
    connect(m_revert, &QAction::triggered, this, &FileController::revert);

    m_recentMenu = new QMenu(tr("Open &Recent"), window);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &FileController::rebuildRecentMenu);
    rebuildRecentMenu();

    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &FileController::onFileChangedOnDisk);
    connect(m_session, &WorkflowSession::filePathChanged, this, &FileController::watchCurrentFile);
    const auto updateRevert = [this] {
        m_revert->setEnabled(!m_session->filePath().isEmpty() && m_session->isModified());
    };
    connect(m_session, &WorkflowSession::modifiedChanged, this, updateRevert);
    connect(m_session, &WorkflowSession::filePathChanged, this, updateRevert);
    updateRevert();
}

bool FileController::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(absolute)) {
        m_session->newWorkflow(absolute);
        emit message(tr("New file %1: it is created when you save.").arg(QDir::toNativeSeparators(absolute)));
        return true;
    }
    QString error;
    if (!m_session->load(absolute, &error)) {
        showError(error);
        return false;
    }
    m_notifications->dismiss(FileErrorBar);
    m_notifications->dismiss(DiskChangeBar);
    m_knownDiskContent = m_session->text();
    addRecentFile(absolute);
    QSettings().setValue(LastDirectoryKey, QFileInfo(absolute).absolutePath());
    watchCurrentFile();
    emit fileOpened(absolute);
    return true;
}

bool FileController::newFile()
{
    if (!maybeSave())
        return false;
    m_session->newWorkflow();
    m_notifications->dismiss(DiskChangeBar);
    return true;
}

bool FileController::save()
{
    if (m_session->filePath().isEmpty())
        return saveAs();
    return saveTo(m_session->filePath());
}

bool FileController::saveAs()
{
    QString start = m_session->filePath();
    if (start.isEmpty())
        start = QDir(dialogDirectory()).filePath(tr("workflow.yaml"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Workflow As"), start, fileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1String(".yaml");
    return saveTo(path);
}

bool FileController::saveTo(const QString &path)
{
    QString error;
    // The watcher would report our own write; drop the watch around it.
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    const bool parsed = m_session->textParses();
    if (!m_session->save(path, &error)) {
        watchCurrentFile();
        showError(error);
        return false;
    }
    m_knownDiskContent = readAll(path);
    watchCurrentFile();
    m_notifications->dismiss(DiskChangeBar);
    addRecentFile(m_session->filePath());
    emit fileSaved(m_session->filePath());
    emit message(parsed ? tr("Saved %1").arg(QDir::toNativeSeparators(path))
                        : tr("Saved %1 as typed: the YAML has errors").arg(QDir::toNativeSeparators(path)));
    return true;
}

void FileController::revert()
{
    const QString path = m_session->filePath();
    if (path.isEmpty())
        return;
    if (m_session->isModified() && m_automaticAnswer == Answer::Ask) {
        const auto button = QMessageBox::question(
            m_window, tr("Revert to Saved"),
            tr("Drop all unsaved changes and read %1 again?").arg(QFileInfo(path).fileName()),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (button != QMessageBox::Discard)
            return;
    }
    QString error;
    if (!m_session->load(path, &error)) {
        showError(error);
        return;
    }
    m_knownDiskContent = m_session->text();
    m_notifications->dismiss(DiskChangeBar);
    emit message(tr("Reverted to the saved file"));
}

bool FileController::maybeSave()
{
    m_session->applyPendingText();
    if (!m_session->isModified())
        return true;
    Answer answer = m_automaticAnswer;
    if (answer == Answer::Ask) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                        tr("Save the changes to \"%1\" before closing?").arg(m_session->displayName()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
        box.setInformativeText(tr("Your changes are lost if you don't save them."));
        box.setDefaultButton(QMessageBox::Save);
        const int button = box.exec();
        answer = button == QMessageBox::Save      ? Answer::Save
                 : button == QMessageBox::Discard ? Answer::Discard
                                                  : Answer::Cancel;
    }
    switch (answer) {
    case Answer::Save:
        return save();
    case Answer::Discard:
        return true;
    case Answer::Cancel:
    case Answer::Ask:
        break;
    }
    return false;
}

QStringList FileController::recentFiles() const
{
    return QSettings().value(RecentFilesKey).toStringList();
}

void FileController::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(RecentFilesKey, files);
}

void FileController::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    int number = 1;
    for (const QString &path : files) {
        const QString label = number < 10
                                  ? QStringLiteral("&%1 %2").arg(number).arg(QDir::toNativeSeparators(path))
                                  : QDir::toNativeSeparators(path);
        QAction *action = m_recentMenu->addAction(label);
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
        ++number;
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear Menu"));
    clear->setEnabled(!files.isEmpty());
    connect(clear, &QAction::triggered, this, [] { QSettings().remove(RecentFilesKey); });
}

void FileController::watchCurrentFile()
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    const QString path = m_session->filePath();
    if (!path.isEmpty() && QFileInfo::exists(path))
        m_watcher->addPath(path);
}

void FileController::onFileChangedOnDisk(const QString &path)
{
    if (path != m_session->filePath())
        return;
    // Editors and QSaveFile replace the file by renaming, which ends the watch: watch the new one.
    watchCurrentFile();
    if (!QFileInfo::exists(path)) {
        m_notifications->show(DiskChangeBar, NotificationBar::Kind::Warning,
                              tr("%1 was deleted or moved by another program. Save to write it again.")
                                  .arg(QFileInfo(path).fileName()));
        return;
    }
    const QByteArray content = readAll(path);
    if (content == m_knownDiskContent)
        return;
    const QString text
        = m_session->isModified()
              ? tr("%1 was changed by another program. Reload it and lose your unsaved changes?")
              : tr("%1 was changed by another program.");
    NotificationBar *bar = m_notifications->show(DiskChangeBar, NotificationBar::Kind::Warning,
                                                 text.arg(QFileInfo(path).fileName()));
    bar->addButton(tr("Reload"), [this, path] {
        QString error;
        if (m_session->load(path, &error)) {
            m_knownDiskContent = m_session->text();
            emit message(tr("Reloaded %1").arg(QDir::toNativeSeparators(path)));
        } else {
            showError(error);
        }
    });
    bar->addButton(tr("Keep Mine"), [this, content] { m_knownDiskContent = content; });
}

void FileController::showError(const QString &text)
{
    m_notifications->show(FileErrorBar, NotificationBar::Kind::Error, text);
    emit message(text);
}

QString FileController::dialogDirectory() const
{
    if (!m_session->filePath().isEmpty())
        return QFileInfo(m_session->filePath()).absolutePath();
    const QString last = QSettings().value(LastDirectoryKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace Flow::Studio
