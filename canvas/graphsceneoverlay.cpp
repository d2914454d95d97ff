// GraphScene's run overlay: event batches in, repaints of exactly the items whose look changed out.
#include "graphscene.h"
#include "nodeitem.h"
#include "runoverlay.h"
#include "wireitem.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsView>

namespace Flow {
namespace {

// Ticks while a node has no progress fraction (its bar moves), else one a second (live durations
// and retry countdowns show whole seconds).
constexpr int AnimationTickMs = 250;
constexpr int SecondTickMs = 1000;
constexpr qsizetype ManyChanges = 400;

} // namespace

const RunState *GraphScene::runState() const
{
    return m_overlay->state();
}

const NodeStatus *GraphScene::nodeRunStatus(const QString &id) const
{
    return m_overlay->status(id);
}

void GraphScene::setOverlayClock(std::function<qint64()> clock)
{
    m_overlay->setClock(std::move(clock));
}

void GraphScene::setRunFeed(RunFeed *feed)
{
    if (m_runFeed)
        disconnect(m_runFeed, nullptr, this, nullptr);
    const bool wasShown = m_overlay->isActive();
    m_runFeed = feed;
    m_overlay->setFeed(feed);
    if (m_ownFeed && feed != m_ownFeed) {
        delete m_ownFeed;
        m_ownFeed = nullptr;
    }
    if (feed) {
        connect(feed, &RunFeed::applied, this,
                [this](const RunEvents &, const RunFeed::Changes &changes) { onRunFeedApplied(changes); });
        connect(feed, &QObject::destroyed, this, [this] {
            m_overlay->setFeed(nullptr); // the QPointer is already null: just forget the state
            refreshRunAll();
            updateOverlayTimer();
            emit runOverlayChanged();
        });
    }
    if (!feed && !wasShown)
        return;
    ++m_staticRevision; // the picture kept during overview drags shows the states too
    refreshRunAll();
    updateOverlayTimer();
    emit runOverlayChanged();
}

void GraphScene::applyRunEvents(const RunEvents &events)
{
    if (!m_runFeed) {
        m_ownFeed = new RunFeed(QString(), this);
        setRunFeed(m_ownFeed);
    }
    if (m_runFeed == m_ownFeed)
        m_ownFeed->apply(events);
}

void GraphScene::onRunFeedApplied(const RunFeed::Changes &feedChanges)
{
    const RunOverlay::Changes changes = m_overlay->take(feedChanges);
    if (!changes.any())
        return;
    ++m_staticRevision;
    if (changes.all) {
        refreshRunAll();
    } else {
        // Past a few hundred changed cards, one repaint of everything is cheaper than marking each
        // card and wire dirty and having the scene collect them (5,000: 26 -> 19 ms with the paint).
        const bool many = changes.nodes.size() > ManyChanges;
        for (const auto &[id, before] : changes.nodes.asKeyValueRange())
            refreshRunNode(id, before, !many);
        if (many)
            update();
    }
    updateOverlayTimer();
    emit runOverlayChanged();
}

void GraphScene::clearRunOverlay()
{
    setRunFeed(nullptr);
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    // The hovered card's run tooltip is built now, with the durations of this moment.
    if (m_overlay->isActive()) {
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item->type() == NodeItem::Type) {
                auto *node = static_cast<NodeItem *>(item);
                node->setToolTip(node->runToolTip());
                break;
            }
        }
    }
    QGraphicsScene::helpEvent(event);
}

void GraphScene::refreshRunAll()
{
    // A new run (or none): every card and wire may look different. One repaint of everything.
    for (NodeItem *item : std::as_const(m_nodes))
        item->refreshRunStatus();
    update();
}

void GraphScene::refreshRunNode(const QString &id, NodeState before, bool repaint)
{
    NodeItem *item = m_nodes.value(id);
    if (!item)
        return; // removed (or renamed) while the run goes
    const NodeStatus *status = m_overlay->status(id);
    item->refreshRunStatus(status);
    if (!repaint)
        return;
    item->update();
    if (m_overview)
        queueDirty(item->sceneBoundingRect());
    const bool carries = status && RunOverlay::carriesData(status->state);
    if (carries == RunOverlay::carriesData(before))
        return;
    for (WireItem *wire : item->wires()) {
        if (wire->kind() == WireItem::Kind::Data && wire->fromItem() == item) {
            wire->update();
            markDirty(wire->boundingRect());
        }
    }
}

void GraphScene::updateOverlayTimer()
{
    if (m_overlay->movingNodes().isEmpty()) {
        m_overlayTimer.stop();
        return;
    }
    const int interval = m_overlay->hasIndeterminate() ? AnimationTickMs : SecondTickMs;
    if (!m_overlayTimer.isActive() || m_overlayTimer.interval() != interval)
        m_overlayTimer.start(interval);
}

void GraphScene::tickRunOverlay()
{
    // In overview mode cards are flat colours: nothing changes with time alone.
    if (m_overview || m_overlay->movingNodes().isEmpty())
        return;
    QList<QRectF> shown;
    for (QGraphicsView *view : views()) {
        if (view->isVisible())
            shown.append(view->mapToScene(view->viewport()->rect()).boundingRect());
    }
    for (const QString &id : m_overlay->movingNodes()) {
        NodeItem *item = m_nodes.value(id);
        if (!item)
            continue;
        const QRectF r = item->sceneBoundingRect();
        if (std::any_of(shown.cbegin(), shown.cend(), [&](const QRectF &s) { return s.intersects(r); }))
            item->update();
    }
}

} // namespace Flow
