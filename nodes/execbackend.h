#pragma once

#include "model/duration.h"
#include "nodes/node.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace Flow {

class OutputStream;

// A command as shell.exec would start it, handed to a backend that runs it somewhere else.
struct ExecCommand
{
    QString program;
    QStringList arguments;
    QString name;             // what error messages call it
    QString workingDirectory; // absolute, exists here
    QVariantMap env;          // changes to the inherited environment: NAME -> text, or null to remove
    std::optional<QByteArray> stdinData;
    Millis killGrace{0}; // between the polite stop and the hard one, on cancel or timeout
};

// How the command ended. `failure` is empty when it exited by itself (then exitCode is its status),
// else it says why not ("killed by Slurm at its time limit"); exitCode is then 128 + signal or -1.
struct ExecOutcome
{
    int exitCode = 0;
    QString failure;
};

// Where a node's process runs (DESIGN.md "backends", docs/slurm.md). The executor picks one per node
// from `backend:`, `settings.backend` and `flowrun run --backend`, and hands it to the node through
// NodeContext::execBackend(). No backend (nullptr) means "local": shell.exec then starts the process
// itself as a child in its own process group, which is the local implementation of this interface.
class ExecBackend
{
public:
    virtual ~ExecBackend() = default;
    virtual QString name() const = 0; // the YAML word: "slurm"
    // Runs `command` to its end on the calling worker thread: feeds its output to `out` and `err` as
    // it arrives (so lines are logged live), reports waiting states through context.progress(), and
    // when context.isCancelled() turns true stops the command and leaves nothing behind before it
    // throws NodeError ("cancelled" / "timed out after 30s"). Throws NodeError when the command cannot
    // be started there at all. The streams are not finished: the caller does that.
    virtual ExecOutcome run(const ExecCommand &command, NodeContext &context, OutputStream &out,
                            OutputStream &err)
        = 0;
};

} // namespace Flow
