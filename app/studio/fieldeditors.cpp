#include "fieldeditors.h"

#include "model/duration.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>

namespace Flow::Studio {
namespace {

QHBoxLayout *tightLayout(QWidget *widget)
{
    auto layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    return layout;
}

// Lists and maps in a one-line editor are shown as JSON, which reads back without a YAML parser.
QString scalarOrJson(const Value &value)
{
    if (value.isScalar())
        return value.toString();
    return QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
}

Value textToValue(const QString &text, FieldKind kind)
{
    if (text.isEmpty())
        return {};
    if (isExpression(text))
        return Value(text);
    const QString trimmed = text.trimmed();
    bool ok = false;
    switch (kind) {
    case FieldKind::Integer: {
        const qint64 i = trimmed.toLongLong(&ok);
        return ok ? Value(i) : Value(text);
    }
    case FieldKind::Number: {
        const qint64 i = trimmed.toLongLong(&ok);
        if (ok)
            return Value(i);
        const double d = trimmed.toDouble(&ok);
        return ok ? Value(d) : Value(text);
    }
    case FieldKind::Any: {
        if (trimmed.startsWith(QLatin1Char('[')) || trimmed.startsWith(QLatin1Char('{'))) {
            const QJsonDocument json = QJsonDocument::fromJson(trimmed.toUtf8());
            if (!json.isNull())
                return Value::fromVariant(json.toVariant());
        }
        if (trimmed == QLatin1String("true") || trimmed == QLatin1String("false"))
            return Value(trimmed == QLatin1String("true"));
        const qint64 i = trimmed.toLongLong(&ok);
        if (ok)
            return Value(i);
        const double d = trimmed.toDouble(&ok);
        return ok ? Value(d) : Value(text);
    }
    default:
        return Value(text);
    }
}

} // namespace

bool isExpression(const QString &text)
{
    return text.contains(QLatin1String("${{"));
}

FieldEditor::FieldEditor(const ConfigField &field, QWidget *parent)
    : QWidget(parent)
    , m_field(field)
{
    setToolTip(field.description);
}

QString FieldEditor::defaultText() const
{
    return m_field.defaultValue.isNull() ? QString() : scalarOrJson(m_field.defaultValue);
}

LineFieldEditor::LineFieldEditor(const ConfigField &field, QWidget *parent)
    : FieldEditor(field, parent)
    , m_edit(new QLineEdit(this))
{
    tightLayout(this)->addWidget(m_edit);
    m_edit->setClearButtonEnabled(true);
    if (!defaultText().isEmpty())
        m_edit->setPlaceholderText(tr("Default: %1").arg(defaultText()));
    else if (field.kind == FieldKind::Duration)
        m_edit->setPlaceholderText(tr("e.g. 30s, 5m"));
    else
        m_edit->setPlaceholderText(field.description);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        if (!m_setting)
            emit edited();
    });
    connect(m_edit, &QLineEdit::editingFinished, this, &FieldEditor::editFinished);
}

void LineFieldEditor::setValue(const Value &value)
{
    const QString text = value.isNull() ? QString() : scalarOrJson(value);
    if (text == m_edit->text())
        return;
    m_setting = true;
    m_edit->setText(text);
    // Show the start of a long value (a URL) rather than its end.
    if (!m_edit->hasFocus())
        m_edit->setCursorPosition(0);
    m_setting = false;
}

Value LineFieldEditor::value() const
{
    return textToValue(m_edit->text(), field().kind);
}

QString LineFieldEditor::localError() const
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty() || isExpression(text))
        return {};
    bool ok = false;
    switch (field().kind) {
    case FieldKind::Integer:
        text.toLongLong(&ok);
        return ok ? QString() : tr("Enter a whole number or a ${{ }} expression.");
    case FieldKind::Number:
        text.toDouble(&ok);
        return ok ? QString() : tr("Enter a number or a ${{ }} expression.");
    case FieldKind::Duration:
        return parseDuration(text) ? QString()
                                   : tr("Not a duration: use a unit, as in 250ms, 30s, 10m or 1h.");
    default:
        return {};
    }
}

PathFieldEditor::PathFieldEditor(const ConfigField &field, const QString &baseDirectory, QWidget *parent)
    : LineFieldEditor(field, parent)
    , m_baseDirectory(baseDirectory)
{
    auto button = new QToolButton(this);
    button->setText(QStringLiteral("…"));
    button->setToolTip(tr("Choose a file or folder"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto menu = new QMenu(button);
    const auto start = [this] {
        const QString current = m_edit->text();
        if (current.isEmpty())
            return m_baseDirectory;
        return QDir(m_baseDirectory).absoluteFilePath(current);
    };
    // flow.subflow's `path` names a workflow: offer those first.
    const QString filter = field.editorHint == u"workflow" ? tr("Workflows (*.yaml *.yml);;All files (*)") : QString();
    connect(menu->addAction(tr("Choose File…")), &QAction::triggered, this, [this, start, filter] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose File"), start(), filter);
        if (!path.isEmpty())
            choosePath(path);
    });
    connect(menu->addAction(tr("Choose Folder…")), &QAction::triggered, this, [this, start] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Choose Folder"), start());
        if (!path.isEmpty())
            choosePath(path);
    });
    button->setMenu(menu);
    layout()->addWidget(button);
}

void PathFieldEditor::choosePath(const QString &absolutePath)
{
    QString path = absolutePath;
    if (!m_baseDirectory.isEmpty()) {
        const QString relative = QDir(m_baseDirectory).relativeFilePath(absolutePath);
        if (!relative.startsWith(QLatin1String("..")))
            path = relative;
    }
    m_edit->setText(path);
    emit edited();
    emit editFinished();
}

TextFieldEditor::TextFieldEditor(const ConfigField &field, QWidget *parent)
    : FieldEditor(field, parent)
    , m_edit(new QPlainTextEdit(this))
{
    tightLayout(this)->addWidget(m_edit);
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(isList() ? tr("One item per line") : field.description);
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
    setFocusProxy(m_edit);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_setting)
            emit edited();
    });
}

void TextFieldEditor::setValue(const Value &value)
{
    QString text;
    if (isList() && value.isList()) {
        QStringList lines;
        for (const Value &item : value.list())
            lines.append(item.toString());
        text = lines.join(QLatin1Char('\n'));
    } else if (!value.isNull()) {
        text = scalarOrJson(value);
    }
    if (text == m_edit->toPlainText())
        return;
    m_setting = true;
    m_edit->setPlainText(text);
    m_setting = false;
}

Value TextFieldEditor::value() const
{
    const QString text = m_edit->toPlainText();
    if (!isList())
        return text.isEmpty() ? Value() : Value(text);
    Value list = Value::makeList();
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            list.append(Value(line.trimmed()));
    }
    return list.size() == 0 ? Value() : list;
}

BoolFieldEditor::BoolFieldEditor(const ConfigField &field, QWidget *parent)
    : FieldEditor(field, parent)
    , m_check(new QCheckBox(this))
{
    // The description wraps in a label of its own: a long check box text would force the dock wider.
    auto description = new QLabel(field.description, this);
    description->setWordWrap(true);
    description->setBuddy(m_check);
    QHBoxLayout *layout = tightLayout(this);
    layout->addWidget(m_check, 0, Qt::AlignTop);
    layout->addWidget(description, 1);
    setFocusProxy(m_check);
    connect(m_check, &QCheckBox::toggled, this, [this] {
        if (m_setting)
            return;
        emit edited();
        emit editFinished();
    });
}

void BoolFieldEditor::setValue(const Value &value)
{
    const bool checked = value.isNull() ? field().defaultValue.toBool() : value.toBool();
    if (checked == m_check->isChecked())
        return;
    m_setting = true;
    m_check->setChecked(checked);
    m_setting = false;
}

Value BoolFieldEditor::value() const
{
    // The default is not written out: the file stays as short as the author made it.
    if (m_check->isChecked() == field().defaultValue.toBool() && !field().required)
        return {};
    return Value(m_check->isChecked());
}

EnumFieldEditor::EnumFieldEditor(const ConfigField &field, QWidget *parent)
    : FieldEditor(field, parent)
    , m_combo(new QComboBox(this))
{
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(8);
    tightLayout(this)->addWidget(m_combo);
    setFocusProxy(m_combo);
    if (!field.required) {
        m_combo->addItem(defaultText().isEmpty() ? tr("(not set)") : tr("(default: %1)").arg(defaultText()),
                         QVariant());
    }
    for (const QString &choice : field.choices)
        m_combo->addItem(choice, choice);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_setting)
            return;
        emit edited();
        emit editFinished();
    });
}

void EnumFieldEditor::setValue(const Value &value)
{
    m_setting = true;
    if (value.isNull()) {
        m_combo->setCurrentIndex(0);
    } else {
        const QString text = value.toString();
        int index = m_combo->findData(text);
        if (index < 0) {
            // An expression or a value from a newer version: kept and shown as it is.
            m_combo->addItem(text, text);
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(index);
    }
    m_setting = false;
}

Value EnumFieldEditor::value() const
{
    const QVariant data = m_combo->currentData();
    return data.isValid() ? Value(data.toString()) : Value();
}

} // namespace Flow::Studio
