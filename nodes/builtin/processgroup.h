#pragma once

#include "model/duration.h"

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace Flow {

// Makes the QProcess child lead its own process group (so that everything it starts can be ended
// together) and gives it default SIGPIPE handling and an empty signal mask whatever ours are. On Linux
// the child also gets SIGKILL when we die (PR_SET_PDEATHSIG), even by SIGKILL.
void startInOwnProcessGroup(QProcess &process);

// The whole group of a started child is SIGKILLed if this process dies before unwatchProcessGroup()
// (however it dies: a guard process sees its connection to us close). Call watch right after the
// start and unwatch once the child is reaped and its group ended or left to itself. Limits: a
// process that leaves the group (setsid, setpgid: daemons, double-forks that detach) is not ours to
// find any more; and one killed in the instant between its fork and watch is covered by
// PR_SET_PDEATHSIG only, which reaches the child but not what it started in that instant.
void watchProcessGroup(qint64 pgid);
void unwatchProcessGroup(qint64 pgid);

// True while any process of the group is still running. Zombies do not count: on a system whose init
// does not reap them they stay in the group forever, yet they are gone in every sense that matters.
bool processGroupAlive(qint64 pgid);

// Ends the group led by `process`: SIGTERM to all of it, up to `grace` for it to exit, then SIGKILL to
// whatever is left. Returns once the child is reaped and no member of the group is running any more.
void terminateProcessGroup(QProcess &process, Millis grace);

} // namespace Flow
