#include "node.h"

namespace Flow {

QString logStreamName(LogStream stream)
{
    switch (stream) {
    case LogStream::Stdout: return QStringLiteral("stdout");
    case LogStream::Stderr: return QStringLiteral("stderr");
    case LogStream::Debug: return QStringLiteral("debug");
    case LogStream::Info: return QStringLiteral("info");
    case LogStream::Warn: return QStringLiteral("warn");
    case LogStream::Error: return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

LogStream logStreamFromName(QStringView name)
{
    if (name == u"stdout")
        return LogStream::Stdout;
    if (name == u"stderr")
        return LogStream::Stderr;
    if (name == u"debug")
        return LogStream::Debug;
    if (name == u"warn" || name == u"warning")
        return LogStream::Warn;
    if (name == u"error")
        return LogStream::Error;
    return LogStream::Info;
}

} // namespace Flow
