#pragma once

#include "diagnostic.h"
#include "value.h"

#include <QByteArray>

#include <optional>

namespace Flow::Yaml {

// Bounds that keep hostile input (deep nesting, alias bombs) from exhausting the stack or memory.
struct TreeLimits
{
    int maxDepth = 200;        // nested lists/maps
    qint64 maxValues = 250000; // values, counting every copy an alias makes (5,000 nodes need ~60,000)
};

struct Tree
{
    std::optional<Value> root; // absent for an empty document, or when the text broke before any value
    Diagnostics diagnostics;   // syntax errors, duplicate keys, limits, in the order found
    bool syntaxError = false;  // the text is not (complete) YAML; `root` holds what came before the error
};

// Parses YAML text into a Value tree. Every value and key gets its 1-based SourcePos (columns in
// characters). Strings point at their first character of content: inside the quote for quoted
// scalars, the first content line for block scalars, so that an offset into the string maps to a
// place in the file. Duplicate keys are errors (the first one is kept). Plain scalars are typed per
// YAML 1.2 core (see resolvePlain), quoted and block scalars are strings. `<<` merge keys work.
// Never throws.
Tree parseTree(const QByteArray &text, const TreeLimits &limits = {});

// QString::fromUtf8() that keeps a leading byte order mark (it is part of the text here).
QString fromUtf8(const char *data, qsizetype size);

// Maps a 0-based byte offset into `text` to a 1-based line/column (column in UTF-16 characters).
class SourceMap
{
public:
    explicit SourceMap(const QByteArray &text);
    SourcePos position(qsizetype byteOffset) const;
    SourcePos position(int line0, int byteColumn0) const;
    qsizetype offset(int line0, int byteColumn0) const;
    const QByteArray &text() const { return m_text; }
    QByteArray lineText(int line1) const;

private:
    QByteArray m_text;
    QList<qsizetype> m_lineStarts;
};

} // namespace Flow::Yaml
