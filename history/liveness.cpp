#include "liveness.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

namespace Flow {
namespace {

struct ProcStat
{
    char state = 0; // 'Z' (zombie) and 'X' (dead) count as gone
    qint64 startTicks = 0;
};

ProcStat procStat(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = stat.readAll();
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from the last ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
    if (fields.size() <= 19 || fields.at(0).isEmpty())
        return {};
    return {fields.at(0).at(0), fields.at(19).toLongLong()};
}

} // namespace

ProcessStamp ProcessStamp::current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return {pid, procStat(pid).startTicks, QSysInfo::machineHostName()};
}

bool ProcessStamp::isAlive() const
{
    if (host != QSysInfo::machineHostName())
        return true;
    if (pid <= 0)
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return false;
    const ProcStat stat = procStat(pid);
    if (stat.state == 0) // no /proc (not Linux): the signal test above is all we have
        return true;
    if (stat.state == 'Z' || stat.state == 'X')
        return false;
    return startTicks == 0 || stat.startTicks == startTicks;
}

} // namespace Flow
