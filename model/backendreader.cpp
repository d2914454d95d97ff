// `backend:` and `slurm:` of nodes and `settings`, and their canonical text.
#include "backend.h"
#include "readercontext.h"
#include "textutil.h"

namespace Flow::Reader {

std::optional<Backend> readBackend(Context &context, const Value &v, const QString &what,
                                   const QString &nodeId)
{
    const std::optional<Backend> backend = v.isString() ? backendFromName(v.toString()) : std::nullopt;
    if (!backend)
        context.error(posOf(v), tr("%1 must be local or slurm, not %2").arg(what, Text::describe(v)), nodeId);
    return backend;
}

namespace {

std::optional<QString> slurmText(Context &context, const Value &v, const QString &what, const QString &nodeId)
{
    if (v.isInt() && v.toInt() >= 0) // `time: 30` (minutes), `mem: 4000` (MB)
        return QString::number(v.toInt());
    const std::optional<QString> text = context.text(v, what, nodeId);
    if (text && text->trimmed().isEmpty()) {
        context.error(posOf(v), tr("%1 must not be empty").arg(what), nodeId);
        return std::nullopt;
    }
    return text;
}

void readExtraArgs(Context &context, const Value &v, const QString &what, const QString &nodeId,
                   SlurmOptions &options)
{
    const auto bad = [&](const Value &at) {
        context.error(posOf(at),
                      tr("%1 must be a list of sbatch arguments such as [--qos=short], not %2")
                          .arg(what, Text::describe(at)),
                      nodeId);
    };
    if (v.isString()) {
        options.extraArgs.append(v.toString());
        return;
    }
    if (!v.isList())
        return bad(v);
    for (const Value &item : v.list()) {
        if (item.isString() || item.isNumber())
            options.extraArgs.append(item.toString());
        else
            bad(item);
    }
}

} // namespace

std::optional<SlurmOptions> readSlurm(Context &context, const Value &v, const QString &where,
                                      const QString &nodeId)
{
    const QString what = tr("'slurm'%1").arg(where);
    if (!context.mapOrEmpty(v, what, tr("a map with partition, time, cpus, mem and extra_args"), nodeId))
        return std::nullopt;
    const QString in = tr(" in 'slurm'%1").arg(where);
    context.checkKeys(v, {"partition", "time", "cpus", "mem", "extra_args"}, in, nodeId);
    const auto field = [&](const char *key) {
        return tr("'%1'%2").arg(QString::fromLatin1(key), in);
    };
    SlurmOptions options;
    options.pos = v.keyPos;
    if (const Value *p = v.find(u"partition"))
        options.partition = slurmText(context, *p, field("partition"), nodeId);
    if (const Value *t = v.find(u"time")) {
        options.time = slurmText(context, *t, field("time"), nodeId);
        if (options.time && !slurmTimeArgument(*options.time)) {
            context.error(posOf(*t),
                          tr("%1 must be minutes, [days-]hours:minutes:seconds or a duration such as 90s, "
                             "not %2")
                              .arg(field("time"), Text::describe(*t)),
                          nodeId);
            options.time.reset();
        }
    }
    if (const Value *c = v.find(u"cpus"))
        options.cpus = context.positiveInt(*c, field("cpus"), nodeId);
    if (const Value *m = v.find(u"mem")) {
        options.mem = slurmText(context, *m, field("mem"), nodeId);
        if (options.mem && !isSlurmMemory(*options.mem)) {
            context.error(
                posOf(*m),
                tr("%1 must be a size such as 500M or 4G, not %2").arg(field("mem"), Text::describe(*m)),
                nodeId);
            options.mem.reset();
        }
    }
    if (const Value *e = v.find(u"extra_args"))
        readExtraArgs(context, *e, field("extra_args"), nodeId, options);
    return options;
}

} // namespace Flow::Reader

namespace Flow {

Value slurmValue(const SlurmOptions &options)
{
    Value v = Value::makeMap();
    if (options.partition)
        v.insert(QStringLiteral("partition"), *options.partition);
    if (options.time)
        v.insert(QStringLiteral("time"), *options.time);
    if (options.cpus)
        v.insert(QStringLiteral("cpus"), *options.cpus);
    if (options.mem)
        v.insert(QStringLiteral("mem"), *options.mem);
    if (!options.extraArgs.isEmpty()) {
        Value list = Value::makeList();
        for (const QString &arg : options.extraArgs)
            list.list().push_back(Value(arg));
        v.insert(QStringLiteral("extra_args"), list);
    }
    return v;
}

} // namespace Flow
