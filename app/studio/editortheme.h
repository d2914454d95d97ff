#pragma once

class QsciLexer;
class QsciScintilla;
class QPalette;
class QString;

namespace Flow::Studio {

// Colours for the QScintilla editors (YAML view, inspector code fields) that follow the application
// palette, so the editors match a light or dark desktop instead of keeping Scintilla's white paper.
bool isDarkPalette(const QPalette &palette);

// Applies fonts, paper and token colours to `editor` and its lexer (which may be null for plain text).
void applyEditorTheme(QsciScintilla *editor, QsciLexer *lexer);

// A lexer for an editor hint of a code field ("shell"/"bash", "javascript", "json", "yaml"); null for
// anything else. The caller owns the result (give it a parent).
QsciLexer *createLexerForHint(const QString &hint);

} // namespace Flow::Studio
