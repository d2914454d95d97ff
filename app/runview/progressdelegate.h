#pragma once

#include <QStyledItemDelegate>

namespace Flow {

// The run panel's Progress column: a slim bar in the node's state colour instead of a number. It reads
// RunNodeModel::ProgressRole (fraction, negative = unknown) and StateRole. A running node with an
// unknown fraction gets a striped bar (busy, no figure); succeeded and cached nodes a full one; a node
// that never ran the model's text ("—").
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Flow
