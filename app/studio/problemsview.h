#pragma once

#include "model/diagnostic.h"

#include <QTreeWidget>

namespace Flow::Studio {

// The Problems dock: one row per diagnostic (severity icon, message, node, line:col). Activating a
// row (click or Enter) asks the window to jump to the line in the YAML view and the node on the canvas.
class ProblemsView : public QTreeWidget
{
    Q_OBJECT

public:
    explicit ProblemsView(QWidget *parent = nullptr);

    void setDiagnostics(const Diagnostics &diagnostics);
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    int errorCount() const;
    int warningCount() const;

    // Selects the first problem on a 1-based line (a click on its margin marker). False if none.
    bool selectLine(int line);
    // Activates the next (step 1) or previous (-1) problem after the selected one, wrapping around.
    void activateNext(int step);

signals:
    void problemActivated(const Flow::Diagnostic &diagnostic);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void activateItem(QTreeWidgetItem *item);

    Diagnostics m_diagnostics;
};

} // namespace Flow::Studio
