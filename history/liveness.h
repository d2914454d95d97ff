#pragma once

#include <QString>

namespace Flow {

// Who is recording a run, so that the next process can tell a live recorder from a dead one
// (kill -9, a crash, a power cut). A pid alone could be reused by an unrelated process; the pid's
// start time (from /proc) tells them apart.
struct ProcessStamp
{
    qint64 pid = 0;
    qint64 startTicks = 0; // /proc/PID/stat field 22; 0 when unknown
    QString host;

    static ProcessStamp current();
    // False when the process is certainly gone (same host, and no such pid or a different start
    // time). True when it lives or when this cannot be told from here (another host).
    bool isAlive() const;
};

} // namespace Flow
