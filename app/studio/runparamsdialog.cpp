#include "runparamsdialog.h"

#include "executor/expressions.h" // expressionText(): the text form paramFromText() reads back
#include "executor/runoptions.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Flow::Studio {

RunParamsDialog::RunParamsDialog(const QList<ParamSpec> &params, const QVariantMap &previous, QWidget *parent)
    : QDialog(parent)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Run with Parameters"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(params.isEmpty() ? tr("This workflow has no parameters.")
                                              : tr("Values for this run. Fields left as they are use "
                                                   "the workflow's defaults."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    for (const ParamSpec &spec : params) {
        Row row;
        row.spec = spec;
        const QVariant initial = previous.value(spec.name, spec.defaultValue.toVariant());
        QWidget *editor = nullptr;
        if (spec.defaultValue.type() == Value::Type::Bool) {
            row.check = new QCheckBox(this);
            row.check->setChecked(initial.toBool());
            editor = row.check;
        } else {
            row.edit = new QLineEdit(expressionText(initial), this);
            row.edit->setObjectName(spec.name);
            if (spec.defaultValue.isNull())
                row.edit->setPlaceholderText(tr("required"));
            else
                row.edit->setPlaceholderText(expressionText(spec.defaultValue.toVariant()));
            connect(row.edit, &QLineEdit::textChanged, this, &RunParamsDialog::validate);
            editor = row.edit;
        }
        editor->setToolTip(spec.description);
        row.error = new QLabel(this);
        row.error->setStyleSheet(QStringLiteral("color: #d32f2f"));
        row.error->setVisible(false);
        auto *cell = new QVBoxLayout;
        cell->addWidget(editor);
        cell->addWidget(row.error);
        auto *label = new QLabel(spec.name, this);
        label->setToolTip(spec.description);
        form->addRow(label, cell);
        m_rows.append(row);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

std::optional<QVariant> RunParamsDialog::valueOf(const Row &row, QString *error) const
{
    if (row.check)
        return QVariant(row.check->isChecked());
    const QString text = row.edit->text();
    if (text.trimmed().isEmpty()) {
        if (row.spec.defaultValue.isNull()) {
            *error = tr("A value is required.");
            return std::nullopt;
        }
        return row.spec.defaultValue.toVariant();
    }
    QString why;
    const std::optional<QVariant> v = paramFromText(row.spec, text, &why);
    if (!v) {
        switch (row.spec.defaultValue.type()) {
        case Value::Type::Int:
            *error = tr("Needs a whole number.");
            break;
        case Value::Type::Double:
            *error = tr("Needs a number.");
            break;
        case Value::Type::List:
            *error = tr("Needs a JSON array, like [1, 2].");
            break;
        case Value::Type::Map:
            *error = tr("Needs a JSON object, like {\"key\": 1}.");
            break;
        default:
            *error = tr("Not a valid value.");
            break;
        }
    }
    return v;
}

void RunParamsDialog::validate()
{
    bool ok = true;
    for (const Row &row : std::as_const(m_rows)) {
        QString error;
        const bool valid = valueOf(row, &error).has_value();
        ok = ok && valid;
        row.error->setText(error);
        row.error->setVisible(!valid);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

bool RunParamsDialog::isValid() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

QVariantMap RunParamsDialog::values() const
{
    QVariantMap out;
    for (const Row &row : m_rows) {
        QString error;
        if (const std::optional<QVariant> v = valueOf(row, &error))
            out.insert(row.spec.name, *v);
    }
    return out;
}

QLineEdit *RunParamsDialog::field(const QString &name) const
{
    for (const Row &row : m_rows) {
        if (row.spec.name == name)
            return row.edit;
    }
    return nullptr;
}

QCheckBox *RunParamsDialog::checkBox(const QString &name) const
{
    for (const Row &row : m_rows) {
        if (row.spec.name == name)
            return row.check;
    }
    return nullptr;
}

bool RunParamsDialog::canRunWithout(const QList<ParamSpec> &params, const QVariantMap &given)
{
    for (const ParamSpec &spec : params) {
        if (spec.defaultValue.isNull() && !given.contains(spec.name))
            return false;
    }
    return true;
}

} // namespace Flow::Studio
