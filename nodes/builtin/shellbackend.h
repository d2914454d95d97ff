#pragma once

#include "nodes/execbackend.h"

#include <QVariantMap>

namespace Flow {

// shell.exec on a backend other than local (nodes/execbackend.h): reads the same config as the local
// path (command, cwd, env, stdin, kill_grace, allow_failure), lets `backend` run the command, and
// sets the same outputs and errors, so that both ways of running read alike.
void runShellOnBackend(ExecBackend &backend, NodeContext &context, const QVariantMap &defaults);

} // namespace Flow
