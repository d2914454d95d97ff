#pragma once

#include <QFile>
#include <QString>

namespace Flow::Bench {

// The history benchmarks' workload: NODES shell.exec nodes, two at a time, each printing LINES lines
// (NODES × LINES log events). Written as DIR/bench.yaml; returns its path.
inline QString writeLinesWorkflow(const QString &dir, int nodes, int linesPerNode)
{
    QByteArray yaml = "flowstudio: 1\nname: Bench\nsettings: {max_parallel: 2}\nnodes:\n";
    for (int i = 0; i < nodes; ++i)
        yaml += QStringLiteral("  n%1:\n    type: shell.exec\n    config: {command: \"seq 1 %2\"}\n")
                    .arg(i)
                    .arg(linesPerNode)
                    .toUtf8();
    const QString path = dir + QStringLiteral("/bench.yaml");
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(yaml);
    return path;
}

} // namespace Flow::Bench
