#include "remoteargs.h"

#include <QFileInfo>

#include <limits>

namespace Flow::Cli::RemoteArgs {

QCommandLineOption tokenFileOption(const QString &description)
{
    return QCommandLineOption(QStringLiteral("token-file"), description, QStringLiteral("FILE"));
}

std::optional<QString> token(const CommandOptions &p, const QCommandLineOption &tokenFile,
                             const QString &command)
{
    if (!p.isSet(tokenFile))
        return qEnvironmentVariable("FLOWSTUDIO_TOKEN").trimmed();
    const QString path = p.value(tokenFile);
    const std::optional<QByteArray> bytes = readInput(path);
    if (!bytes)
        return std::nullopt;
    const QString text = QString::fromUtf8(bytes->left(4096)).trimmed();
    if (text.isEmpty()) {
        printError(QStringLiteral("%1: the token file %2 is empty").arg(command, displayName(path)));
        return std::nullopt;
    }
    if (path != u"-" && (QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)))
        printError(
            QStringLiteral("%1: warning: %2 is readable by other users (chmod 600 it)").arg(command, path));
    return text;
}

std::optional<int> number(const CommandOptions &p, const QCommandLineOption &option, qint64 min, qint64 &out,
                          const QString &command)
{
    if (!p.isSet(option))
        return std::nullopt;
    bool ok = false;
    const qint64 n = p.value(option).toLongLong(&ok);
    if (!ok || n < min) {
        printError(QStringLiteral("%1: --%2 needs a whole number of at least %3")
                       .arg(command, option.names().constFirst())
                       .arg(min));
        return ExitUsage;
    }
    out = n;
    return std::nullopt;
}

std::optional<int> number(const CommandOptions &p, const QCommandLineOption &option, int min, int &out,
                          const QString &command)
{
    qint64 wide = out;
    const std::optional<int> exit = number(p, option, qint64(min), wide, command);
    if (!exit && wide > std::numeric_limits<int>::max()) {
        printError(QStringLiteral("%1: --%2 is too large").arg(command, option.names().constFirst()));
        return ExitUsage;
    }
    out = int(wide);
    return exit;
}

} // namespace Flow::Cli::RemoteArgs
