// What a worker thread does: take a ready job, evaluate its expressions, run the node, report back,
// and take the next job itself. Runs without m_mutex except where a lock is taken explicitly.
#include "runcore.h"

#include "nodecache.h"
#include "runs/tsanannotate.h"

#include <QDir>

namespace Flow {

void RunCore::workerMain()
{
    std::unique_lock lock(m_mutex);
    --m_idleSpawned;
    Job job;
    while (takeJob(job)) {
        spawnWorkers();
        lock.unlock();
        Outcome outcome = execute(job);
        lock.lock();
        complete(job, outcome);
    }
    --m_workers;
    FLOW_TSAN_RELEASE(this); // see ~RunCore
}

ExpressionScope RunCore::scopeFor(const Job &job) const
{
    const Slot &s = m_slots[size_t(job.node)];
    ExpressionScope scope;
    scope.params = &m_params;
    scope.env = &m_env;
    scope.secrets = &m_options.secrets;
    scope.runId = m_runId;
    scope.visibleNodes = s.depIds;
    // Only dependencies are visible: they have finished, so their outputs no longer change and are
    // read here without a lock.
    scope.outputsOf = [this, &s](const QString &id) -> const QVariantMap * {
        const int i = m_index.value(id, -1);
        if (i < 0 || std::find(s.deps.begin(), s.deps.end(), i) == s.deps.end())
            return nullptr;
        return &m_slots[size_t(i)].outputs;
    };
    if (job.item >= 0) {
        scope.item = &s.items.at(job.item);
        scope.index = job.item;
    }
    return scope;
}

QVariantMap RunCore::inputsFor(int node) const
{
    const Slot &s = m_slots[size_t(node)];
    QVariantMap inputs;
    for (size_t i = 0; i < s.inputSources.size(); ++i) {
        const InputBinding &b = s.spec->inputs.at(qsizetype(i));
        inputs.insert(b.port, m_slots[size_t(s.inputSources[i])].outputs.value(b.sourcePort));
    }
    return inputs;
}

void RunCore::emitStarted(const Job &job)
{
    // `attempts` (the most this node gets) lets a viewer draw "2/3"; left out when there are no retries.
    const int attempts = m_slots[size_t(job.node)].retry.attempts;
    QVariantMap data;
    if (attempts > 1)
        data.insert(QStringLiteral("attempts"), attempts);
    pushEvent(makeEvent(EventKind::NodeStarted, job.node, job.attempt, std::move(data)));
}

RunCore::Outcome RunCore::execute(const Job &job)
{
    const Slot &s = m_slots[size_t(job.node)];
    const ExpressionScope scope = scopeFor(job);
    Outcome outcome;
    if (job.item < 0 && job.attempt == 1 && !s.spec->when.isEmpty()) {
        QString error;
        const bool run = m_evaluator.condition(s.spec->when, scope, &error);
        if (!error.isEmpty()) {
            outcome.error = QStringLiteral("when: ") + error;
            outcome.retryable = false;
            return outcome;
        }
        if (!run) {
            outcome.kind = Outcome::Skipped;
            outcome.error = QStringLiteral("when: %1 is false").arg(s.spec->when);
            return outcome;
        }
    }
    if (job.item == WholeNode || job.item == Prepare)
        emitStarted(job);
    if (job.item != Prepare)
        return runNode(job, scope);

    QString error;
    const QVariant items = s.spec->forEach.isString()
                               ? m_evaluator.resolveString(s.spec->forEach.toString(), scope, &error)
                               : m_evaluator.resolve(s.spec->forEach, scope, &error);
    outcome.retryable = false;
    if (!error.isEmpty()) {
        outcome.error = QStringLiteral("for_each: ") + error;
    } else if (items.typeId() != QMetaType::QVariantList && items.typeId() != QMetaType::QStringList) {
        outcome.error = QStringLiteral("for_each: needs a list, got %1").arg(expressionText(items));
    } else {
        outcome.kind = Outcome::Items;
        outcome.items = items.toList();
    }
    return outcome;
}

RunCore::Outcome RunCore::runNode(const Job &job, const ExpressionScope &scope)
{
    const Slot &s = m_slots[size_t(job.node)];
    Outcome outcome;
    QVariantMap config;
    if (s.staticConfig) {
        config = *s.staticConfig;
    } else {
        QString error;
        config = m_evaluator.resolve(s.configTemplate, scope, &error).toMap();
        if (!error.isEmpty()) {
            outcome.error = QStringLiteral("config: ") + error;
            outcome.retryable = false;
            return outcome;
        }
    }
    QVariantMap inputs = inputsFor(job.node);

    QByteArray cacheKey;
    if (s.spec->cache && m_options.cache && job.item < 0) {
        cacheKey = nodeCacheKey(s.spec->type, config, inputs);
        if (std::optional<CacheHit> hit = m_options.cache->lookup(cacheKey)) {
            outcome.kind = Outcome::Cached;
            outcome.outputs = std::move(hit->outputs);
            outcome.fromRun = std::move(hit->fromRun);
            return outcome;
        }
    }

    const QDeadlineTimer deadline = s.spec->timeout ? QDeadlineTimer(*s.spec->timeout, Qt::PreciseTimer)
                                                    : QDeadlineTimer(QDeadlineTimer::Forever);
    AttemptResult result = runAttempt(
        m_registry, s.spec->type, *this,
        AttemptRequest{job.node, job.attempt, job.item, std::move(inputs), std::move(config), deadline});
    outcome.duration = result.duration;
    outcome.retryable = result.implemented && result.retryable;
    if (isCancelled(job.node)) {
        outcome.kind = Outcome::Cancelled;
    } else if (s.spec->timeout && deadline.hasExpired()) {
        // Whatever the node made of its cancelled context, this attempt ran out of time.
        outcome.error = QStringLiteral("timed out after %1").arg(formatDuration(*s.spec->timeout));
    } else if (result.ok) {
        outcome.kind = Outcome::Succeeded;
        outcome.outputs = std::move(result.outputs);
        if (!cacheKey.isEmpty())
            m_options.cache->store(cacheKey, outcome.outputs, m_runId);
    } else {
        outcome.error = std::move(result.error);
    }
    return outcome;
}

void RunCore::nodeLog(int node, int attempt, int item, const QString &stream, const QString &line)
{
    QVariantMap data{{QStringLiteral("stream"), stream}, {QStringLiteral("line"), line}};
    if (item >= 0)
        data.insert(QStringLiteral("item"), item);
    pushEvent(makeEvent(EventKind::NodeLog, node, attempt, std::move(data)));
}

void RunCore::nestedEvent(int node, RunEvent event)
{
    event.run = m_runId;
    event.node = m_slots[size_t(node)].spec->id + QLatin1Char('/') + event.node;
    pushEvent(std::move(event));
}

void RunCore::nodeProgress(int node, int attempt, double fraction, const QString &text)
{
    pushEvent(makeEvent(EventKind::NodeProgress, node, attempt,
                        {{QStringLiteral("fraction"), fraction}, {QStringLiteral("text"), text}}));
}

bool RunCore::waitUntil(int node, QDeadlineTimer until, QDeadlineTimer deadline)
{
    std::unique_lock lock(m_waitMutex);
    while (!isCancelled(node) && !deadline.hasExpired() && !until.hasExpired()) {
        const auto left = std::min(until.remainingTimeAsDuration(), deadline.remainingTimeAsDuration());
        m_waitCv.wait_for(lock, left);
    }
    return !isCancelled(node) && !deadline.hasExpired();
}

QString RunCore::masked(const QString &text) const
{
    QString out = text;
    for (const QString &secret : m_secretValues)
        out.replace(secret, QLatin1String("***"));
    return out;
}

QVariantMap RunCore::masked(const QVariantMap &data) const
{
    std::function<QVariant(const QVariant &)> mask = [&](const QVariant &v) -> QVariant {
        switch (v.typeId()) {
        case QMetaType::QString:
            return masked(v.toString());
        case QMetaType::QStringList:
        case QMetaType::QVariantList: {
            QVariantList out;
            for (const QVariant &item : v.toList())
                out.append(mask(item));
            return out;
        }
        case QMetaType::QVariantMap: {
            QVariantMap out;
            const QVariantMap in = v.toMap();
            for (auto it = in.begin(); it != in.end(); ++it)
                out.insert(it.key(), mask(it.value()));
            return out;
        }
        default:
            return v;
        }
    };
    return mask(data).toMap();
}

} // namespace Flow
