#include "palettewidget.h"

#include "nodes/registry.h"
#include "model/nodetypeinfo.h"

#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flow {
namespace {

constexpr int TypeIdRole = Qt::UserRole + 1;
constexpr int SearchTextRole = Qt::UserRole + 2;

// A tree whose type rows drag out as NodeTypeMimeType.
class PaletteTree : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {QLatin1String(NodeTypeMimeType)}; }

    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.isEmpty() || items.first()->data(0, TypeIdRole).toString().isEmpty())
            return nullptr;
        auto *mime = new QMimeData;
        const QString type = items.first()->data(0, TypeIdRole).toString();
        mime->setData(QLatin1String(NodeTypeMimeType), type.toUtf8());
        mime->setText(type);
        return mime;
    }

    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
};

} // namespace

PaletteWidget::PaletteWidget(const NodeTypeCatalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog ? catalog : builtinCatalog())
    , m_filter(new QLineEdit(this))
    , m_tree(new PaletteTree(this))
{
    m_filter->setPlaceholderText(tr("Search nodes…"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setIconSize(QSize(20, 20));
    m_tree->setUniformRowHeights(true);
    m_tree->setAnimated(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    populate();
    connect(m_filter, &QLineEdit::textChanged, this, &PaletteWidget::applyFilter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString type = item->data(0, TypeIdRole).toString();
        if (!type.isEmpty())
            emit typeActivated(type);
    });
    // Down from the filter goes into the list; Enter there activates the first match.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        const QStringList visible = visibleTypeIds();
        if (!visible.isEmpty())
            emit typeActivated(visible.first());
    });
}

void PaletteWidget::populate()
{
    m_tree->clear();
    QHash<QString, QTreeWidgetItem *> categories;
    for (const NodeTypeInfo *info : m_catalog->all()) {
        QTreeWidgetItem *category = categories.value(info->category);
        if (!category) {
            category = new QTreeWidgetItem(m_tree, {info->category});
            category->setIcon(0, QIcon(info->icon));
            category->setFlags(Qt::ItemIsEnabled);
            QFont bold = category->font(0);
            bold.setBold(true);
            category->setFont(0, bold);
            categories.insert(info->category, category);
        }
        auto *item = new QTreeWidgetItem(category, {info->title});
        item->setIcon(0, QIcon(info->icon));
        item->setData(0, TypeIdRole, info->id);
        item->setData(0, SearchTextRole,
                      QStringList{info->title, info->id, info->category, info->description}.join(u'\n'));
        item->setToolTip(0, QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
                                .arg(info->title.toHtmlEscaped(), info->id.toHtmlEscaped(),
                                     info->description.toHtmlEscaped()));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    m_tree->expandAll();
}

void PaletteWidget::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void PaletteWidget::applyFilter(const QString &text)
{
    // Every word must appear somewhere in the title, id, category or description.
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem *category = m_tree->topLevelItem(c);
        bool any = false;
        for (int i = 0; i < category->childCount(); ++i) {
            QTreeWidgetItem *item = category->child(i);
            const QString haystack = item->data(0, SearchTextRole).toString();
            const bool match = std::all_of(words.begin(), words.end(), [&](const QString &w) {
                return haystack.contains(w, Qt::CaseInsensitive);
            });
            item->setHidden(!match);
            any = any || match;
        }
        category->setHidden(!any);
        category->setExpanded(true);
    }
}

QStringList PaletteWidget::visibleTypeIds() const
{
    QStringList ids;
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        const QTreeWidgetItem *category = m_tree->topLevelItem(c);
        if (category->isHidden())
            continue;
        for (int i = 0; i < category->childCount(); ++i) {
            if (!category->child(i)->isHidden())
                ids.append(category->child(i)->data(0, TypeIdRole).toString());
        }
    }
    return ids;
}

} // namespace Flow
