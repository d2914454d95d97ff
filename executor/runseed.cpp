#include "runseed.h"

#include "runcore.h"
#include "runselection.h"

#include <QSet>

#include <algorithm>

namespace Flow {
namespace {

// What makes a node do the same work: everything but where it is drawn and what it says about itself.
bool sameWork(Node a, Node b)
{
    a.position = b.position = std::nullopt;
    a.description = b.description = QString();
    return a == b;
}

} // namespace

SeedPlan planSeed(const Workflow &current, const Workflow &stored, const QHash<QString, QVariantMap> &succeeded,
                  const QString &fromRun, const QStringList &rerunFrom)
{
    SeedPlan plan;
    QSet<QString> rerun(rerunFrom.begin(), rerunFrom.end());
    for (const Node &node : current.nodes) {
        const Node *before = stored.node(node.id);
        if (!before || !sameWork(node, *before)) {
            plan.changed.append(node.id);
            rerun.insert(node.id);
        }
        if (!succeeded.contains(node.id))
            rerun.insert(node.id);
    }
    // Anything downstream of a node that runs again runs again too. Nodes are in file order but may
    // wait for later ones, so iterate to a fixed point (a handful of passes on real workflows).
    for (bool grew = true; grew;) {
        grew = false;
        for (const Node &node : current.nodes) {
            if (rerun.contains(node.id))
                continue;
            const QStringList up = upstreamOf(node);
            if (std::any_of(up.begin(), up.end(), [&](const QString &id) { return rerun.contains(id); })) {
                rerun.insert(node.id);
                grew = true;
            }
        }
    }
    plan.seed.fromRun = fromRun;
    plan.seed.mode = rerunFrom.isEmpty() ? QStringLiteral("resume") : QStringLiteral("from");
    for (const Node &node : current.nodes) {
        if (rerun.contains(node.id))
            plan.rerun.append(node.id);
        else
            plan.seed.outputs.insert(node.id, succeeded.value(node.id));
    }
    return plan;
}

// Called by start() after run.started, before any node is made ready (runcore.cpp).
void RunCore::applySeed()
{
    const RunSeed &seed = m_options.seed;
    std::vector<int> seeded;
    for (auto it = seed.outputs.cbegin(); it != seed.outputs.cend(); ++it) {
        const int i = m_index.value(it.key(), -1);
        if (i >= 0)
            seeded.push_back(i);
    }
    std::sort(seeded.begin(), seeded.end());
    // Mark them all first, so that a seeded dependent of a seeded node is never made ready.
    for (int i : seeded)
        m_slots[size_t(i)].state = NodeState::Cached;
    for (int i : seeded) {
        Slot &s = m_slots[size_t(i)];
        s.outputs = seed.outputs.value(s.spec->id);
        QVariantMap data{{QStringLiteral("outputs"), s.outputs}};
        if (!seed.fromRun.isEmpty())
            data.insert(QStringLiteral("run"), seed.fromRun);
        finishNode(i, NodeState::Cached, EventKind::NodeCached, std::move(data));
        for (int d : s.dependents)
            --m_slots[size_t(d)].waiting;
    }
}

} // namespace Flow
