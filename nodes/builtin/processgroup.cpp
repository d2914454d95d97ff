#include "processgroup.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <mutex>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

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

// ---- the group guard ---------------------------------------------------------------------------
// PR_SET_PDEATHSIG reaches only the direct child: `sh -c 'sleep 60; touch x'` would leave its
// `sleep` running after a SIGKILL of ours. So one small guard process per flowrun/flowstudio process
// holds the list of live process groups and SIGKILLs all of them when its connection to us closes,
// which the kernel does however we die. It is started (not exec'd) at the first process start, on
// Linux x86-64 as a clone that shares our memory (see sharedGuardMain), elsewhere as a fork that
// then uses async-signal-safe calls only; messages are one int each: +pgid adds, -pgid removes.

constexpr int kMaxGroups = 4096; // far beyond any max_parallel; more are still covered by PDEATHSIG

// The guard's loop: reads +pgid / -pgid messages until EOF, then SIGKILLs the groups still listed.
// `readMessage` returns false at EOF or on a broken connection.
template<typename Read, typename Kill>
[[gnu::always_inline]] inline void guardLoop(pid_t *groups, Read readMessage, Kill killGroup)
{
    int count = 0;
    int message = 0;
    while (readMessage(&message)) {
        if (message > 0 && count < kMaxGroups) {
            groups[count++] = message;
        } else if (message < 0) {
            for (int i = 0; i < count; ++i) {
                if (groups[i] == -message) {
                    groups[i] = groups[--count];
                    break;
                }
            }
        }
    }
    for (int i = 0; i < count; ++i)
        killGroup(groups[i]);
}

// Not in a ThreadSanitizer build: a clone without CLONE_SETTLS runs on the starting thread's TLS, and
// the instrumented loads and stores of the guard would then share that thread's TSan state with it,
// which corrupts the runtime (a CHECK failure in its mutex). The fork guard does the same job there.
#if defined(__SANITIZE_THREAD__)
#define FLOW_TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FLOW_TSAN_BUILD 1
#endif
#endif
#if defined(Q_OS_LINUX) && defined(__x86_64__) && !defined(FLOW_TSAN_BUILD)
// The guard shares our memory (clone with CLONE_VM and a stack of its own) instead of being a fork:
// a fork of a large multi-threaded process copies its page tables and makes every page we write
// afterwards a copy-on-write fault, and its exit tears the copy down again. Sharing the memory is
// safe because the guard touches nothing of ours: it runs on its own never-freed stack and makes
// raw system calls only (a libc call could write errno into the thread-local storage of the thread
// that started it, which may be gone by then). Signals stay blocked in it (the starting thread blocks
// them all around the clone), so a Ctrl-C to our terminal group does not end it.
#define FLOW_GUARD_SHARES_MEMORY 1

[[gnu::always_inline]] inline long rawSyscall(long n, long a = 0, long b = 0, long c = 0)
{
    long ret;
    asm volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
}

constexpr size_t kGuardStack = 128 * 1024;

__attribute__((no_stack_protector)) int sharedGuardMain(void *arg)
{
    const int fd = int(reinterpret_cast<intptr_t>(arg));
    // Holds none of our descriptors (a pipe end kept open here would hide EOF from a reader).
    if (rawSyscall(SYS_close_range, 0, fd - 1, 0) != 0 || rawSyscall(SYS_close_range, fd + 1, ~0u, 0) != 0) {
        for (int i = 0; i < 1024; ++i) {
            if (i != fd)
                rawSyscall(SYS_close, i);
        }
    }
    pid_t groups[kMaxGroups];
    guardLoop(
        groups,
        [fd](int *message) {
            for (;;) {
                const long n = rawSyscall(SYS_read, fd, long(message), long(sizeof *message));
                if (n == -EINTR)
                    continue;
                return n == long(sizeof *message);
            }
        },
        [](pid_t pgid) { rawSyscall(SYS_kill, -long(pgid), SIGKILL); });
    for (;;)
        rawSyscall(SYS_exit, 0);
}

// Before Linux 5.16 a core-dumping crash of ours (SIGSEGV, SIGABRT) also killed every process sharing
// our memory, the guard with it; there the guard stays a fork.
bool kernelKeepsSharedGuardOnCrash()
{
    utsname name{};
    int major = 0;
    int minor = 0;
    return ::uname(&name) == 0 && std::sscanf(name.release, "%d.%d", &major, &minor) == 2
           && (major > 5 || (major == 5 && minor >= 16));
}

pid_t startSharedGuard(int fd)
{
    if (!kernelKeepsSharedGuardOnCrash())
        return -1;
    void *stack = ::mmap(nullptr, kGuardStack, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -1;
    // Never unmapped: the guard may outlive every thread of ours.
    sigset_t all;
    sigset_t old;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &old);
    const pid_t pid = ::clone(sharedGuardMain, static_cast<char *>(stack) + kGuardStack, CLONE_VM | SIGCHLD,
                              reinterpret_cast<void *>(intptr_t(fd)));
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return pid;
}
#endif

[[noreturn]] void guardMain(int fd)
{
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU})
        ::signal(s, SIG_IGN); // a Ctrl-C reaches our whole terminal group; the guard must outlive it
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
#ifdef Q_OS_LINUX
    // Holds none of our descriptors (a pipe end kept open here would hide EOF from a reader).
    ::dup2(fd, 3);
    ::syscall(SYS_close_range, 4u, ~0u, 0u);
    ::syscall(SYS_close_range, 0u, 2u, 0u);
    fd = 3;
#endif
    pid_t groups[kMaxGroups];
    guardLoop(
        groups,
        [fd](int *message) {
            for (;;) {
                const ssize_t n = ::read(fd, message, sizeof *message);
                if (n < 0 && errno == EINTR)
                    continue;
                return n == ssize_t(sizeof *message);
            }
        },
        [](pid_t pgid) { ::kill(-pgid, SIGKILL); });
    ::_exit(0);
}

class GroupGuard
{
public:
    static GroupGuard &instance()
    {
        static GroupGuard guard;
        return guard;
    }
    void add(qint64 pgid) { send(int(pgid)); }
    void remove(qint64 pgid) { send(-int(pgid)); }

private:
    GroupGuard()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
            return;
        pid_t pid = -1;
#ifdef FLOW_GUARD_SHARES_MEMORY
        pid = startSharedGuard(fds[1]);
        if (pid < 0)
#endif
        {
            pid = ::fork();
            if (pid == 0) {
                ::close(fds[0]);
                guardMain(fds[1]);
            }
        }
        ::close(fds[1]);
        if (pid < 0) {
            ::close(fds[0]);
            return;
        }
        m_fd = fds[0];
        m_pid = pid;
    }
    ~GroupGuard()
    {
        // Normal exit: every group was removed already, so the guard just ends. Reaped here so that
        // it does not linger as a zombie of a host that keeps running static destructors.
        if (m_fd >= 0) {
            ::close(m_fd);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
        }
    }
    void send(int message)
    {
        if (m_fd >= 0) [[maybe_unused]]
            const ssize_t n = ::send(m_fd, &message, sizeof message, MSG_NOSIGNAL);
    }

    int m_fd = -1;
    pid_t m_pid = -1;
};

} // namespace

void startInOwnProcessGroup(QProcess &process)
{
    GroupGuard::instance(); // forked before the child so that the child's group can be handed to it
    const pid_t parent = ::getpid();
    // Runs in the child between fork and exec: async-signal-safe calls only.
    process.setChildProcessModifier([parent] {
        ::setpgid(0, 0);
#ifdef Q_OS_LINUX
        // Killed with us even before the guard knows the group. Fires when the forking thread ends:
        // the node's worker thread waits for the child, so it outlives it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127); // we died between fork and prctl
#endif
        ::signal(SIGPIPE, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
    });
}

void watchProcessGroup(qint64 pgid)
{
    if (pgid > 0)
        GroupGuard::instance().add(pgid);
}

void unwatchProcessGroup(qint64 pgid)
{
    if (pgid <= 0)
        return;
    // The node is over: what is still in its group is a leftover background job (`(cmd &)`, a
    // double fork) that would otherwise outlive the run, so it goes now, as it would at our death.
    if (processGroupAlive(pgid))
        ::kill(pid_t(-pgid), SIGKILL);
    GroupGuard::instance().remove(pgid);
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
