#include "serverprocess.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>

#include <csignal>

ServerProcess::~ServerProcess()
{
    const bool endedByItself = m_process.state() == QProcess::NotRunning && !m_stopped;
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    // A server that died on its own, or a sanitizer's report, is why a test failed: show it.
    const QString text = log();
    if ((endedByItself && (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0))
        || text.contains(QLatin1String("Sanitizer")) || text.contains(QLatin1String("runtime error")))
        qWarning("flowrun serve ended with code %d; its stderr:\n%s", m_process.exitCode(), qPrintable(text));
}

bool ServerProcess::start(quint16 port, const QStringList &args, const QString &workingDirectory)
{
    if (!workingDirectory.isEmpty())
        m_process.setWorkingDirectory(workingDirectory);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral(FLOWRUN_PATH),
                    QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                QStringLiteral("127.0.0.1:%1").arg(port)}
                        + args);
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on (wss?://\\S+)"));
    QSignalSpy spy(&m_process, &QProcess::readyReadStandardError);
    for (int i = 0; i < 100; ++i) {
        m_err += m_process.readAllStandardError();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_err));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
        if (m_process.state() == QProcess::NotRunning || !spy.wait(10000))
            return false;
    }
    return false;
}

QString ServerProcess::log()
{
    m_err += m_process.readAllStandardError();
    return QString::fromUtf8(m_err);
}

void ServerProcess::kill()
{
    m_stopped = true;
    m_process.kill();
    m_process.waitForFinished(5000);
}

int ServerProcess::terminate()
{
    m_stopped = true;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (m_process.state() != QProcess::NotRunning) {
        QSignalSpy finished(&m_process, &QProcess::finished);
        if (!finished.wait(20000))
            return -1;
    }
    log();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

qint64 ServerProcess::peakRssKb() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
