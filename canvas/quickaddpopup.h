#pragma once

#include <QFrame>

class QLineEdit;
class QListWidget;

namespace Flow {

class NodeTypeCatalog;

// A small searchable list of node types shown at the cursor (double-click on empty canvas, Tab, or a
// wire dropped on empty space). Type to filter, Up/Down to choose, Enter to create, Esc to cancel.
class QuickAddPopup : public QFrame
{
    Q_OBJECT

public:
    enum class PortFilter { Any, NeedsInput, NeedsOutput };

    explicit QuickAddPopup(const NodeTypeCatalog *catalog, QWidget *parent = nullptr);

    // Shows the popup with its top-left at `globalPos`; `filter` limits the list to types that can
    // take a wire from an output (NeedsInput) or give one to an input (NeedsOutput).
    void popup(const QPoint &globalPos, PortFilter filter = PortFilter::Any);
    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    QStringList visibleTypeIds() const;

signals:
    void typeChosen(const QString &typeId);
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void applyFilter();
    void accept();

    const NodeTypeCatalog *m_catalog;
    QLineEdit *m_filter;
    QListWidget *m_list;
    PortFilter m_portFilter = PortFilter::Any;
    bool m_accepted = false;
};

} // namespace Flow
