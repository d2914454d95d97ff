#include "filenodes.h"

#include "nodeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Flow {
namespace {

[[noreturn]] void fileError(const QString &verb, const QString &path, const QString &reason)
{
    throw NodeError(QStringLiteral("cannot %1 '%2': %3").arg(verb, path, reason));
}

void ensureParentDirectory(const QString &path)
{
    const QString parent = QFileInfo(path).absolutePath();
    if (QFileInfo(parent).isDir())
        return;
    if (!QDir().mkpath(parent))
        fileError(QStringLiteral("write"), path, QStringLiteral("cannot create directory '%1'").arg(parent));
}

void writeReplacing(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        fileError(QStringLiteral("write"), path, file.errorString());
    if (file.write(bytes) != bytes.size())
        fileError(QStringLiteral("write"), path, file.errorString());
    if (!file.commit())
        fileError(QStringLiteral("write"), path, file.errorString());
}

void writeAppending(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        fileError(QStringLiteral("append to"), path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.flush())
        fileError(QStringLiteral("append to"), path, file.errorString());
}

} // namespace

void FileReadNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const QString path = resolvePath(context, config.requiredString(QStringLiteral("path")));
    const QFileInfo info(path);
    if (!info.exists())
        fileError(QStringLiteral("read"), path, QStringLiteral("no such file"));
    if (info.isDir())
        fileError(QStringLiteral("read"), path, QStringLiteral("it is a directory"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fileError(QStringLiteral("read"), path, file.errorString());
    context.setOutput(QStringLiteral("content"), QString::fromUtf8(file.readAll()));
}

void FileWriteNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const QString path = resolvePath(context, config.requiredString(QStringLiteral("path")));
    if (QFileInfo(path).isDir())
        fileError(QStringLiteral("write"), path, QStringLiteral("it is a directory"));
    ensureParentDirectory(path);
    const QByteArray bytes = valueToText(context.input(QStringLiteral("content"))).toUtf8();
    if (config.boolean(QStringLiteral("append")))
        writeAppending(path, bytes);
    else
        writeReplacing(path, bytes);
    context.setOutput(QStringLiteral("path"), path);
}

} // namespace Flow
