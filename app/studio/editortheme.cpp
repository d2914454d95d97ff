#include "editortheme.h"

#include <Qsci/qscilexer.h>
#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexeryaml.h>
#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QFontDatabase>
#include <QPalette>

namespace Flow::Studio {
namespace {

struct TokenColors
{
    QColor text, comment, keyword, number, string, op, identifier, error;
};

TokenColors tokenColors(bool dark)
{
    if (dark) {
        return {QColor(0xd4d4d4), QColor(0x6a9955), QColor(0x569cd6), QColor(0xb5cea8),
                QColor(0xce9178), QColor(0xd4d4d4), QColor(0x9cdcfe), QColor(0xf44747)};
    }
    return {QColor(0x1f2328), QColor(0x6e7781), QColor(0x0550ae), QColor(0x0a7f5a),
            QColor(0x953800), QColor(0x57606a), QColor(0x8250df), QColor(0xcf222e)};
}

// Lexers name their styles; mapping by name keeps one palette for every language we show.
QColor colorForStyle(const QString &description, const TokenColors &c)
{
    const QString d = description.toLower();
    if (d.contains(QLatin1String("error")))
        return c.error;
    if (d.contains(QLatin1String("comment")))
        return c.comment;
    if (d.contains(QLatin1String("keyword")) || d.contains(QLatin1String("delimiter"))
        || d.contains(QLatin1String("marker")))
        return c.keyword;
    if (d.contains(QLatin1String("number")))
        return c.number;
    if (d.contains(QLatin1String("string")) || d.contains(QLatin1String("text block"))
        || d.contains(QLatin1String("regular expression")) || d.contains(QLatin1String("here document")))
        return c.string;
    if (d.contains(QLatin1String("operator")))
        return c.op;
    if (d.contains(QLatin1String("identifier")) || d.contains(QLatin1String("reference"))
        || d.contains(QLatin1String("property")) || d.contains(QLatin1String("scalar")))
        return c.identifier;
    return c.text;
}

} // namespace

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

void applyEditorTheme(QsciScintilla *editor, QsciLexer *lexer)
{
    const QPalette palette = QApplication::palette();
    const bool dark = isDarkPalette(palette);
    const TokenColors colors = tokenColors(dark);
    const QColor paper = palette.color(QPalette::Base);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(qMax(9.0, font.pointSizeF()));

    if (lexer) {
        lexer->setDefaultFont(font);
        lexer->setDefaultPaper(paper);
        lexer->setDefaultColor(colors.text);
        // Only the lexer's own styles: setting "all" (-1) would also repaint the margin styles, and the
        // lexer re-applies those over anything set on the editor later.
        for (int style = 0; style < 128; ++style) {
            const QString description = lexer->description(style);
            if (description.isEmpty())
                continue;
            lexer->setFont(font, style);
            lexer->setPaper(paper, style);
            lexer->setColor(colorForStyle(description, colors), style);
        }
    } else {
        editor->setFont(font);
        editor->setPaper(paper);
        editor->setColor(colors.text);
    }

    const QColor margin = dark ? paper.lighter(118) : paper.darker(103);
    editor->setMarginsBackgroundColor(margin);
    editor->setMarginsForegroundColor(dark ? QColor(0x8b949e) : QColor(0x8c959f));
    editor->setMarginsFont(font);
    editor->setCaretForegroundColor(palette.color(QPalette::Text));
    editor->setCaretLineVisible(true);
    editor->setCaretLineBackgroundColor(dark ? paper.lighter(125) : QColor(0xf3f6fb));
    editor->setSelectionBackgroundColor(palette.color(QPalette::Highlight));
    editor->setSelectionForegroundColor(palette.color(QPalette::HighlightedText));
    editor->setFoldMarginColors(margin, margin);
    editor->setIndentationGuidesBackgroundColor(margin);
    editor->setIndentationGuidesForegroundColor(dark ? paper.lighter(160) : paper.darker(130));
    editor->setMatchedBraceBackgroundColor(dark ? QColor(0x3a3d41) : QColor(0xdde8f6));
    editor->setMatchedBraceForegroundColor(colors.text);
}

QsciLexer *createLexerForHint(const QString &hint)
{
    const QString h = hint.toLower();
    if (h == QLatin1String("shell") || h == QLatin1String("bash") || h == QLatin1String("sh"))
        return new QsciLexerBash;
    if (h == QLatin1String("javascript") || h == QLatin1String("js"))
        return new QsciLexerJavaScript;
    if (h == QLatin1String("json"))
        return new QsciLexerJSON;
    if (h == QLatin1String("yaml"))
        return new QsciLexerYAML;
    return nullptr;
}

} // namespace Flow::Studio
