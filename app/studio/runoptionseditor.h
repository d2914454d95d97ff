#pragma once

#include "model/workflow.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace Flow::Studio {

// The per-node options that every node type has: when, for_each (+ concurrency), retry, timeout, cache.
class RunOptionsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RunOptionsEditor(QWidget *parent = nullptr);

    void setNode(const Node &node);
    // Writes the options into `node`. Options whose text is invalid (a bad duration) keep the node's
    // current value; localError() says why.
    void applyTo(Node &node) const;
    // The problem with one option ("timeout", "retry", "for_each"), or empty.
    QString localError(const QString &option) const;

    QLineEdit *whenEdit() const { return m_when; }
    QLineEdit *forEachEdit() const { return m_forEach; }
    QSpinBox *concurrencyBox() const { return m_concurrency; }
    QCheckBox *retryBox() const { return m_retry; }
    QSpinBox *attemptsBox() const { return m_attempts; }
    QLineEdit *retryDelayEdit() const { return m_delay; }
    QLineEdit *timeoutEdit() const { return m_timeout; }
    QCheckBox *cacheBox() const { return m_cache; }
    // Row label of an option, to place the validator's messages next to it.
    void setError(const QString &option, const QString &message);
    QString errorText(const QString &option) const;

signals:
    void edited(const QString &option);
    void editFinished();

private:
    QLabel *addErrorRow(QFormLayout *form, const QString &option);
    void updateRetryEnabled();

    QLineEdit *m_when;
    QLineEdit *m_forEach;
    QSpinBox *m_concurrency;
    QCheckBox *m_retry;
    QSpinBox *m_attempts;
    QLineEdit *m_delay;
    QDoubleSpinBox *m_backoff;
    QLineEdit *m_maxDelay;
    QLineEdit *m_timeout;
    QCheckBox *m_cache;
    QHash<QString, QLabel *> m_errors;
    bool m_setting = false;
};

} // namespace Flow::Studio
