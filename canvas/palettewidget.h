#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace Flow {

class NodeTypeCatalog;

// MIME type of a node type dragged from the palette (or anywhere): the payload is the type id, UTF-8.
inline constexpr char NodeTypeMimeType[] = "application/x-flowstudio-node-type";

// The searchable list of node types, grouped by category. Drag a type onto the canvas to create a node;
// double-click or Enter emits typeActivated() (the studio adds it in the middle of the view).
class PaletteWidget : public QWidget
{
    Q_OBJECT

public:
    // `catalog` null means NodeRegistry::builtins().
    explicit PaletteWidget(const NodeTypeCatalog *catalog = nullptr, QWidget *parent = nullptr);

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeWidget *tree() const { return m_tree; }
    void setFilterText(const QString &text);
    // Ids of the types currently shown (after filtering), in display order.
    QStringList visibleTypeIds() const;

signals:
    void typeActivated(const QString &typeId);

private:
    void populate();
    void applyFilter(const QString &text);

    const NodeTypeCatalog *m_catalog;
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace Flow
