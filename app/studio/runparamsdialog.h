#pragma once

#include "model/workflow.h"

#include <QDialog>
#include <QVariantMap>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace Flow::Studio {

// "Run with Parameters…": one field per `params:` entry of the workflow, typed after its default
// (a check box for booleans, text checked as a number, JSON for lists and maps). A param without a
// default is required. Invalid text is explained under its field and Run stays disabled.
class RunParamsDialog : public QDialog
{
    Q_OBJECT

public:
    // `previous` pre-fills the fields (the values of the last run), else the defaults.
    RunParamsDialog(const QList<ParamSpec> &params, const QVariantMap &previous, QWidget *parent = nullptr);

    // The values as the run takes them; valid once accepted (or when isValid()).
    QVariantMap values() const;
    bool isValid() const;
    // For tests and the command line: the text field of a param (null for booleans).
    QLineEdit *field(const QString &name) const;
    QCheckBox *checkBox(const QString &name) const;

    // True when every param has a default or a value in `given`: Run can start without asking.
    static bool canRunWithout(const QList<ParamSpec> &params, const QVariantMap &given);

private:
    struct Row
    {
        ParamSpec spec;
        QLineEdit *edit = nullptr;
        QCheckBox *check = nullptr;
        QLabel *error = nullptr;
    };
    void validate();
    std::optional<QVariant> valueOf(const Row &row, QString *error) const;

    QList<Row> m_rows;
    QDialogButtonBox *m_buttons;
};

} // namespace Flow::Studio
