#include "inspectorwidget.h"

#include "editortheme.h"
#include "fieldeditor.h"
#include "runoptionseditor.h"
#include "documents/workflowsession.h"

#include "model/nodetypeinfo.h"
#include "model/workflowdocument.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Flow::Studio {
namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 10, 0, 2);
    return label;
}

QLabel *errorLabel(QWidget *parent)
{
    auto label = new QLabel(parent);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, isDarkPalette(p) ? QColor(0xff7b72) : QColor(0xcf222e));
    label->setPalette(p);
    label->hide();
    return label;
}

void styleErrors(QWidget *root)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>(QStringLiteral("fieldError"));
    for (QLabel *label : labels) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, isDarkPalette(p) ? QColor(0xff7b72) : QColor(0xcf222e));
        label->setPalette(p);
    }
}

// The validator names the key it complains about in quotes: 'timeout' of node 'a' must be ...
bool mentions(const QString &message, const QString &key)
{
    return message.contains(QLatin1Char('\'') + key + QLatin1Char('\''));
}

const QStringList runOptionKeys{QStringLiteral("when"), QStringLiteral("for_each"), QStringLiteral("retry"),
                                QStringLiteral("timeout")};

} // namespace

InspectorWidget::InspectorWidget(WorkflowSession *session, const NodeTypeCatalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_catalog(catalog)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Select a node on the canvas to edit its settings."), this))
    , m_scroll(new QScrollArea(this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_scroll);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    WorkflowDocument *document = m_session->document();
    connect(document, &WorkflowDocument::nodeChanged, this, [this](const QString &id) {
        if (id == m_nodeId && !m_committing)
            refresh();
    });
    connect(document, &WorkflowDocument::nodeRenamed, this,
            [this](const QString &oldId, const QString &newId) {
                if (oldId != m_nodeId)
                    return;
                m_nodeId = newId;
                refresh();
            });
    connect(document, &WorkflowDocument::nodeRemoved, this, [this](const QString &id) {
        if (id == m_nodeId)
            showNodes({});
    });
    connect(document, &WorkflowDocument::reset, this, [this] {
        if (!m_session->document()->node(m_nodeId))
            showNodes({});
        else
            refresh();
    });
    connect(m_session, &WorkflowSession::diagnosticsChanged, this, &InspectorWidget::updateErrors);
}

void InspectorWidget::showNodes(const QStringList &ids)
{
    if (ids.size() > 1)
        m_placeholder->setText(
            tr("%1 nodes selected. Select one node to edit its settings.").arg(ids.size()));
    else
        m_placeholder->setText(tr("Select a node on the canvas to edit its settings."));
    const QString id = ids.size() == 1 ? ids.first() : QString();
    if (id == m_nodeId && !id.isEmpty())
        return;
    m_nodeId = id;
    rebuild();
}

QString InspectorWidget::errorText(const QString &fieldName) const
{
    const QLabel *label = m_fieldErrors.value(fieldName);
    return label && !label->isHidden() ? label->text() : QString();
}

void InspectorWidget::rebuild()
{
    m_fields.clear();
    m_fieldErrors.clear();
    m_lastEditedKey.clear();
    const Node *node = m_session->document()->node(m_nodeId);
    if (!node) {
        m_nodeId.clear();
        m_shownType.clear();
        m_stack->setCurrentWidget(m_placeholder);
        delete m_scroll->takeWidget();
        return;
    }
    m_shownType = node->type;
    auto content = new QWidget;
    auto layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 10);
    layout->setSpacing(4);
    buildHeader(layout, *node);
    buildConfigSection(layout, *node);
    buildOptionsSection(layout);
    layout->addStretch(1);
    delete m_scroll->takeWidget();
    m_scroll->setWidget(content);
    m_stack->setCurrentWidget(m_scroll);
    m_runOptions->setNode(*node);
    updateErrors();
}

void InspectorWidget::buildHeader(QVBoxLayout *layout, const Node &node)
{
    const NodeTypeInfo *info = m_catalog->find(node.type);
    auto header = new QHBoxLayout;
    auto icon = new QLabel;
    icon->setPixmap(QIcon(info ? info->icon : QString()).pixmap(28, 28));
    auto title = new QLabel(
        QStringLiteral("<b>%1</b><br><span style=\"color:gray\">%2</span>")
            .arg((info ? info->title : tr("Unknown type")).toHtmlEscaped(), node.type.toHtmlEscaped()));
    header->addWidget(icon);
    header->addWidget(title, 1);
    layout->addLayout(header);
    if (info && !info->description.isEmpty()) {
        auto description = new QLabel(info->description);
        description->setWordWrap(true);
        description->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(description);
    }
    m_nodeProblems = errorLabel(nullptr);
    layout->addWidget(m_nodeProblems);

    auto form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_idEdit = new QLineEdit(node.id);
    m_idEdit->setToolTip(tr("The node id: letters, digits, '_' and '-'. Renaming updates every reference."));
    connect(m_idEdit, &QLineEdit::editingFinished, this, &InspectorWidget::rename);
    form->addRow(tr("Id"), m_idEdit);
    m_idError = errorLabel(nullptr);
    form->addRow(QString(), m_idError);
    m_descriptionEdit = new QLineEdit(node.description);
    m_descriptionEdit->setPlaceholderText(tr("What this step is for"));
    connect(m_descriptionEdit, &QLineEdit::textEdited, this,
            [this] { commit(QStringLiteral("description")); });
    connect(m_descriptionEdit, &QLineEdit::editingFinished, this, &InspectorWidget::finishEdit);
    form->addRow(tr("Description"), m_descriptionEdit);
    layout->addLayout(form);
}

void InspectorWidget::buildConfigSection(QVBoxLayout *layout, const Node &node)
{
    const NodeTypeInfo *info = m_catalog->find(node.type);
    if (!info || info->config.isEmpty())
        return;
    layout->addWidget(sectionTitle(tr("Configuration"), nullptr));
    auto form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (const ConfigField &field : info->config) {
        const Value *current = node.config.find(field.name);
        FieldEditor *editor = createFieldEditor(field, current ? *current : Value(), baseDirectory());
        const QString key = field.name;
        connect(editor, &FieldEditor::edited, this, [this, key] { commit(key); });
        connect(editor, &FieldEditor::editFinished, this, &InspectorWidget::finishEdit);
        auto label = new QLabel(field.required ? field.name + QStringLiteral(" *") : field.name);
        label->setToolTip(field.description);
        label->setBuddy(editor);
        form->addRow(label, editor);
        QLabel *error = errorLabel(nullptr);
        form->addRow(QString(), error);
        m_fields.insert(key, editor);
        m_fieldErrors.insert(key, error);
    }
    layout->addLayout(form);
}

void InspectorWidget::buildOptionsSection(QVBoxLayout *layout)
{
    layout->addWidget(sectionTitle(tr("Run options"), nullptr));
    m_runOptions = new RunOptionsEditor;
    connect(m_runOptions, &RunOptionsEditor::edited, this, &InspectorWidget::commit);
    connect(m_runOptions, &RunOptionsEditor::editFinished, this, &InspectorWidget::finishEdit);
    layout->addWidget(m_runOptions);
    styleErrors(m_runOptions);
}

void InspectorWidget::refresh()
{
    const Node *node = m_session->document()->node(m_nodeId);
    if (!node) {
        showNodes({});
        return;
    }
    if (node->type != m_shownType || !m_idEdit) {
        rebuild();
        return;
    }
    if (m_idEdit->text() != node->id)
        m_idEdit->setText(node->id);
    if (m_descriptionEdit->text() != node->description)
        m_descriptionEdit->setText(node->description);
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const Value *current = node->config.find(it.key());
        it.value()->setValue(current ? *current : Value());
    }
    m_runOptions->setNode(*node);
    updateErrors();
}

void InspectorWidget::commit(const QString &key)
{
    const Node *current = m_session->document()->node(m_nodeId);
    if (!current)
        return;
    // Typing in one field merges into one undo step; another field, or coming back later, starts a new one.
    if (key != m_lastEditedKey) {
        ++m_mergeSerial;
        m_lastEditedKey = key;
    }
    Node node = *current;
    if (key == QLatin1String("description")) {
        node.description = m_descriptionEdit->text();
    } else if (FieldEditor *editor = m_fields.value(key)) {
        const Value value = editor->value();
        if (value.isNull())
            node.config.remove(key);
        else
            node.config.insert(key, value);
    } else {
        m_runOptions->applyTo(node);
    }
    if (node == *current) {
        updateErrors();
        return;
    }
    m_committing = true;
    m_session->setNodeSettings(m_nodeId, node, m_mergeSerial);
    m_committing = false;
    updateErrors();
}

void InspectorWidget::finishEdit()
{
    m_lastEditedKey.clear();
}

void InspectorWidget::rename()
{
    if (!m_idEdit || m_idEdit->text() == m_nodeId || m_nodeId.isEmpty())
        return;
    const QString error = m_session->renameNode(m_nodeId, m_idEdit->text().trimmed());
    m_idError->setText(error);
    m_idError->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        m_idEdit->setText(m_nodeId);
}

void InspectorWidget::updateErrors()
{
    if (m_nodeId.isEmpty() || !m_runOptions)
        return;
    QHash<QString, QStringList> messages;
    QStringList unplaced;
    for (const Diagnostic &d : m_session->diagnostics()) {
        if (d.nodeId != m_nodeId)
            continue;
        QString placed;
        for (auto it = m_fields.cbegin(); it != m_fields.cend() && placed.isEmpty(); ++it) {
            if (mentions(d.message, it.key()))
                placed = it.key();
        }
        for (const QString &option : runOptionKeys) {
            if (placed.isEmpty() && mentions(d.message, option))
                placed = option;
        }
        if (placed.isEmpty())
            unplaced.append(d.message);
        else
            messages[placed].append(d.message);
    }
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        QStringList list = messages.value(it.key());
        const QString local = it.value()->localError();
        if (!local.isEmpty())
            list.prepend(local);
        QLabel *label = m_fieldErrors.value(it.key());
        label->setText(list.join(QLatin1Char('\n')));
        label->setVisible(!list.isEmpty());
    }
    for (const QString &option : runOptionKeys) {
        QStringList list = messages.value(option);
        const QString local = m_runOptions->localError(option);
        if (!local.isEmpty())
            list.prepend(local);
        m_runOptions->setError(option, list.join(QLatin1Char('\n')));
    }
    m_nodeProblems->setText(unplaced.join(QLatin1Char('\n')));
    m_nodeProblems->setVisible(!unplaced.isEmpty());
}

QString InspectorWidget::baseDirectory() const
{
    const QString path = m_session->filePath();
    return path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
}

} // namespace Flow::Studio
