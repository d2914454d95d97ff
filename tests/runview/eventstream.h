#pragma once

#include "runs/runevent.h"

#include <QStringList>

namespace RunViewTest {

// Builds the events of one hand-made run: consecutive seqs, times `at` ms after `t0`.
class EventStream
{
public:
    explicit EventStream(qint64 t0, QString run = QStringLiteral("r"))
        : m_t0(t0)
        , m_run(std::move(run))
    {}
    EventStream &add(qint64 at, Flow::EventKind kind, const QString &node = {}, int attempt = 0,
                     QVariantMap data = {})
    {
        m_events.append(Flow::RunEvent{m_run, ++m_seq, m_t0 + at, node, kind, attempt, std::move(data)});
        return *this;
    }
    EventStream &start(const QStringList &nodes, qint64 at = 0)
    {
        return add(at, Flow::EventKind::RunStarted, {}, 0, {{"name", "test"}, {"nodes", QVariant(nodes)}});
    }
    EventStream &finish(qint64 at, const QString &status = QStringLiteral("succeeded"))
    {
        return add(at, Flow::EventKind::RunFinished, {}, 0, {{"status", status}});
    }
    Flow::RunEvents events() const { return m_events; }
    operator Flow::RunEvents() const { return m_events; }

private:
    qint64 m_t0;
    QString m_run;
    qint64 m_seq = 0;
    Flow::RunEvents m_events;
};

// A workflow of one shell.exec node, `flaky`, that fails its first `failures` attempts (counting them
// in count.txt in the run's working directory) and then prints "attempt N: done".
inline QByteArray flakyWorkflow(int failures, int attempts, const QByteArray &delay)
{
    return "flowstudio: 1\n"
           "name: flaky\n"
           "nodes:\n"
           "  flaky:\n"
           "    type: shell.exec\n"
           "    config:\n"
           "      command: |\n"
           "        n=$(cat count.txt 2>/dev/null || echo 0)\n"
           "        n=$((n + 1))\n"
           "        echo \"$n\" > count.txt\n"
           "        if [ \"$n\" -le "
           + QByteArray::number(failures)
           + " ]; then echo \"attempt $n: not yet\" >&2; exit 1; fi\n"
             "        echo \"attempt $n: done\"\n"
             "    retry: {attempts: "
           + QByteArray::number(attempts) + ", delay: " + delay + "}\n";
}

} // namespace RunViewTest
