#include "basicnodes.h"

#include "nodeconfig.h"

namespace Flow {

void DebugLogNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    QString message = config.string(QStringLiteral("message"));
    if (message.isEmpty())
        message = valueToText(context.input(QStringLiteral("message")));
    const LogStream level = logStreamFromName(config.string(QStringLiteral("level")));
    // One event per line keeps multi-line messages readable in every log view.
    for (const QString &line : message.split(u'\n'))
        context.log(level, line);
    context.setOutput(QStringLiteral("message"), message);
}

void DelayNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const StopWatch stopWatch(context);
    const Millis duration = config.duration(QStringLiteral("duration"));
    if (!context.wait(duration))
        stopWatch.throwStopped();
    context.setOutput(QStringLiteral("value"), context.input(QStringLiteral("value")));
}

} // namespace Flow
