#pragma once

#include <QStringList>

// One function per `flowrun` sub-command. `args` excludes the program name and the sub-command.
// Each returns the process exit code. main.cpp dispatches; each lives in its own cmd_*.cpp.
namespace Flow::Cli {

int validateCommand(const QStringList &args);
int fmtCommand(const QStringList &args);
int nodesCommand(const QStringList &args);
int importCommand(const QStringList &args); // cmd_import.cpp (importers/)
int runCommand(const QStringList &args); // cmd_run.cpp, owned by the executor
int serveCommand(const QStringList &args); // cmd_serve.cpp, remote/
int watchCommand(const QStringList &args); // cmd_watch.cpp, remote/
int historyCommand(const QStringList &args); // cmd_history.cpp: the run history
int showCommand(const QStringList &args);
int pruneCommand(const QStringList &args);

} // namespace Flow::Cli
