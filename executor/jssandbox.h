#pragma once

#include <QDeadlineTimer>
#include <QString>
#include <QVariantMap>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

class QJSEngine;

namespace Flow {

// Evaluates the expressions the fast path in expressions.cpp cannot: one QJSEngine per calling thread
// (created on first use, no extensions installed, so only the ECMAScript globals exist: no console,
// no files, no network, no processes), interrupted by a watchdog thread when the time limit passes.
// One sandbox per Run; evaluate() is thread-safe.
class JsSandbox
{
public:
    JsSandbox() = default;
    ~JsSandbox();
    JsSandbox(const JsSandbox &) = delete;
    JsSandbox &operator=(const JsSandbox &) = delete;

    // Evaluates `code` as one JavaScript expression with `globals` visible as global variables.
    // On failure returns an invalid QVariant and sets `error`.
    QVariant evaluate(const QString &code, const QVariantMap &globals, std::chrono::milliseconds limit,
                      QString *error);

    // JS values as the JSON-like QVariants the rest of the program speaks (integral numbers -> qint64).
    static QVariant normalize(const QVariant &value);

private:
    int arm(QJSEngine *engine, QDeadlineTimer deadline);
    void disarm(int token);
    void watch();

    struct Watch
    {
        QJSEngine *engine;
        QDeadlineTimer deadline;
    };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<int, Watch> m_watches;
    int m_nextToken = 0;
    bool m_stop = false;
    std::thread m_thread; // started on first arm()
};

} // namespace Flow
