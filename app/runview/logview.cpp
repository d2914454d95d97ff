#include "logview.h"

#include "runs/runfeed.h"
#include "runviewdata.h"

#include "logfilter.h"

#include <QAction>
#include <limits>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Flow {

namespace {

// Typing into the text filter refilters at once on a small log, after a pause on a big one (one
// refilter per word rather than per key).
constexpr int TextFilterDelayMs = 200;
constexpr qsizetype ImmediateFilterLines = 50'000;

QString streamLabel(LogModel::Stream stream)
{
    switch (stream) {
    case LogModel::Stdout:
        return QCoreApplication::translate("Flow::LogView", "stdout");
    case LogModel::Stderr:
        return QCoreApplication::translate("Flow::LogView", "stderr");
    case LogModel::Debug:
        return QCoreApplication::translate("Flow::LogView", "debug");
    case LogModel::Info:
        return QCoreApplication::translate("Flow::LogView", "info");
    case LogModel::Warn:
        return QCoreApplication::translate("Flow::LogView", "warn");
    case LogModel::Error:
        return QCoreApplication::translate("Flow::LogView", "error");
    case LogModel::StreamCount:
        break;
    }
    return {};
}

} // namespace

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_ownModel(new LogModel(this))
    , m_model(m_ownModel)
    , m_filter(new LogFilterModel(this))
    , m_table(new QTableView(this))
{
    m_filter->setSourceModel(m_model);
    m_textTimer.setSingleShot(true);
    m_textTimer.setInterval(TextFilterDelayMs);
    connect(&m_textTimer, &QTimer::timeout, this, &LogView::applyTextFilter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createToolRow());
    layout->addWidget(m_table, 1);
    setUpTable();

    m_model = nullptr;
    setModel(m_ownModel);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_following)
            m_table->scrollToBottom();
    });
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LogView::updateCountLabel);
    connect(m_filter, &LogFilterModel::refilterFinished, this, [this] {
        if (m_following)
            m_table->scrollToBottom();
    });
    updateCountLabel();
}

LogView::~LogView() = default;

QWidget *LogView::createToolRow()
{
    // A tool bar rather than a plain row: in a narrow dock what does not fit goes into its
    // extension menu instead of forcing the whole window wider.
    auto *row = new QToolBar(this);
    row->setObjectName(QStringLiteral("logTools"));
    row->setIconSize(QSize(16, 16));
    auto *layout = row;

    m_nodeCombo = new QComboBox(row);
    m_nodeCombo->setObjectName(QStringLiteral("nodeFilter"));
    m_nodeCombo->setToolTip(tr("Show the lines of one node"));
    m_nodeCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_nodeCombo->setMinimumContentsLength(14);
    m_nodeCombo->addItem(tr("All nodes"), QString());
    connect(m_nodeCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setNodeFilter(m_nodeCombo->currentData().toString());
        updateCountLabel();
    });
    layout->addWidget(m_nodeCombo);

    m_attemptCombo = new QComboBox(row);
    m_attemptCombo->setObjectName(QStringLiteral("attemptFilter"));
    m_attemptCombo->setToolTip(tr("Show the lines of one attempt"));
    m_attemptCombo->addItem(tr("All attempts"), 0);
    connect(m_attemptCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setAttemptFilter(m_attemptCombo->currentData().toInt());
        updateCountLabel();
    });
    layout->addWidget(m_attemptCombo);

    for (int s = 0; s < LogModel::StreamCount; ++s) {
        const auto stream = LogModel::Stream(s);
        auto *button = new QToolButton(row);
        button->setObjectName(QStringLiteral("stream-") + LogModel::streamName(stream));
        button->setText(streamLabel(stream));
        button->setToolTip(tr("Show %1 lines").arg(streamLabel(stream)));
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        connect(button, &QToolButton::toggled, this, [this, stream](bool on) {
            m_filter->setStreamEnabled(stream, on);
            updateCountLabel();
        });
        m_streamButtons[size_t(s)] = button;
        layout->addWidget(button);
    }

    m_textEdit = new QLineEdit(row);
    m_textEdit->setObjectName(QStringLiteral("textFilter"));
    m_textEdit->setPlaceholderText(tr("Filter text"));
    m_textEdit->setClearButtonEnabled(true);
    connect(m_textEdit, &QLineEdit::textChanged, this, [this] {
        if (m_model->lineCount() <= ImmediateFilterLines)
            applyTextFilter();
        else
            m_textTimer.start();
    });
    connect(m_textEdit, &QLineEdit::returnPressed, this, &LogView::applyTextFilter);
    m_textEdit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_textEdit->setMinimumWidth(120);
    layout->addWidget(m_textEdit);

    m_countLabel = new QLabel(row);
    m_countLabel->setObjectName(QStringLiteral("lineCount"));
    layout->addWidget(m_countLabel);

    m_followButton = new QToolButton(row);
    m_followButton->setObjectName(QStringLiteral("follow"));
    m_followButton->setText(tr("Follow"));
    m_followButton->setToolTip(tr("Keep the newest line in view"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    connect(m_followButton, &QToolButton::toggled, this, &LogView::setFollowing);
    layout->addWidget(m_followButton);
    return row;
}

void LogView::setUpTable()
{
    m_table->setModel(m_filter);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setCornerButtonEnabled(false);

    // Fixed row heights: the header then never measures a row, whatever the number of lines.
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QFontMetrics monoMetrics(mono);
    const int rowHeight = std::max(fontMetrics().height(), monoMetrics.height()) + 4;
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(1);
    rows->setDefaultSectionSize(rowHeight);
    rows->hide();

    // Column widths from the font, never from the contents (ResizeToContents would read every row).
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    const int pad = 3 * fontMetrics().horizontalAdvance(QLatin1Char(' '));
    columns->resizeSection(LogModel::TimeColumn,
                           monoMetrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + pad);
    columns->resizeSection(LogModel::NodeColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 18);
    columns->resizeSection(LogModel::AttemptColumn,
                           std::max(fontMetrics().horizontalAdvance(tr("Attempt")) + pad,
                                    fontMetrics().horizontalAdvance(QStringLiteral("99")) + pad));
    columns->resizeSection(LogModel::StreamColumn,
                           fontMetrics().horizontalAdvance(QStringLiteral("stderr")) + pad);

    m_copyAction = new QAction(tr("Copy"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &LogView::copySelection);
    auto *selectAll = new QAction(tr("Select All"), this);
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(selectAll, &QAction::triggered, m_table, &QAbstractItemView::selectAll);
    // Local to the table: the window's command search lists window commands, not these.
    m_copyAction->setProperty("commandPalette", false);
    selectAll->setProperty("commandPalette", false);
    m_table->addAction(m_copyAction);
    m_table->addAction(selectAll);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit nodeActivated(m_model->nodeId(m_filter->sourceRow(index.row())));
    });
    QScrollBar *bar = m_table->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &LogView::scrollBarValueChanged);
    connect(bar, &QScrollBar::rangeChanged, this, &LogView::scrollBarRangeChanged);
}

void LogView::setFeed(RunFeed *feed)
{
    m_feed = feed;
    setModel(feed ? RunViewData::of(feed)->log() : m_ownModel);
}

void LogView::setModel(LogModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_filter->setSourceModel(model);
    connect(model, &LogModel::nodeIdsChanged, this, &LogView::updateNodeCombo);
    connect(model, &LogModel::maxAttemptChanged, this, &LogView::updateAttemptCombo);
    connect(model, &QAbstractItemModel::rowsInserted, this, &LogView::updateCountLabel);
    connect(model, &QAbstractItemModel::modelReset, this, &LogView::updateCountLabel);
    // The combos list what this run has: start them over from the new model.
    m_comboNodeCount = std::numeric_limits<qsizetype>::max();
    updateNodeCombo();
    updateAttemptCombo(model->maxAttempt());
    updateCountLabel();
    if (m_following)
        m_table->scrollToBottom();
}

void LogView::addEvents(const RunEvents &events)
{
    m_model->addEvents(events);
}

void LogView::clear()
{
    setFeed(nullptr);
    m_model->clear();
}

void LogView::setNodeFilter(const QString &nodeId)
{
    int at = m_nodeCombo->findData(nodeId);
    if (at < 0) { // a node with no lines yet: filter for it anyway, its lines will come
        m_nodeCombo->addItem(nodeId, nodeId);
        at = m_nodeCombo->count() - 1;
    }
    m_nodeCombo->setCurrentIndex(at);
}

QString LogView::nodeFilter() const
{
    return m_filter->nodeFilter();
}

void LogView::setFollowing(bool follow)
{
    if (follow)
        m_table->scrollToBottom();
    if (follow == m_following)
        return;
    m_following = follow;
    m_followButton->setChecked(follow);
    emit followingChanged(follow);
}

// Any move of the scroll bar says where the user wants to be: at the bottom means follow. While
// the table has nothing to scroll (a reset in progress), a move says nothing.
void LogView::scrollBarValueChanged(int value)
{
    const QScrollBar *bar = m_table->verticalScrollBar();
    if (bar->maximum() <= bar->minimum())
        return;
    const bool atBottom = value >= bar->maximum();
    if (atBottom != m_following)
        setFollowing(atBottom);
}

// New lines grow the range, not the value: keep the bottom in view.
void LogView::scrollBarRangeChanged()
{
    QScrollBar *bar = m_table->verticalScrollBar();
    if (m_following && bar->value() != bar->maximum())
        bar->setValue(bar->maximum());
}

// The combo lists "All nodes", then the ids sorted (easy to find among hundreds), plus the chosen
// node even before it has lines. Rebuilt in one go: a batch can bring a thousand new nodes.
void LogView::updateNodeCombo()
{
    // Ids only ever get added during a run (the model interns them in order of first appearance), so
    // only the new ones are inserted, each at its sorted place: rebuilding a 2,000-entry combo on
    // every batch that brings a new node cost the GUI thread several milliseconds each time.
    const QStringList &ids = m_model->nodeIds();
    const QSignalBlocker blocker(m_nodeCombo);
    if (ids.size() < m_comboNodeCount) { // cleared
        const QString current = m_filter->nodeFilter();
        while (m_nodeCombo->count() > 1)
            m_nodeCombo->removeItem(m_nodeCombo->count() - 1);
        m_comboNodeCount = 0;
        if (!current.isEmpty())
            m_nodeCombo->addItem(current, current); // a filter kept across clear() stays choosable
    }
    for (qsizetype i = m_comboNodeCount; i < ids.size(); ++i) {
        const QString &id = ids.at(i);
        int lo = 1;
        int hi = m_nodeCombo->count();
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            if (QString::compare(m_nodeCombo->itemData(mid).toString(), id, Qt::CaseInsensitive) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < m_nodeCombo->count() && m_nodeCombo->itemData(lo).toString() == id)
            continue; // the kept filter
        m_nodeCombo->insertItem(lo, id, id);
    }
    m_comboNodeCount = ids.size();
    m_nodeCombo->setCurrentIndex(std::max(0, m_nodeCombo->findData(m_filter->nodeFilter())));
}

void LogView::updateAttemptCombo(int maxAttempt)
{
    const int current = m_filter->attemptFilter();
    const int shown = std::max(maxAttempt, current);
    const QSignalBlocker blocker(m_attemptCombo);
    while (m_attemptCombo->count() - 1 > shown)
        m_attemptCombo->removeItem(m_attemptCombo->count() - 1);
    for (int attempt = m_attemptCombo->count(); attempt <= shown; ++attempt)
        m_attemptCombo->addItem(QString::number(attempt), attempt);
    m_attemptCombo->setCurrentIndex(m_attemptCombo->findData(current));
}

void LogView::applyTextFilter()
{
    m_textTimer.stop();
    m_filter->setTextFilter(m_textEdit->text());
    updateCountLabel();
}

void LogView::updateCountLabel()
{
    const QLocale locale;
    if (m_filter->isRefiltering()) {
        m_countLabel->setText(tr("Filtering…"));
        return;
    }
    const qsizetype total = m_model->lineCount();
    const int shown = m_filter->rowCount();
    m_countLabel->setText(shown == total
                              ? tr("%1 lines").arg(locale.toString(total))
                              : tr("%1 of %2 lines").arg(locale.toString(shown), locale.toString(total)));
}

QString LogView::selectedText() const
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    if (!selection)
        return {};
    // From the selection's ranges: selectedRows() would build an index per selected cell.
    std::vector<int> rows;
    for (const QItemSelectionRange &range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QStringList lines;
    lines.reserve(qsizetype(rows.size()));
    for (int row : rows)
        lines.append(m_model->lineText(m_filter->sourceRow(row)));
    return lines.join(QLatin1Char('\n'));
}

void LogView::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

} // namespace Flow
