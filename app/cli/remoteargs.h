#pragma once

#include "cliutil.h"

#include <QCommandLineOption>
#include <QString>

#include <optional>

// What `flowrun serve` and `flowrun watch` parse alike: the token (a file or $FLOWSTUDIO_TOKEN)
// and whole-number options. Errors are printed as "flowrun: COMMAND: ..." by these functions.
namespace Flow::Cli::RemoteArgs {

// --token-file FILE, described for `command`'s side of the connection.
QCommandLineOption tokenFileOption(const QString &description);

// The token of --token-file (trimmed; "-" reads stdin) or else $FLOWSTUDIO_TOKEN. Nullopt after an
// error: an unreadable file, or an empty one when a file was given. Warns when others can read it.
std::optional<QString> token(const CommandOptions &p, const QCommandLineOption &tokenFile,
                             const QString &command);

// Reads a whole number of at least `min` into `out` when `option` is set. An exit code after a
// usage error, nullopt otherwise.
std::optional<int> number(const CommandOptions &p, const QCommandLineOption &option, qint64 min, qint64 &out,
                          const QString &command);
std::optional<int> number(const CommandOptions &p, const QCommandLineOption &option, int min, int &out,
                          const QString &command);

} // namespace Flow::Cli::RemoteArgs
