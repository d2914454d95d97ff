#pragma once

#include "model/diagnostic.h"

#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

namespace Flow::Studio {

// The YAML view: QScintilla with the YAML lexer, line numbers, and the current diagnostics shown as
// margin markers, squiggles and an inline note under the line; hovering a marked line shows its messages.
class YamlEditor : public QsciScintilla
{
    Q_OBJECT

public:
    explicit YamlEditor(QWidget *parent = nullptr);

    // Replaces the text without moving the view more than needed (the caret keeps its line and column
    // when they still exist), so that a canvas edit does not throw the reader to the top.
    void replaceText(const QString &text);

    void setDiagnostics(const Diagnostics &diagnostics);
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    // The diagnostics on a 1-based line.
    Diagnostics diagnosticsOnLine(int line) const;
    // True when the 1-based line carries an error (or, with warnings=true, a warning) marker.
    bool hasErrorMarker(int line) const;
    bool hasWarningMarker(int line) const;

    // Moves the caret to a 1-based line and column, scrolls it into view and takes the focus.
    void goToPosition(int line, int column);
    // 1-based line and column of the caret.
    int caretLine() const;
    int caretColumn() const;

    // Scrolls to a node's entry under `nodes:` and puts the caret there, unless the user is typing here.
    void revealNode(const QString &id);

    void applyTheme();

signals:
    void caretMoved(int line, int column);
    // A click on the marker margin of a 1-based line that carries a problem.
    void markerClicked(int line);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setUpMargins();
    void setUpMarkers();
    void showToolTipAt(int x, int y);
    QString toolTipForLine(int line) const;

    QsciLexer *m_lexer = nullptr;
    // Allocated once: each QsciStyle(-1) takes one of the few free Scintilla style numbers.
    QsciStyle m_errorNote;
    QsciStyle m_warningNote;
    Diagnostics m_diagnostics;
};

} // namespace Flow::Studio
