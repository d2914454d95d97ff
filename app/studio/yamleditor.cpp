#include "yamleditor.h"

#include "editortheme.h"

#include <Qsci/qscilexeryaml.h>
#include <Qsci/qscistyle.h>

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QToolTip>

namespace Flow::Studio {
namespace {

constexpr int ErrorMarker = 8;
constexpr int WarningMarker = 9;
constexpr int ProblemIndicator = 8;
constexpr int MarginLineNumbers = 0;
constexpr int MarginMarkers = 1;
constexpr int MarginFold = 2;

const QColor errorColor(0xd1242f);
const QColor warningColor(0xd4a72c);

QImage errorIcon()
{
    QImage image(14, 14, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(errorColor);
    p.drawEllipse(QRectF(1, 1, 12, 12));
    p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(4.8, 4.8), QPointF(9.2, 9.2));
    p.drawLine(QPointF(9.2, 4.8), QPointF(4.8, 9.2));
    return image;
}

QImage warningIcon()
{
    QImage image(14, 14, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath triangle;
    triangle.moveTo(7, 1);
    triangle.lineTo(13.5, 12.5);
    triangle.lineTo(0.5, 12.5);
    triangle.closeSubpath();
    p.fillPath(triangle, warningColor);
    p.setPen(QPen(Qt::black, 1.6, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(7, 5), QPointF(7, 8.2));
    p.drawPoint(QPointF(7, 10.6));
    return image;
}

bool isError(const Diagnostic &d)
{
    return d.severity == Diagnostic::Severity::Error;
}

} // namespace

YamlEditor::YamlEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new QsciLexerYAML(this))
    , m_errorNote(-1)
    , m_warningNote(-1)
{
    setUtf8(true);
    setLexer(m_lexer);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setAutoIndent(true);
    setIndentationGuides(true);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setEolMode(QsciScintilla::EolUnix);
    setWrapMode(QsciScintilla::WrapNone);
    setAnnotationDisplay(QsciScintilla::AnnotationIndented);
    setUpMargins();
    setUpMarkers();
    applyTheme();

    SendScintilla(SCI_SETMOUSEDWELLTIME, 400);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this,
            [this](int, int x, int y) { showToolTipAt(x, y); });
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
    connect(this, &QsciScintilla::marginClicked, this, [this](int margin, int line, Qt::KeyboardModifiers) {
        if (margin == MarginMarkers && !diagnosticsOnLine(line + 1).isEmpty())
            emit markerClicked(line + 1);
    });
    connect(this, &QsciScintilla::cursorPositionChanged, this,
            [this](int line, int index) { emit caretMoved(line + 1, index + 1); });
}

void YamlEditor::setUpMargins()
{
    setMarginType(MarginLineNumbers, QsciScintilla::NumberMargin);
    setMarginLineNumbers(MarginLineNumbers, true);
    setMarginWidth(MarginLineNumbers, QStringLiteral("00000"));
    setMarginType(MarginMarkers, QsciScintilla::SymbolMargin);
    setMarginWidth(MarginMarkers, 18);
    setMarginMarkerMask(MarginMarkers, (1 << ErrorMarker) | (1 << WarningMarker));
    setMarginSensitivity(MarginMarkers, true);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, MarginFold);
}

void YamlEditor::setUpMarkers()
{
    markerDefine(errorIcon(), ErrorMarker);
    markerDefine(warningIcon(), WarningMarker);
    indicatorDefine(QsciScintilla::SquigglePixmapIndicator, ProblemIndicator);
    setIndicatorForegroundColor(errorColor, ProblemIndicator);
}

void YamlEditor::applyTheme()
{
    applyEditorTheme(this, m_lexer);
    const bool dark = isDarkPalette(palette());
    m_errorNote.setColor(dark ? QColor(0xff8e86) : QColor(0x9a1f1f));
    m_errorNote.setPaper(dark ? QColor(0x3a2222) : QColor(0xfdecea));
    m_errorNote.setFont(font());
    m_warningNote.setColor(dark ? QColor(0xe3c46a) : QColor(0x6b4e00));
    m_warningNote.setPaper(dark ? QColor(0x35301c) : QColor(0xfff6d6));
    m_warningNote.setFont(font());
    // The width depends on the margin font, which the theme just set.
    setMarginWidth(MarginLineNumbers, QStringLiteral("00000"));
    // Re-annotate: annotation styles carry colours picked for the palette.
    setDiagnostics(Diagnostics(m_diagnostics));
}

void YamlEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void YamlEditor::replaceText(const QString &newText)
{
    if (newText == text())
        return;
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    const int firstVisible = firstVisibleLine();
    setText(newText);
    // Scintilla's own undo covers typing only; changes from elsewhere live on the app's undo stack.
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    const int lastLine = qMax(0, lines() - 1);
    line = qMin(line, lastLine);
    index = qMin(index, qMax(0, int(this->text(line).size())));
    setCursorPosition(line, index);
    setFirstVisibleLine(qMin(firstVisible, lastLine));
}

void YamlEditor::setDiagnostics(const Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    markerDeleteAll(ErrorMarker);
    markerDeleteAll(WarningMarker);
    clearAnnotations();
    clearIndicatorRange(0, 0, qMax(0, lines() - 1), qMax(0, int(text(lines() - 1).size())), ProblemIndicator);

    QHash<int, QStringList> notes;
    QHash<int, bool> lineHasError;
    for (const Diagnostic &d : diagnostics) {
        // Problems not tied to a place are listed in the Problems dock and marked on the first line.
        const int line = qBound(0, (d.pos.isValid() ? d.pos.line : 1) - 1, qMax(0, lines() - 1));
        markerAdd(line, isError(d) ? ErrorMarker : WarningMarker);
        notes[line].append(d.message);
        lineHasError[line] = lineHasError.value(line) || isError(d);
        const QString lineText = text(line);
        const int start = qBound(0, (d.pos.isValid() ? d.pos.column : 1) - 1, int(lineText.size()));
        int end = int(lineText.size());
        while (end > start && lineText.at(end - 1).isSpace())
            --end;
        if (end > start)
            fillIndicatorRange(line, start, line, end, ProblemIndicator);
    }
    for (auto it = notes.cbegin(); it != notes.cend(); ++it)
        annotate(it.key(), it.value().join(QLatin1Char('\n')),
                 lineHasError.value(it.key()) ? m_errorNote : m_warningNote);
}

Diagnostics YamlEditor::diagnosticsOnLine(int line) const
{
    Diagnostics result;
    for (const Diagnostic &d : m_diagnostics) {
        if ((d.pos.isValid() ? d.pos.line : 1) == line)
            result.append(d);
    }
    return result;
}

bool YamlEditor::hasErrorMarker(int line) const
{
    return line >= 1 && (markersAtLine(line - 1) & (1 << ErrorMarker));
}

bool YamlEditor::hasWarningMarker(int line) const
{
    return line >= 1 && (markersAtLine(line - 1) & (1 << WarningMarker));
}

void YamlEditor::goToPosition(int line, int column)
{
    const int l = qBound(0, line - 1, qMax(0, lines() - 1));
    const int c = qBound(0, column - 1, int(text(l).size()));
    setCursorPosition(l, c);
    ensureLineVisible(l);
    setFocus(Qt::OtherFocusReason);
}

void YamlEditor::revealNode(const QString &id)
{
    if (hasFocus())
        return;
    const QRegularExpression nodeKey(QStringLiteral("^\\s+%1\\s*:").arg(QRegularExpression::escape(id)));
    bool inNodes = false;
    for (int line = 0; line < lines(); ++line) {
        const QString lineText = text(line);
        if (!lineText.isEmpty() && !lineText.at(0).isSpace()) {
            inNodes = lineText.startsWith(QLatin1String("nodes:"));
            continue;
        }
        if (inNodes && nodeKey.match(lineText).hasMatch()) {
            setCursorPosition(line, lineText.indexOf(id));
            // Show the whole entry: its line near the top rather than at the bottom edge.
            setFirstVisibleLine(qMax(0, line - 2));
            return;
        }
    }
}

int YamlEditor::caretLine() const
{
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    return line + 1;
}

int YamlEditor::caretColumn() const
{
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    return index + 1;
}

QString YamlEditor::toolTipForLine(int line) const
{
    QStringList parts;
    for (const Diagnostic &d : diagnosticsOnLine(line)) {
        const QString kind = isError(d) ? tr("Error") : tr("Warning");
        parts.append(QStringLiteral("<b>%1</b> (%2:%3): %4")
                         .arg(kind)
                         .arg(d.pos.line)
                         .arg(d.pos.column)
                         .arg(d.message.toHtmlEscaped()));
    }
    return parts.join(QStringLiteral("<br>"));
}

void YamlEditor::showToolTipAt(int x, int y)
{
    // Dwelling over the margin reports no text position; the line under the pointer is what matters.
    const long position
        = SendScintilla(SCI_POSITIONFROMPOINT, static_cast<unsigned long>(qMax(0, x)), long(y));
    const int line
        = int(SendScintilla(SCI_LINEFROMPOSITION, static_cast<unsigned long>(qMax(0L, position)))) + 1;
    const QString tip = toolTipForLine(line);
    if (!tip.isEmpty())
        QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)), tip, viewport());
}

} // namespace Flow::Studio
