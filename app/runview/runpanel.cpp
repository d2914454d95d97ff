#include "runpanel.h"

#include "canvas/nodestatestyle.h"
#include "progressdelegate.h"
#include "runnodemodel.h"
#include "runs/runfeed.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Flow {

namespace {

constexpr quint32 bit(NodeState state)
{
    return 1u << int(state);
}
constexpr quint32 AllStates = (1u << NodeStateCount) - 1;

} // namespace

// Rows whose state is in a set and whose node id or message contains a text.
class RunNodeFilterModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setStates(quint32 states)
    {
        if (states == m_states)
            return;
        m_states = states;
        invalidateRowsFilter();
    }

    void setText(const QString &text)
    {
        if (text == m_text)
            return;
        m_text = text;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QAbstractItemModel *source = sourceModel();
        const int state
            = source->index(row, RunNodeModel::StateColumn, parent).data(RunNodeModel::StateRole).toInt();
        if (!(m_states & (1u << state)))
            return false;
        if (m_text.isEmpty())
            return true;
        const QModelIndex node = source->index(row, RunNodeModel::NodeColumn, parent);
        if (node.data(RunNodeModel::NodeIdRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
        const QModelIndex message = source->index(row, RunNodeModel::MessageColumn, parent);
        return message.data(RunNodeModel::SortRole).toString().contains(m_text, Qt::CaseInsensitive);
    }

private:
    quint32 m_states = AllStates;
    QString m_text;
};

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunNodeModel(this))
    , m_proxy(new RunNodeFilterModel(this))
    , m_summary(new QLabel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_stateFilter(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_clock(new QTimer(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(4, 2, 4, 2);
    // A long error must not widen the dock.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_filterEdit->setPlaceholderText(tr("Filter by node or message"));
    m_filterEdit->setClearButtonEnabled(true);
    fillStateFilter();

    auto filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_filterEdit, 1);
    filters->addWidget(m_stateFilter);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunNodeModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    setUpView();

    connect(m_filterEdit, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_proxy->setText(text.trimmed()); });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStates(m_stateFilter->currentData().toUInt()); });
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &RunPanel::updateSummary);
    updateSummary();
}

void RunPanel::setUpView()
{
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(RunNodeModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // Starting widths from sample texts: ResizeToContents would measure every row on every change.
    QHeaderView *header = m_view->horizontalHeader();
    const QFontMetrics fm = fontMetrics();
    const auto fit = [&](int column, const QString &sample, int extra = 0) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column,
                              qMax(fm.horizontalAdvance(sample), fm.horizontalAdvance(title)) + 20 + extra);
    };
    fit(RunNodeModel::NodeColumn, QStringLiteral("build-and-test-x"));
    int widestState = 0;
    for (int s = 0; s < NodeStateCount; ++s)
        widestState = qMax(widestState, fm.horizontalAdvance(nodeStateStyle(NodeState(s)).label));
    header->resizeSection(RunNodeModel::StateColumn, widestState + 20 + 24); // + the glyph
    fit(RunNodeModel::ProgressColumn, QStringLiteral("100 %"), 20);
    fit(RunNodeModel::AttemptColumn, tr("retry in %1 s").arg(99));
    fit(RunNodeModel::StartedColumn, QStringLiteral("00:00:00"));
    fit(RunNodeModel::DurationColumn, QStringLiteral("00:00:00"));
    header->setStretchLastSection(true);
    header->setSortIndicatorClearable(true); // a third click goes back to the workflow's order
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunPanel::announceSelection);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        emit nodeActivated(index.data(RunNodeModel::NodeIdRole).toString());
    });
}

void RunPanel::fillStateFilter()
{
    const auto add = [this](NodeState state, quint32 states) {
        m_stateFilter->addItem(nodeStateStyle(state).label, states);
    };
    m_stateFilter->addItem(tr("All states"), AllStates);
    add(NodeState::Running, bit(NodeState::Running) | bit(NodeState::Retrying));
    add(NodeState::Failed, bit(NodeState::Failed));
    add(NodeState::Retrying, bit(NodeState::Retrying));
    add(NodeState::Succeeded, bit(NodeState::Succeeded) | bit(NodeState::Cached));
    add(NodeState::Cached, bit(NodeState::Cached));
    add(NodeState::Skipped, bit(NodeState::Skipped));
    add(NodeState::Cancelled, bit(NodeState::Cancelled));
    m_stateFilter->addItem(tr("Pending or queued"), bit(NodeState::Pending) | bit(NodeState::Queued));
    m_stateFilter->addItem(tr("Not succeeded"),
                           AllStates & ~(bit(NodeState::Succeeded) | bit(NodeState::Cached)));
}

QSortFilterProxyModel *RunPanel::proxy() const
{
    return m_proxy;
}

void RunPanel::setFeed(RunFeed *feed)
{
    if (feed == m_feed && feed)
        return;
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    const QStringList selected = selectedNodes();
    setModel(feed ? new RunNodeModel(feed, this) : new RunNodeModel(this));
    if (feed)
        connect(feed, &RunFeed::applied, this, &RunPanel::updateSummary);
    selectNodes(selected);
    updateSummary();
}

void RunPanel::setModel(RunNodeModel *model)
{
    RunNodeModel *old = m_model;
    model->setClock(old->clock()); // a test's or a replay's clock stays
    m_model = model;
    m_proxy->setSourceModel(model);
    delete old; // the proxy has let go of it
}

void RunPanel::addEvents(const RunEvents &events)
{
    m_model->addEvents(events);
    updateSummary();
}

void RunPanel::clear()
{
    if (m_feed)
        setFeed(nullptr);
    m_model->clear();
    updateSummary();
}

void RunPanel::setNodes(const QStringList &ids)
{
    m_model->setNodes(ids);
    updateSummary();
}

QString RunPanel::summaryText() const
{
    return m_summary->text();
}

void RunPanel::updateSummary()
{
    const RunState &s = m_model->state();
    const int failed = s.count(NodeState::Failed);
    QString text;
    switch (s.phase()) {
    case RunPhase::NotStarted:
        text = s.nodeCount() || m_model->rowCount()
                   ? tr("Not started — %n node(s)", nullptr, m_model->rowCount())
                   : tr("No run yet");
        break;
    case RunPhase::Running: {
        const int done = s.finishedCount();
        const QString elapsed = clockText(m_model->now() - s.startedAt());
        text = failed ? tr("Running — %1/%2 done, %n failed, %3 elapsed", nullptr, failed)
                            .arg(done)
                            .arg(s.nodeCount())
                            .arg(elapsed)
                      : tr("Running — %1/%2 done, %3 elapsed").arg(done).arg(s.nodeCount()).arg(elapsed);
        break;
    }
    case RunPhase::Succeeded:
        text = tr("Succeeded in %1").arg(durationText(s.finishedAt() - s.startedAt()));
        break;
    case RunPhase::Failed:
        text = s.error().isEmpty() ? tr("Failed after %1").arg(durationText(s.finishedAt() - s.startedAt()))
                                   : tr("Failed: %1").arg(s.error().section(u'\n', 0, 0));
        break;
    case RunPhase::Cancelled:
        text = tr("Cancelled after %1").arg(durationText(s.finishedAt() - s.startedAt()));
        break;
    }
    m_summary->setText(text);
    m_summary->setToolTip(s.phase() == RunPhase::Failed ? s.error() : QString());
    if (s.phase() == RunPhase::Running)
        m_clock->start();
    else
        m_clock->stop();
}

void RunPanel::selectNodes(const QStringList &ids)
{
    QItemSelection selection;
    QModelIndex first;
    const int lastColumn = m_model->columnCount() - 1;
    for (const QString &id : ids) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!index.isValid())
            continue; // filtered out
        selection.select(index, index.siblingAtColumn(lastColumn));
        if (!first.isValid() || index.row() < first.row())
            first = index;
    }
    m_selecting = true;
    QItemSelectionModel *model = m_view->selectionModel();
    model->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) {
        model->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_view->scrollTo(first);
    }
    m_selecting = false;
}

QStringList RunPanel::selectedNodes() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    ids.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(RunNodeModel::NodeIdRole).toString());
    return ids;
}

void RunPanel::announceSelection()
{
    if (!m_selecting)
        emit nodesSelected(selectedNodes());
}

QByteArray RunPanel::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

bool RunPanel::restoreState(const QByteArray &state)
{
    return m_view->horizontalHeader()->restoreState(state);
}

} // namespace Flow
