#include "scriptjs.h"

#include "jsonpath.h"
#include "nodeconfig.h"

#include <QDateTime>
#include <QJSEngine>
#include <QRegularExpression>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Flow {
namespace {

// How often the watchdog looks at isCancelled(); the time limit itself is waited for exactly.
constexpr std::chrono::milliseconds kCancelPoll(20);

// console.log and friends; the JS side formats the arguments, this writes the lines.
class ScriptConsole : public QObject
{
    Q_OBJECT

public:
    explicit ScriptConsole(NodeContext &context)
        : m_context(context)
    {}
    Q_INVOKABLE void write(const QString &level, const QString &text)
    {
        const LogStream stream = logStreamFromName(level);
        for (const QString &line : text.split(u'\n'))
            m_context.log(stream, line);
    }

private:
    NodeContext &m_context;
};

// The bridge object stays in this closure, so scripts see only plain console functions.
const char kConsoleFactory[] = R"JS((function (bridge) {
    function text(v) {
        if (typeof v === 'string') return v;
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return String(v);
        try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
    }
    function writer(level) {
        return function () { bridge.write(level, Array.prototype.map.call(arguments, text).join(' ')); };
    }
    return Object.freeze({log: writer('info'), info: writer('info'), debug: writer('debug'),
                          warn: writer('warn'), error: writer('error')});
}))JS";

// Calls the compiled script so that whatever it throws, even `throw 'text'`, is told apart from a
// returned value: QJSValue::call() alone hands back both the same way.
const char kRunner[] = R"JS((function (script, args) {
    try { return {ok: true, value: script.apply(null, args)}; } catch (e) { return {ok: false, error: e}; }
}))JS";

// Interrupts the engine from its own thread: JavaScript blocks the worker thread, so nothing on that
// thread could. QJSEngine::setInterrupted() is documented as safe to call from any thread.
class Watchdog
{
public:
    enum class Reason { None, TimeLimit, Stopped };

    Watchdog(QJSEngine &engine, const NodeContext &context, Millis limit)
        : m_engine(engine)
        , m_context(context)
        , m_limit(limit)
        , m_deadline(context.deadline())
        , m_thread([this] { watch(); })
    {}

    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

    Reason reason() const { return m_reason; }

private:
    void watch()
    {
        std::unique_lock lock(m_mutex);
        while (!m_done) {
            if (m_limit.hasExpired()) {
                interrupt(Reason::TimeLimit);
                return;
            }
            if (m_deadline.hasExpired() || m_context.isCancelled()) {
                interrupt(Reason::Stopped);
                return;
            }
            const auto wait = std::min<qint64>(kCancelPoll.count(), m_limit.remainingTime());
            m_wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(wait, 1)));
        }
    }

    void interrupt(Reason reason)
    {
        m_reason = reason;
        m_engine.setInterrupted(true);
    }

    QJSEngine &m_engine;
    const NodeContext &m_context;
    const QDeadlineTimer m_limit;
    const QDeadlineTimer m_deadline;
    std::atomic<Reason> m_reason{Reason::None};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    std::thread m_thread; // last: starts once everything above exists
};

bool isIdentifier(const QString &name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    static const QStringList reserved
        = QStringLiteral("break case catch class const continue debugger default delete do else enum export "
                         "extends false "
                         "finally for function if import in instanceof new null return super switch this "
                         "throw true try typeof "
                         "var void while with yield let static await arguments eval")
              .split(u' ');
    return identifier.match(name).hasMatch() && !reserved.contains(name);
}

// JS values as the JSON-like QVariants the rest of the program speaks: whole numbers become qint64,
// dates ISO text, and functions or undefined in containers become null.
QVariant normalize(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::trunc(d) && std::abs(d) <= 9007199254740992.0)
            return qint64(d);
        return value;
    }
    case QMetaType::Int:
        return qint64(value.toInt());
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QVariantList: {
        QVariantList list = value.toList();
        for (QVariant &item : list)
            item = normalize(item);
        return list;
    }
    case QMetaType::QVariantMap: {
        QVariantMap map = value.toMap();
        for (QVariant &item : map)
            item = normalize(item);
        return map;
    }
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
    case QMetaType::Bool:
    case QMetaType::LongLong:
    case QMetaType::QString:
        return value;
    default:
        return QVariant::fromValue(nullptr);
    }
}

// "script error at line 3: TypeError: x is not a function" for an Error object; the value itself for
// `throw 'x'`.
QString describeError(const QJSValue &error)
{
    if (!error.isError())
        return QStringLiteral("script threw: ") + error.toString();
    const int line = error.property(QStringLiteral("lineNumber")).toInt();
    if (line > 0)
        return QStringLiteral("script error at line %1: %2").arg(line).arg(error.toString());
    return QStringLiteral("script error: ") + error.toString();
}

QJSValue compile(QJSEngine &engine, const QString &code, const QStringList &names)
{
    // The header gets line 0, so that line numbers in errors count from the first line of `code`.
    const QString source = QStringLiteral("(function (%1) {\n").arg(names.join(QStringLiteral(", "))) + code
                           + QStringLiteral("\n})");
    const QJSValue function = engine.evaluate(source, QStringLiteral("script.js"), 0);
    if (function.isError())
        throw NodeError(describeError(function));
    return function;
}

void setOutputs(NodeContext &context, const NodeConfig &config, const QVariant &result)
{
    context.setOutput(QStringLiteral("result"), result);
    const QStringList fields = config.stringList(QStringLiteral("outputs"));
    if (fields.isEmpty())
        return;
    if (result.typeId() != QMetaType::QVariantMap)
        throw NodeError(
            QStringLiteral("the script returned %1 %2, but config 'outputs' expects an object with %3")
                .arg(jsonTypeName(result) == u"null" ? QString() : QStringLiteral("a"), jsonTypeName(result),
                     fields.join(QStringLiteral(", ")))
                .simplified());
    const QVariantMap map = result.toMap();
    for (const QString &field : fields) {
        if (!map.contains(field))
            throw NodeError(QStringLiteral("the returned object has no field '%1' named in config 'outputs' "
                                           "(it has: %2)")
                                .arg(field, map.keys().join(QStringLiteral(", "))));
        context.setOutput(field, map.value(field));
    }
}

} // namespace

void ScriptJsNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const StopWatch stopWatch(context);
    const QString code = config.requiredString(QStringLiteral("code"));
    const Millis timeLimit = config.duration(QStringLiteral("time_limit"));
    const QVariantMap inputs = context.inputs();
    for (auto it = inputs.cbegin(); it != inputs.cend(); ++it) {
        if (!isIdentifier(it.key()))
            throw NodeError(
                QStringLiteral("input '%1' cannot be a JavaScript variable: use letters, digits, _ "
                               "or $, and no reserved word")
                    .arg(it.key()));
    }
    if (stopWatch.shouldStop())
        stopWatch.throwStopped();

    ScriptConsole console(context);
    QJSEngine::setObjectOwnership(&console, QJSEngine::CppOwnership); // it lives on this stack, not in JS
    QJSEngine engine; // no installExtensions(): no Qt object, no print(), no files, network or processes
    engine.globalObject().setProperty(
        QStringLiteral("console"),
        engine.evaluate(QLatin1StringView(kConsoleFactory)).call({engine.newQObject(&console)}));

    QJSValue result;
    Watchdog::Reason interruption = Watchdog::Reason::None;
    {
        Watchdog watchdog(engine, context, timeLimit);
        const QJSValue function = compile(engine, code, inputs.keys());
        QJSValue arguments = engine.newArray(uint(inputs.size()));
        quint32 index = 0;
        for (const QVariant &value : inputs)
            arguments.setProperty(index++, engine.toScriptValue(value));
        result = engine.evaluate(QLatin1StringView(kRunner)).call({function, arguments});
        interruption = watchdog.reason();
    }

    // An interrupt surfaces as an exception; only when there is one did the interrupt end the script.
    const bool failed = result.isError() || !result.property(QStringLiteral("ok")).toBool();
    if (failed && interruption == Watchdog::Reason::Stopped)
        stopWatch.throwStopped();
    if (failed && interruption == Watchdog::Reason::TimeLimit)
        throw NodeError(
            QStringLiteral("script exceeded its time limit of %1").arg(formatDuration(timeLimit)));
    if (result.isError())
        throw NodeError(describeError(result));
    if (failed)
        throw NodeError(describeError(result.property(QStringLiteral("error"))));
    setOutputs(context, config, normalize(result.property(QStringLiteral("value")).toVariant()));
}

} // namespace Flow

#include "scriptjs.moc"
