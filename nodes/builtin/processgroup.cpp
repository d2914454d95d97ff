#include "processgroup.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace Flow {
namespace {

#ifdef Q_OS_LINUX
// Reads state and process group from /proc/<pid>/stat ("pid (comm) S ppid pgrp ...").
bool readProcStat(const char *pid, char *state, long *pgrp)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%s/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[512];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buffer[n] = '\0';
    // The command name may itself contain ')' or spaces: the fields start after the last ')'.
    const char *afterName = std::strrchr(buffer, ')');
    if (!afterName)
        return false;
    long ppid = 0;
    return std::sscanf(afterName + 1, " %c %ld %ld", state, &ppid, pgrp) == 3;
}

bool groupHasLiveMember(qint64 pgid)
{
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return true;
    bool alive = false;
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        char state = 0;
        long pgrp = 0;
        if (readProcStat(entry->d_name, &state, &pgrp) && pgrp == pgid && state != 'Z' && state != 'X') {
            alive = true;
            break;
        }
    }
    ::closedir(proc);
    return alive;
}
#endif

// Waits until nothing in the group runs any more or `deadline` passes. While our own child lives, its
// QProcess wait doubles as the sleep and keeps its output flowing to the node.
void waitForGroup(QProcess &process, qint64 pgid, QDeadlineTimer deadline)
{
    while (!deadline.hasExpired()) {
        if (process.state() != QProcess::NotRunning) {
            process.waitForFinished(int(std::clamp<qint64>(deadline.remainingTime(), 1, 20)));
            continue;
        }
        if (!processGroupAlive(pgid))
            return;
        QThread::msleep(std::clamp<qint64>(deadline.remainingTime(), 1, 10));
    }
}

} // namespace

void startInOwnProcessGroup(QProcess &process)
{
    // Runs in the child between fork and exec: async-signal-safe calls only.
    process.setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::signal(SIGPIPE, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
    });
}

bool processGroupAlive(qint64 pgid)
{
    if (pgid <= 0)
        return false;
    if (::kill(pid_t(-pgid), 0) == -1 && errno == ESRCH)
        return false;
#ifdef Q_OS_LINUX
    return groupHasLiveMember(pgid);
#else
    return true;
#endif
}

void terminateProcessGroup(QProcess &process, Millis grace)
{
    const qint64 pgid = process.processId();
    if (pgid <= 0)
        return;
    ::kill(pid_t(-pgid), SIGTERM);
    ::kill(pid_t(-pgid), SIGCONT); // a stopped process only sees SIGTERM once it runs again
    waitForGroup(process, pgid, QDeadlineTimer(grace));

    if (process.state() != QProcess::NotRunning || processGroupAlive(pgid))
        ::kill(pid_t(-pgid), SIGKILL);
    // SIGKILL cannot be ignored; the bound only guards against a process stuck in the kernel.
    waitForGroup(process, pgid, QDeadlineTimer(5000));
}

} // namespace Flow
