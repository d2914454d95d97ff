#pragma once

#include "runs/runfeed.h"
#include "logmodel.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <array>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace Flow {

class LogFilterModel;

// The log of a run: a tool row (node, attempt, stream and text filters, Follow) over a table of
// lines. Follow keeps the newest line in view; scrolling up turns it off, scrolling back to the
// bottom turns it on again. Ctrl+C and the context menu copy the selected lines as text.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    // Shows the log of `feed`'s run (kept with the feed: RunViewData) and nothing else, until another
    // feed is set; null shows an empty log. Filters, follow mode and column widths stay.
    void setFeed(RunFeed *feed);
    RunFeed *feed() const { return m_feed; }
    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_table; }

    // Without a feed: adds to the view's own model (tests, benchmarks).
    void addEvents(const Flow::RunEvents &events);
    void clear();

    void setNodeFilter(const QString &nodeId); // empty = all nodes
    QString nodeFilter() const;

    bool isFollowing() const { return m_following; }
    void setFollowing(bool follow);

    // The selected lines, one per line, as "HH:mm:ss.zzz node#attempt [stream] line".
    QString selectedText() const;
    void copySelection();

signals:
    // A line was double-clicked: the node it belongs to.
    void nodeActivated(const QString &nodeId);
    void followingChanged(bool following);

private:
    QWidget *createToolRow();
    void setUpTable();
    void updateNodeCombo();
    void updateAttemptCombo(int maxAttempt);
    void applyTextFilter();
    void scrollBarValueChanged(int value);
    void scrollBarRangeChanged();
    void updateCountLabel();
    void setModel(LogModel *model);

    LogModel *m_ownModel; // shown without a feed
    LogModel *m_model;
    QPointer<RunFeed> m_feed;
    LogFilterModel *m_filter;
    QTableView *m_table;
    QComboBox *m_nodeCombo;
    qsizetype m_comboNodeCount = 0; // model node ids already in m_nodeCombo
    QComboBox *m_attemptCombo;
    std::array<QToolButton *, LogModel::StreamCount> m_streamButtons{};
    QLineEdit *m_textEdit;
    QToolButton *m_followButton;
    QLabel *m_countLabel;
    QAction *m_copyAction;
    QTimer m_textTimer; // typing is debounced: one refilter per pause, not per key
    bool m_following = true;
};

} // namespace Flow
