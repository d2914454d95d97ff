#pragma once

#include "runoptionseditor.h"

#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;
QT_END_NAMESPACE

namespace Flow {
class NodeTypeCatalog;
struct Node;
} // namespace Flow

namespace Flow::Studio {

class FieldEditor;
class WorkflowSession;

// The Inspector dock: the settings of the selected node, with fields generated from its type's config
// fields plus the options every node has. Each edit becomes an undo step (typing in one field merges
// into one step); invalid values are shown under their field with the validator's message.
class InspectorWidget : public QWidget
{
    Q_OBJECT

public:
    // Edits go through `session` (one undo step each), never through the canvas.
    InspectorWidget(WorkflowSession *session, const NodeTypeCatalog *catalog, QWidget *parent = nullptr);

    // The canvas selection; one node is shown, none or several show a hint.
    void showNodes(const QStringList &ids);
    QString nodeId() const { return m_nodeId; }

    FieldEditor *fieldEditor(const QString &name) const { return m_fields.value(name); }
    RunOptionsEditor *runOptions() const { return m_runOptions; }
    QLineEdit *idEdit() const { return m_idEdit; }
    QLineEdit *descriptionEdit() const { return m_descriptionEdit; }
    // The message shown under a config field ("" when none).
    QString errorText(const QString &fieldName) const;

private:
    void rebuild();
    void refresh();
    void buildHeader(QVBoxLayout *layout, const Node &node);
    void buildConfigSection(QVBoxLayout *layout, const Node &node);
    void buildOptionsSection(QVBoxLayout *layout);
    void commit(const QString &key);
    void finishEdit();
    void rename();
    void updateErrors();
    QString baseDirectory() const;

    WorkflowSession *m_session;
    const NodeTypeCatalog *m_catalog;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QScrollArea *m_scroll;
    QString m_nodeId;
    QString m_shownType;
    QHash<QString, FieldEditor *> m_fields;
    QHash<QString, QLabel *> m_fieldErrors;
    QPointer<RunOptionsEditor> m_runOptions;
    QPointer<QLineEdit> m_idEdit;
    QPointer<QLineEdit> m_descriptionEdit;
    QPointer<QLabel> m_idError;
    QPointer<QLabel> m_nodeProblems;
    QString m_lastEditedKey;
    int m_mergeSerial = 1;
    bool m_committing = false;
};

} // namespace Flow::Studio
