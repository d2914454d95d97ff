#pragma once

// The concrete field editors (see fieldeditor.h for the interface and the factory).
#include "fieldeditor.h"

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
QT_END_NAMESPACE

class QsciScintilla;

namespace Flow::Studio {

// One line of text: strings, numbers, durations, and the fallback for values of an unexpected shape.
class LineFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    LineFieldEditor(const ConfigField &field, QWidget *parent = nullptr);
    void setValue(const Value &value) override;
    Value value() const override;
    QString localError() const override;
    QLineEdit *lineEdit() const { return m_edit; }

protected:
    QLineEdit *m_edit;
    bool m_setting = false;
};

// A line edit with a button that opens a file or folder dialog; paths inside the workflow's folder
// are stored relative to it.
class PathFieldEditor : public LineFieldEditor
{
    Q_OBJECT
public:
    PathFieldEditor(const ConfigField &field, const QString &baseDirectory, QWidget *parent = nullptr);
    // Stores a chosen absolute path the way the dialog would (relative when inside the base folder).
    void choosePath(const QString &absolutePath);

private:
    QString m_baseDirectory;
};

// Several lines: free text, or a list of strings with one item per line.
class TextFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    TextFieldEditor(const ConfigField &field, QWidget *parent = nullptr);
    void setValue(const Value &value) override;
    Value value() const override;
    QPlainTextEdit *textEdit() const { return m_edit; }

private:
    bool isList() const { return field().kind == FieldKind::StringList; }
    QPlainTextEdit *m_edit;
    bool m_setting = false;
};

class BoolFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    BoolFieldEditor(const ConfigField &field, QWidget *parent = nullptr);
    void setValue(const Value &value) override;
    Value value() const override;
    QCheckBox *checkBox() const { return m_check; }

private:
    QCheckBox *m_check;
    bool m_setting = false;
};

class EnumFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    EnumFieldEditor(const ConfigField &field, QWidget *parent = nullptr);
    void setValue(const Value &value) override;
    Value value() const override;
    QComboBox *comboBox() const { return m_combo; }

private:
    QComboBox *m_combo;
    bool m_setting = false;
};

// Source code (editorHint names the language) or a command: a shell line, or an argv list with one
// argument per line.
class CodeFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    CodeFieldEditor(const ConfigField &field, QWidget *parent = nullptr);
    void setValue(const Value &value) override;
    Value value() const override;
    QsciScintilla *editor() const { return m_editor; }
    QComboBox *modeBox() const { return m_mode; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool isArgumentList() const;
    QsciScintilla *m_editor;
    QComboBox *m_mode = nullptr; // commands only
    bool m_setting = false;
};

// A map of names to strings (environment, headers, query) as a two-column table.
class KeyValueFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    KeyValueFieldEditor(const ConfigField &field, QWidget *parent = nullptr);
    void setValue(const Value &value) override;
    Value value() const override;
    QTableWidget *table() const { return m_table; }
    void addRow(const QString &key = {}, const QString &value = {});

private:
    void fitHeight();
    QTableWidget *m_table;
    bool m_setting = false;
};

} // namespace Flow::Studio
