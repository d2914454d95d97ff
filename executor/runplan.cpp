// Building a run: the dependency graph from the workflow, the problems that prevent running it,
// the params. Runs once, in the constructor, before any worker exists.
#include "runcore.h"

#include "runs/tsanannotate.h"

#include <QProcessEnvironment>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <climits>

namespace Flow {
namespace {

QString quoted(const QString &id)
{
    return QLatin1Char('\'') + id + QLatin1Char('\'');
}

} // namespace

RunCore::RunCore(const Workflow &workflow, const NodeRegistry &registry, RunOptions options,
                 RunCoreHooks *hooks, QThreadPool *pool)
    : m_workflow(workflow)
    , m_registry(registry)
    , m_options(std::move(options))
    , m_hooks(hooks)
    , m_pool(pool)
    , m_evaluator(&m_sandbox, m_options.expressionTimeLimit)
{
    m_clock.start();
    m_runId
        = m_options.runId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : m_options.runId;
    m_workingDirectory = m_options.workingDirectory;
    if (m_options.env) {
        m_env = *m_options.env;
    } else {
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys())
            m_env.insert(name, env.value(name));
    }
    for (const QString &secret : std::as_const(m_options.secrets)) {
        if (!secret.isEmpty())
            m_secretValues.append(secret);
    }
    std::sort(m_secretValues.begin(), m_secretValues.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    m_backends = std::make_unique<RunBackends>(m_workflow, m_options.backend, m_runId);
    m_maxParallel = std::max(1, m_options.maxParallel.value_or(m_workflow.settings.maxParallel.value_or(
                                    m_backends->defaultMaxParallel(QThread::idealThreadCount()))));
    m_onError = m_workflow.settings.onError.value_or(OnError::Stop);
    buildGraph();
    checkProblems();
    for (const QString &problem : m_backends->problems())
        addProblem(problem);
    resolveParams();
}

RunCore::~RunCore()
{
    // The owner waited for the pool (QThreadPool::waitForDone()), but that ordering is Qt's own and
    // invisible to ThreadSanitizer. Every worker's last access precedes its last unlock of m_mutex, so
    // taking it once here orders them before the members go, in terms any race detector follows.
    std::lock_guard lock(m_mutex);
    FLOW_TSAN_ACQUIRE(this);
}

void RunCore::addProblem(const QString &message, const Node *node)
{
    Diagnostic d;
    d.message = message;
    if (node) {
        d.pos = node->pos;
        d.nodeId = node->id;
    }
    m_problems.append(d);
}

void RunCore::buildGraph()
{
    const int n = int(m_workflow.nodes.size());
    m_slots.resize(size_t(n));
    m_nodeCancel = std::make_unique<std::atomic<bool>[]>(size_t(n));
    m_index.reserve(n);
    for (int i = 0; i < n; ++i) {
        const Node &node = m_workflow.nodes.at(i);
        if (m_index.contains(node.id))
            addProblem(QStringLiteral("node %1 is defined twice").arg(quoted(node.id)), &node);
        else
            m_index.insert(node.id, i);
    }
    // stamp[d] == i marks d as already a dependency of i: dedupes in O(1), which matters for a
    // fan-in node that waits for ten thousand others.
    std::vector<int> stamp(size_t(n), -1);
    for (int i = 0; i < n; ++i) {
        Slot &s = m_slots[size_t(i)];
        const Node &node = m_workflow.nodes.at(i);
        s.spec = &node;
        s.info = findNodeType(m_registry, node.type);
        auto addDep = [&](const QString &id, bool named) {
            const int d = m_index.value(id, -1);
            if (d < 0 || d == i) {
                if (named)
                    addProblem(QStringLiteral("node %1 needs %2, which does not exist")
                                   .arg(quoted(node.id), quoted(id)),
                               &node);
                return -1;
            }
            if (stamp[size_t(d)] != i) {
                stamp[size_t(d)] = i;
                s.deps.push_back(d);
            }
            return d;
        };
        for (const InputBinding &b : node.inputs)
            s.inputSources.push_back(addDep(b.sourceNode, true));
        for (const QString &a : node.after)
            addDep(a, true);

        s.configTemplate = node.config.isMap() ? node.config : Value::makeMap();
        if (s.info) {
            for (const ConfigField &f : s.info->config) {
                if (!f.defaultValue.isNull() && !s.configTemplate.contains(f.name))
                    s.configTemplate.insert(f.name, f.defaultValue);
            }
        }
        const bool configHasExpressions = containsExpression(s.configTemplate);
        const bool hasExpressions = configHasExpressions || !node.when.isEmpty() || node.forEach.isString();
        if (hasExpressions) {
            QStringList refs;
            collectReferencedNodes(s.configTemplate, refs);
            if (node.forEach.isString())
                refs += referencedNodes(node.forEach.toString());
            refs += referencedNodes(node.when);
            for (const QString &id : std::as_const(refs))
                addDep(id, false);
            for (int d : s.deps)
                s.depIds.append(m_workflow.nodes.at(d).id);
        }
        if (!configHasExpressions)
            s.staticConfig = s.configTemplate.toVariant().toMap();
        s.retry = node.retry.value_or(RetryPolicy{});
        s.forEach = !node.forEach.isNull();
        s.concurrency = std::max(1, node.concurrency.value_or(INT_MAX));
        s.waiting = int(s.deps.size());
    }
    for (int i = 0; i < n; ++i) {
        for (int d : m_slots[size_t(i)].deps)
            m_slots[size_t(d)].dependents.push_back(i);
    }
}

void RunCore::checkProblems()
{
    for (const Slot &s : m_slots) {
        if (!s.info)
            addProblem(
                QStringLiteral("node %1 has unknown type %2").arg(quoted(s.spec->id), quoted(s.spec->type)),
                s.spec);
        else if (!canRunNodeType(m_registry, s.spec->type))
            addProblem(QStringLiteral("node %1: type %2 is not implemented yet")
                           .arg(quoted(s.spec->id), quoted(s.spec->type)),
                       s.spec);
        if (s.forEach && !s.spec->forEach.isList() && !s.spec->forEach.isString())
            addProblem(QStringLiteral("node %1: for_each must be a list or a ${{ }} expression")
                           .arg(quoted(s.spec->id)),
                       s.spec);
    }
    // Kahn's algorithm: whatever never becomes ready sits on or behind a cycle.
    std::vector<int> waiting(m_slots.size());
    std::vector<int> ready;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        waiting[i] = int(m_slots[i].deps.size());
        if (waiting[i] == 0)
            ready.push_back(int(i));
    }
    size_t reached = 0;
    while (!ready.empty()) {
        const int i = ready.back();
        ready.pop_back();
        ++reached;
        for (int d : m_slots[size_t(i)].dependents) {
            if (--waiting[size_t(d)] == 0)
                ready.push_back(d);
        }
    }
    if (reached != m_slots.size()) {
        QStringList stuck;
        for (size_t i = 0; i < m_slots.size() && stuck.size() < 10; ++i) {
            if (waiting[i] > 0)
                stuck.append(m_slots[i].spec->id);
        }
        addProblem(QStringLiteral("dependency cycle among nodes: %1").arg(stuck.join(QLatin1String(", "))));
    }
}

void RunCore::resolveParams()
{
    for (const ParamSpec &p : m_workflow.params) {
        auto given = m_options.params.constFind(p.name);
        if (given != m_options.params.cend()) {
            m_params.insert(p.name, *given);
        } else if (!p.defaultValue.isNull()) {
            m_params.insert(p.name, p.defaultValue.toVariant());
        } else {
            Diagnostic d;
            d.pos = p.pos;
            d.message = QStringLiteral("param %1 has no default and was not given").arg(quoted(p.name));
            m_problems.append(d);
        }
    }
    for (auto it = m_options.params.cbegin(); it != m_options.params.cend(); ++it) {
        const bool known = std::any_of(m_workflow.params.begin(), m_workflow.params.end(),
                                       [&](const ParamSpec &p) { return p.name == it.key(); });
        if (!known)
            addProblem(QStringLiteral("unknown param %1").arg(quoted(it.key())));
    }
}

} // namespace Flow
