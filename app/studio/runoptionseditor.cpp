#include "runoptionseditor.h"

#include "model/duration.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace Flow::Studio {
namespace {

QString forEachText(const Value &value)
{
    if (value.isNull())
        return {};
    if (value.isScalar())
        return value.toString();
    return QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
}

// "[1, 2]" is a list (JSON); anything else is an expression text such as ${{ nodes.ls.outputs.lines }}.
std::optional<Value> forEachValue(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Value();
    if (!trimmed.startsWith(QLatin1Char('[')))
        return Value(trimmed);
    const QJsonDocument json = QJsonDocument::fromJson(trimmed.toUtf8());
    if (!json.isArray())
        return std::nullopt;
    return Value::fromVariant(json.array().toVariantList());
}

std::optional<std::optional<Millis>> optionalDuration(const QString &text)
{
    if (text.trimmed().isEmpty())
        return std::optional<Millis>();
    const std::optional<Millis> d = parseDuration(text.trimmed());
    if (!d)
        return std::nullopt;
    return d;
}

QString durationText(std::optional<Millis> d)
{
    return d ? formatDuration(*d) : QString();
}

} // namespace

RunOptionsEditor::RunOptionsEditor(QWidget *parent)
    : QWidget(parent)
    , m_when(new QLineEdit(this))
    , m_forEach(new QLineEdit(this))
    , m_concurrency(new QSpinBox(this))
    , m_retry(new QCheckBox(tr("Retry failed attempts"), this))
    , m_attempts(new QSpinBox(this))
    , m_delay(new QLineEdit(this))
    , m_backoff(new QDoubleSpinBox(this))
    , m_maxDelay(new QLineEdit(this))
    , m_timeout(new QLineEdit(this))
    , m_cache(new QCheckBox(tr("Reuse earlier outputs"), this))
{
    auto form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_when->setPlaceholderText(tr("Always; or an expression such as ${{ params.upload }}"));
    m_when->setToolTip(tr("Run only when this expression is true; otherwise the node and the nodes that "
                          "need its outputs are skipped."));
    form->addRow(tr("When"), m_when);
    addErrorRow(form, QStringLiteral("when"));

    m_forEach->setPlaceholderText(tr("Once; or a list [\"a\", \"b\"] or an expression"));
    m_forEach->setToolTip(tr("Run once per item; the item is ${{ item }} and its position ${{ index }}."));
    form->addRow(tr("For each"), m_forEach);
    addErrorRow(form, QStringLiteral("for_each"));
    m_concurrency->setRange(0, 1000);
    m_concurrency->setSpecialValueText(tr("Default"));
    m_concurrency->setToolTip(tr("How many items of for_each run at the same time."));
    form->addRow(tr("Concurrency"), m_concurrency);

    form->addRow(QString(), m_retry);
    m_attempts->setRange(2, 100);
    m_attempts->setSuffix(tr(" attempts"));
    form->addRow(tr("Attempts"), m_attempts);
    m_delay->setPlaceholderText(tr("e.g. 500ms"));
    form->addRow(tr("First delay"), m_delay);
    m_backoff->setRange(1.0, 10.0);
    m_backoff->setSingleStep(0.5);
    m_backoff->setDecimals(1);
    m_backoff->setPrefix(QStringLiteral("× "));
    m_backoff->setToolTip(tr("Each further delay is the previous one times this factor."));
    form->addRow(tr("Backoff"), m_backoff);
    m_maxDelay->setPlaceholderText(tr("No limit"));
    form->addRow(tr("Longest delay"), m_maxDelay);
    addErrorRow(form, QStringLiteral("retry"));

    m_timeout->setPlaceholderText(tr("No limit; e.g. 30s"));
    m_timeout->setToolTip(tr("Each attempt is stopped after this long."));
    form->addRow(tr("Timeout"), m_timeout);
    addErrorRow(form, QStringLiteral("timeout"));
    m_cache->setToolTip(
        tr("Reuse the outputs of an earlier run when the type, config and inputs are the same."));
    form->addRow(tr("Cache"), m_cache);

    const auto lineEdited = [this](QLineEdit *edit, const QString &option) {
        connect(edit, &QLineEdit::textEdited, this, [this, option] {
            if (!m_setting)
                emit edited(option);
        });
        connect(edit, &QLineEdit::editingFinished, this, &RunOptionsEditor::editFinished);
    };
    lineEdited(m_when, QStringLiteral("when"));
    lineEdited(m_forEach, QStringLiteral("for_each"));
    lineEdited(m_delay, QStringLiteral("retry"));
    lineEdited(m_maxDelay, QStringLiteral("retry"));
    lineEdited(m_timeout, QStringLiteral("timeout"));
    const auto valueChanged = [this](const QString &option) {
        if (m_setting)
            return;
        emit edited(option);
        emit editFinished();
    };
    connect(m_concurrency, &QSpinBox::valueChanged, this,
            [valueChanged] { valueChanged(QStringLiteral("concurrency")); });
    connect(m_attempts, &QSpinBox::valueChanged, this,
            [valueChanged] { valueChanged(QStringLiteral("retry")); });
    connect(m_backoff, &QDoubleSpinBox::valueChanged, this,
            [valueChanged] { valueChanged(QStringLiteral("retry")); });
    connect(m_retry, &QCheckBox::toggled, this, [this, valueChanged] {
        updateRetryEnabled();
        valueChanged(QStringLiteral("retry"));
    });
    connect(m_cache, &QCheckBox::toggled, this, [valueChanged] { valueChanged(QStringLiteral("cache")); });
    updateRetryEnabled();
}

QLabel *RunOptionsEditor::addErrorRow(QFormLayout *form, const QString &option)
{
    auto label = new QLabel(this);
    label->setWordWrap(true);
    label->setObjectName(QStringLiteral("fieldError"));
    label->hide();
    form->addRow(QString(), label);
    m_errors.insert(option, label);
    return label;
}

void RunOptionsEditor::updateRetryEnabled()
{
    const bool on = m_retry->isChecked();
    for (QWidget *w : std::initializer_list<QWidget *>{m_attempts, m_delay, m_backoff, m_maxDelay})
        w->setEnabled(on);
}

void RunOptionsEditor::setNode(const Node &node)
{
    m_setting = true;
    const auto setText = [](QLineEdit *edit, const QString &text) {
        if (edit->text() != text)
            edit->setText(text);
    };
    setText(m_when, node.when);
    // Only when the value differs: "[1,2]" and "[1, 2]" are the same list, and the caret stays put.
    if (forEachValue(m_forEach->text()) != std::optional<Value>(node.forEach))
        setText(m_forEach, forEachText(node.forEach));
    m_concurrency->setValue(node.concurrency.value_or(0));
    m_retry->setChecked(node.retry.has_value());
    const RetryPolicy retry = node.retry.value_or(RetryPolicy{3, Millis(1000), 2.0, std::nullopt, {}});
    m_attempts->setValue(retry.attempts);
    if (parseDuration(m_delay->text()) != std::optional<Millis>(retry.delay))
        setText(m_delay, formatDuration(retry.delay));
    m_backoff->setValue(retry.backoff);
    if (optionalDuration(m_maxDelay->text()) != std::optional<std::optional<Millis>>(retry.maxDelay))
        setText(m_maxDelay, durationText(retry.maxDelay));
    if (optionalDuration(m_timeout->text()) != std::optional<std::optional<Millis>>(node.timeout))
        setText(m_timeout, durationText(node.timeout));
    m_cache->setChecked(node.cache);
    updateRetryEnabled();
    m_setting = false;
}

void RunOptionsEditor::applyTo(Node &node) const
{
    node.when = m_when->text().trimmed();
    if (const std::optional<Value> forEach = forEachValue(m_forEach->text()))
        node.forEach = *forEach;
    node.concurrency = m_concurrency->value() > 0 ? std::optional<int>(m_concurrency->value()) : std::nullopt;
    if (!m_retry->isChecked()) {
        node.retry.reset();
    } else {
        const std::optional<Millis> delay = parseDuration(m_delay->text().trimmed());
        const auto maxDelay = optionalDuration(m_maxDelay->text());
        if (delay && maxDelay) {
            RetryPolicy retry = node.retry.value_or(RetryPolicy{});
            retry.attempts = m_attempts->value();
            retry.delay = *delay;
            retry.backoff = m_backoff->value();
            retry.maxDelay = *maxDelay;
            node.retry = retry;
        }
    }
    if (const auto timeout = optionalDuration(m_timeout->text()))
        node.timeout = *timeout;
    node.cache = m_cache->isChecked();
}

QString RunOptionsEditor::localError(const QString &option) const
{
    const QString durationHelp = tr("Not a duration: use a unit, as in 250ms, 30s, 10m or 1h.");
    if (option == QLatin1String("timeout"))
        return optionalDuration(m_timeout->text()) ? QString() : durationHelp;
    if (option == QLatin1String("retry") && m_retry->isChecked()) {
        if (!parseDuration(m_delay->text().trimmed()) || !optionalDuration(m_maxDelay->text()))
            return durationHelp;
    }
    if (option == QLatin1String("for_each") && !forEachValue(m_forEach->text()))
        return tr("A list must be written as JSON, e.g. [\"a\", \"b\"].");
    return {};
}

void RunOptionsEditor::setError(const QString &option, const QString &message)
{
    if (QLabel *label = m_errors.value(option)) {
        label->setText(message);
        label->setVisible(!message.isEmpty());
    }
}

QString RunOptionsEditor::errorText(const QString &option) const
{
    const QLabel *label = m_errors.value(option);
    return label && !label->isHidden() ? label->text() : QString();
}

} // namespace Flow::Studio
