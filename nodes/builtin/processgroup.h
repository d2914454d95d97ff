#pragma once

#include "model/duration.h"

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace Flow {

// Makes the QProcess child lead its own process group (so that everything it starts can be ended
// together) and gives it default SIGPIPE handling and an empty signal mask whatever ours are.
void startInOwnProcessGroup(QProcess &process);

// True while any process of the group is still running. Zombies do not count: on a system whose init
// does not reap them they stay in the group forever, yet they are gone in every sense that matters.
bool processGroupAlive(qint64 pgid);

// Ends the group led by `process`: SIGTERM to all of it, up to `grace` for it to exit, then SIGKILL to
// whatever is left. Returns once the child is reaped and no member of the group is running any more.
void terminateProcessGroup(QProcess &process, Millis grace);

} // namespace Flow
