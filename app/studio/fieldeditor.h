#pragma once

#include "model/nodetypeinfo.h"
#include "model/value.h"

#include <QWidget>

namespace Flow::Studio {

// One inspector field for a config field of a node type. Shows a Value and reports edits; it never
// writes to the document itself (the inspector turns each edit into an undo command).
class FieldEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FieldEditor(const ConfigField &field, QWidget *parent = nullptr);

    const ConfigField &field() const { return m_field; }
    // Shows `value` (null: the field is unset, its default is shown as a hint). Emits nothing.
    virtual void setValue(const Value &value) = 0;
    // The value to store; null removes the key from the config.
    virtual Value value() const = 0;
    // A problem found without asking the validator (e.g. "10 parsecs" in a duration); empty if none.
    virtual QString localError() const { return {}; }

signals:
    // The user changed the value (every keystroke).
    void edited();
    // The user is done with this field for now (focus left, Enter): the next edit is a new undo step.
    void editFinished();

protected:
    // The default as text for placeholders, or empty.
    QString defaultText() const;

private:
    ConfigField m_field;
};

// The editor for a field's kind. `baseDirectory` is where relative paths start (the workflow's folder).
// A value of the wrong shape for the kind (an expression where a bool is expected) gets a plain text
// editor so that nothing the file holds is lost by showing it.
FieldEditor *createFieldEditor(const ConfigField &field, const Value &current, const QString &baseDirectory,
                               QWidget *parent = nullptr);

// True when `text` holds a `${{ }}` expression: such values pass through any kind unchanged.
bool isExpression(const QString &text);

} // namespace Flow::Studio
