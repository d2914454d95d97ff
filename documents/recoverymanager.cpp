#include "recoverymanager.h"

#include "workflowsession.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace Flow::Studio {
namespace {

QString lockPathFor(const QString &base)
{
    return base + QStringLiteral(".lock");
}

bool writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

RecoveryManager::RecoveryManager(WorkflowSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_id(QStringLiteral("session-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(13)))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(30000);
    connect(&m_timer, &QTimer::timeout, this, &RecoveryManager::autosaveNow);
    connect(m_session, &WorkflowSession::contentChanged, this, &RecoveryManager::onContentChanged);
    // Saved or undone back to the file: nothing left to recover.
    connect(m_session, &WorkflowSession::modifiedChanged, this, [this](bool modified) {
        if (!modified) {
            m_timer.stop();
            removeOwnFiles();
        }
    });
    QDir().mkpath(recoveryDirectory());
    m_lock = std::make_unique<QLockFile>(lockPathFor(QDir(recoveryDirectory()).filePath(m_id)));
    m_lock->tryLock(0);
}

RecoveryManager::~RecoveryManager()
{
    removeOwnFiles();
}

QString RecoveryManager::recoveryDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

QString RecoveryManager::recoveryFile() const
{
    return QDir(recoveryDirectory()).filePath(m_id + QStringLiteral(".yaml"));
}

void RecoveryManager::onContentChanged()
{
    // "Every 30 s of changes": the first change starts the countdown, later ones ride along with it.
    if (!m_timer.isActive())
        m_timer.start();
}

bool RecoveryManager::autosaveNow()
{
    m_timer.stop();
    if (!m_session->isModified()) {
        removeOwnFiles();
        return false;
    }
    QDir().mkpath(recoveryDirectory());
    QJsonObject meta;
    meta.insert(QStringLiteral("path"), m_session->filePath());
    meta.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    meta.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    const QString base = QDir(recoveryDirectory()).filePath(m_id);
    // The text first: it is what matters, and an orphan is recognised by it alone.
    if (!writeAtomically(recoveryFile(), m_session->text())
        || !writeAtomically(base + QStringLiteral(".json"), QJsonDocument(meta).toJson()))
        return false;
    emit autosaved(recoveryFile());
    return true;
}

QList<RecoveryManager::Entry> RecoveryManager::orphans() const
{
    QList<Entry> result;
    const QDir dir(recoveryDirectory());
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("session-*.yaml")}, QDir::Files);
    for (const QFileInfo &info : files) {
        const QString base = dir.filePath(info.completeBaseName());
        if (info.completeBaseName() == m_id)
            continue;
        // A live instance holds its lock; a killed one's lock is stale and can be taken.
        QLockFile lock(lockPathFor(base));
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        Entry entry;
        entry.recoveryFile = info.absoluteFilePath();
        QFile text(entry.recoveryFile);
        if (!text.open(QIODevice::ReadOnly))
            continue;
        entry.text = text.readAll();
        QFile metaFile(base + QStringLiteral(".json"));
        if (metaFile.open(QIODevice::ReadOnly)) {
            const QJsonObject meta = QJsonDocument::fromJson(metaFile.readAll()).object();
            entry.originalPath = meta.value(QStringLiteral("path")).toString();
            entry.time
                = QDateTime::fromString(meta.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        }
        if (!entry.time.isValid())
            entry.time = info.lastModified();
        result.append(entry);
    }
    std::sort(result.begin(), result.end(), [](const Entry &a, const Entry &b) { return a.time > b.time; });
    return result;
}

void RecoveryManager::discard(const Entry &entry)
{
    const QFileInfo info(entry.recoveryFile);
    const QString base = info.dir().filePath(info.completeBaseName());
    QFile::remove(entry.recoveryFile);
    QFile::remove(base + QStringLiteral(".json"));
    QFile::remove(lockPathFor(base));
}

void RecoveryManager::removeOwnFiles()
{
    QFile::remove(recoveryFile());
    QFile::remove(QDir(recoveryDirectory()).filePath(m_id + QStringLiteral(".json")));
}

} // namespace Flow::Studio
