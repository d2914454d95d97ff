// The larger field editors (code, commands, key-value tables) and the factory that picks an editor.
#include "editortheme.h"
#include "fieldeditors.h"

#include <Qsci/qscilexer.h>
#include <Qsci/qsciscintilla.h>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flow::Studio {
namespace {

bool fitsKind(const Value &value, FieldKind kind)
{
    if (value.isNull())
        return true;
    switch (kind) {
    case FieldKind::String:
    case FieldKind::Text:
    case FieldKind::Path:
    case FieldKind::Code:
    case FieldKind::Duration:
    case FieldKind::Enum:
        return value.isScalar();
    case FieldKind::Integer:
    case FieldKind::Number:
        return value.isScalar();
    case FieldKind::Bool:
        return value.isBool();
    case FieldKind::KeyValue:
        if (!value.isMap())
            return false;
        return std::all_of(value.map().begin(), value.map().end(),
                           [](const Value::Entry &e) { return e.second.isScalar(); });
    case FieldKind::StringList:
        return value.isList() && std::all_of(value.list().begin(), value.list().end(), [](const Value &v) {
                   return v.isScalar();
               });
    case FieldKind::Command:
        return value.isString() || fitsKind(value, FieldKind::StringList);
    case FieldKind::Any:
        return true;
    }
    return true;
}

} // namespace

CodeFieldEditor::CodeFieldEditor(const ConfigField &field, QWidget *parent)
    : FieldEditor(field, parent)
    , m_editor(new QsciScintilla(this))
{
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    if (field.kind == FieldKind::Command) {
        m_mode = new QComboBox(this);
        m_mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_mode->setMinimumContentsLength(8);
        m_mode->addItem(tr("Shell command (/bin/sh -c)"));
        m_mode->addItem(tr("Program and arguments, one per line"));
        layout->addWidget(m_mode);
        connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
            if (m_setting)
                return;
            emit edited();
            emit editFinished();
        });
    }
    layout->addWidget(m_editor);
    QsciLexer *lexer
        = createLexerForHint(field.kind == FieldKind::Command ? QStringLiteral("shell") : field.editorHint);
    if (lexer) {
        lexer->setParent(m_editor);
        m_editor->setLexer(lexer);
    }
    applyEditorTheme(m_editor, lexer);
    m_editor->setUtf8(true);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("000"));
    m_editor->setMarginWidth(1, 0);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setIndentationWidth(field.editorHint == QLatin1String("javascript") ? 4 : 2);
    m_editor->setAutoIndent(true);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setWrapMode(QsciScintilla::WrapWord);
    m_editor->setFixedHeight(field.kind == FieldKind::Command ? 96 : 180);
    m_editor->installEventFilter(this);
    setFocusProxy(m_editor);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_setting)
            emit edited();
    });
}

bool CodeFieldEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Follow a light/dark switch of the application palette.
    if (watched == m_editor && event->type() == QEvent::PaletteChange)
        applyEditorTheme(m_editor, m_editor->lexer());
    if (watched == m_editor && event->type() == QEvent::FocusOut)
        emit editFinished();
    return FieldEditor::eventFilter(watched, event);
}

bool CodeFieldEditor::isArgumentList() const
{
    return m_mode && m_mode->currentIndex() == 1;
}

void CodeFieldEditor::setValue(const Value &value)
{
    QString text;
    bool list = false;
    if (value.isList()) {
        list = true;
        QStringList lines;
        for (const Value &item : value.list())
            lines.append(item.toString());
        text = lines.join(QLatin1Char('\n'));
    } else if (!value.isNull()) {
        text = value.toString();
    }
    m_setting = true;
    if (m_mode)
        m_mode->setCurrentIndex(list ? 1 : 0);
    if (text != m_editor->text())
        m_editor->setText(text);
    m_setting = false;
}

Value CodeFieldEditor::value() const
{
    const QString text = m_editor->text();
    if (!isArgumentList())
        return text.isEmpty() ? Value() : Value(text);
    Value list = Value::makeList();
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!line.isEmpty())
            list.append(Value(line));
    }
    return list.size() == 0 ? Value() : list;
}

KeyValueFieldEditor::KeyValueFieldEditor(const ConfigField &field, QWidget *parent)
    : FieldEditor(field, parent)
    , m_table(new QTableWidget(0, 2, this))
{
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto add = new QToolButton(this);
    add->setText(QStringLiteral("+"));
    add->setToolTip(tr("Add an entry"));
    auto remove = new QToolButton(this);
    remove->setText(QStringLiteral("−"));
    remove->setToolTip(tr("Remove the selected entries"));
    auto buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setFocusProxy(m_table);

    connect(add, &QToolButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        QList<int> numbers;
        for (const QModelIndex &index : rows)
            numbers.append(index.row());
        std::sort(numbers.begin(), numbers.end(), std::greater<>());
        for (int row : numbers)
            m_table->removeRow(row);
        fitHeight();
        emit edited();
        emit editFinished();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (m_setting)
            return;
        emit edited();
        emit editFinished();
    });
    fitHeight();
}

void KeyValueFieldEditor::addRow(const QString &key, const QString &value)
{
    const bool wasSetting = m_setting;
    m_setting = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    m_setting = wasSetting;
    fitHeight();
}

void KeyValueFieldEditor::fitHeight()
{
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    const int rows = qMax(2, m_table->rowCount() + 1);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + rows * rowHeight + 4);
}

void KeyValueFieldEditor::setValue(const Value &value)
{
    if (this->value() == value)
        return;
    m_setting = true;
    m_table->setRowCount(0);
    if (value.isMap()) {
        for (const Value::Entry &entry : value.map())
            addRow(entry.first, entry.second.toString());
    }
    m_setting = false;
    fitHeight();
}

Value KeyValueFieldEditor::value() const
{
    Value map = Value::makeMap();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        if (!key || key->text().trimmed().isEmpty())
            continue;
        map.insert(key->text().trimmed(), Value(value ? value->text() : QString()));
    }
    return map.size() == 0 ? Value() : map;
}

FieldEditor *createFieldEditor(const ConfigField &field, const Value &current, const QString &baseDirectory,
                               QWidget *parent)
{
    FieldEditor *editor = nullptr;
    if (!fitsKind(current, field.kind)) {
        ConfigField raw = field;
        raw.kind = FieldKind::Any;
        editor = new LineFieldEditor(raw, parent);
    } else {
        switch (field.kind) {
        case FieldKind::Bool:
            editor = new BoolFieldEditor(field, parent);
            break;
        case FieldKind::Enum:
            editor = new EnumFieldEditor(field, parent);
            break;
        case FieldKind::Path:
            editor = new PathFieldEditor(field, baseDirectory, parent);
            break;
        case FieldKind::Text:
        case FieldKind::StringList:
            editor = new TextFieldEditor(field, parent);
            break;
        case FieldKind::Code:
        case FieldKind::Command:
            editor = new CodeFieldEditor(field, parent);
            break;
        case FieldKind::KeyValue:
            editor = new KeyValueFieldEditor(field, parent);
            break;
        case FieldKind::String:
        case FieldKind::Integer:
        case FieldKind::Number:
        case FieldKind::Duration:
        case FieldKind::Any:
            editor = new LineFieldEditor(field, parent);
            break;
        }
    }
    editor->setValue(current);
    return editor;
}

} // namespace Flow::Studio
