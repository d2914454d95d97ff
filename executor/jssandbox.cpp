#include "jssandbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJSEngine>
#include <QThread>

#include <cmath>

namespace Flow {
namespace {

// The calling thread's engine. Worker threads belong to one Run's pool, so an engine never outlives
// its run's workers and goes with its thread. The main thread's goes when the application does (a
// post routine, while Qt is still whole); only without an application is it left to the OS.
struct EngineHolder
{
    QJSEngine *engine = nullptr;
    ~EngineHolder()
    {
        if (QCoreApplication::instance())
            delete engine;
    }
};

EngineHolder *s_mainThreadHolder = nullptr;

void deleteMainThreadEngine()
{
    if (s_mainThreadHolder) {
        delete s_mainThreadHolder->engine;
        s_mainThreadHolder->engine = nullptr;
        s_mainThreadHolder = nullptr;
    }
}

QJSEngine &threadEngine()
{
    thread_local EngineHolder holder;
    if (!holder.engine) {
        holder.engine = new QJSEngine;
        const QCoreApplication *app = QCoreApplication::instance();
        if (app && QThread::currentThread() == app->thread() && !s_mainThreadHolder) {
            s_mainThreadHolder = &holder;
            qAddPostRoutine(deleteMainThreadEngine);
        }
    }
    return *holder.engine;
}

} // namespace

JsSandbox::~JsSandbox()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

QVariant JsSandbox::normalize(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && std::floor(d) == d && std::abs(d) < 9.0e15)
            return qint64(d);
        return d;
    }
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
        return value.toLongLong();
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        QVariantList out;
        for (const QVariant &v : value.toList())
            out.append(normalize(v));
        return out;
    }
    case QMetaType::QVariantMap: {
        QVariantMap out;
        const QVariantMap in = value.toMap();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), normalize(it.value()));
        return out;
    }
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::Nullptr:
    case QMetaType::UnknownType:
        return {};
    default:
        return value;
    }
}

QVariant JsSandbox::evaluate(const QString &code, const QVariantMap &globals, std::chrono::milliseconds limit,
                             QString *error)
{
    QJSEngine &engine = threadEngine();
    QJSValue global = engine.globalObject();
    for (auto it = globals.begin(); it != globals.end(); ++it)
        global.setProperty(it.key(), engine.toScriptValue(it.value()));

    const int token = arm(&engine, QDeadlineTimer(limit));
    // Parentheses make an object literal `{a: 1}` an expression rather than a block.
    const QJSValue result = engine.evaluate(QLatin1Char('(') + code + QLatin1String("\n)"));
    disarm(token);
    const bool interrupted = engine.isInterrupted();
    engine.setInterrupted(false);

    // Nothing of this evaluation (secrets above all) stays behind for the next one on this thread.
    for (auto it = globals.begin(); it != globals.end(); ++it)
        global.deleteProperty(it.key());

    if (interrupted) {
        *error = QStringLiteral("expression interrupted after %1 ms").arg(limit.count());
        return {};
    }
    if (result.isError()) {
        *error = result.toString();
        return {};
    }
    if (result.isUndefined() || result.isNull())
        return {};
    return normalize(result.toVariant());
}

int JsSandbox::arm(QJSEngine *engine, QDeadlineTimer deadline)
{
    std::lock_guard lock(m_mutex);
    if (!m_thread.joinable())
        m_thread = std::thread([this] { watch(); });
    const int token = ++m_nextToken;
    m_watches.emplace(token, Watch{engine, deadline});
    m_wake.notify_all();
    return token;
}

void JsSandbox::disarm(int token)
{
    std::lock_guard lock(m_mutex);
    m_watches.erase(token);
}

void JsSandbox::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        QDeadlineTimer next = QDeadlineTimer::Forever;
        for (auto it = m_watches.begin(); it != m_watches.end();) {
            if (it->second.deadline.hasExpired()) {
                it->second.engine->setInterrupted(true); // documented as callable from any thread
                it = m_watches.erase(it);
                continue;
            }
            if (it->second.deadline < next)
                next = it->second.deadline;
            ++it;
        }
        if (next.isForever())
            m_wake.wait(lock);
        else
            m_wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(1, next.remainingTime())));
    }
}

} // namespace Flow
