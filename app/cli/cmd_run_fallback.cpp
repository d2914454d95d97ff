// Stands in for cmd_run.cpp (the executor's) until it exists, so that flowrun always links.
#include "cliutil.h"
#include "commands.h"

namespace Flow::Cli {

int runCommand(const QStringList &)
{
    printError(QStringLiteral("run is not available in this build"));
    return ExitProblems;
}

} // namespace Flow::Cli
