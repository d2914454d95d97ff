#pragma once

// Helpers shared by the studio tests: example files and malformed workflows with the line of their error.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>

namespace StudioTest {

inline QStringList exampleFiles()
{
    const QDir dir(QStringLiteral(FLOW_SOURCE_DIR "/resources/examples"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files.append(dir.filePath(name));
    return files;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A small valid workflow: two wired nodes, a comment, a layout.
inline QByteArray twoNodes()
{
    return "flowstudio: 1\n"
           "name: Two nodes\n"
           "nodes:\n"
           "  list:\n"
           "    type: shell.exec\n"
           "    config: {command: ls}   # a comment the canonical form drops\n"
           "  show:\n"
           "    type: debug.log\n"
           "    inputs: {message: list.stdout}\n"
           "layout:\n"
           "  list: [0, 0]\n"
           "  show: [240, 0]\n";
}

// Malformed workflows and the 1-based line of their (first) error.
inline void addMalformedRows()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("unknown key") << QByteArray("flowstudio: 1\nname: x\nnodes:\n  a:\n    type: shell.exec\n"
                                               "    config: {command: ls}\n    colour: red\n")
                                 << 7 << QStringLiteral("colour");
    QTest::newRow("bad duration") << QByteArray("flowstudio: 1\nname: x\nnodes:\n  a:\n    type: shell.exec\n"
                                                "    config: {command: ls}\n    timeout: 5 parsecs\n")
                                  << 7 << QStringLiteral("duration");
    QTest::newRow("syntax error") << QByteArray("flowstudio: 1\nname: x\nnodes:\n  a:\n    type: shell.exec\n"
                                                "    config: {command: [ls, -l}\n  b:\n    type: debug.log\n")
                                  << 6 << QStringLiteral("syntax");
    QTest::newRow("tab indent") << QByteArray("flowstudio: 1\nname: x\n\tnodes: {}\n") << 3
                                << QStringLiteral("tab");
    QTest::newRow("unknown type") << QByteArray("flowstudio: 1\nname: x\nnodes:\n  a:\n    type: shell.exec\n"
                                                "    config: {command: ls}\n  b:\n    type: no.such.type\n")
                                  << 8 << QStringLiteral("no.such.type");
    QTest::newRow("not a mapping") << QByteArray("- just\n- a list\n") << 1 << QString();
}

} // namespace StudioTest
