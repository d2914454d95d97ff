#pragma once

#include "value.h"

#include <QString>

#include <optional>

namespace Flow::Yaml {

// True when a `|` block keeps this multi-line string exactly (otherwise it is written double-quoted).
bool isLiteralSafe(QStringView text);
// `[a, b]` or `{a: 1, b: x}` on one line, when every item is a one-line scalar; nullopt otherwise.
std::optional<QString> flowText(const Value &value);

// Writes Values as block YAML with 2-space indentation. Lists and maps go on one line in flow style
// when all their items are one-line scalars and the line stays within `lineWidth` columns.
class Emitter
{
public:
    static constexpr int lineWidth = 80;

    // "key:" and a line break; the caller writes the entries below it.
    void key(int indent, const QString &key);
    // "key: value"; `forceBlock` keeps this level in block style even if it would fit on one line.
    void entry(int indent, const QString &key, const Value &value, bool forceBlock = false);
    void mapEntries(const Value::Map &map, int indent);

    QByteArray toUtf8() const { return m_out.toUtf8(); }

private:
    // Writes "key:" (or "? key" and ":" on the next line) and returns the column after the colon.
    int writeKey(int indent, const QString &key, bool indentFirstLine);
    void valueAfterKey(const Value &value, int indent, int column, bool forceBlock);
    void blockMap(const Value::Map &map, int indent, bool firstInline);
    void blockList(const Value::List &list, int indent, bool firstInline);
    void literal(const QString &text, int indent);
    void indentTo(int indent);

    QString m_out;
};

} // namespace Flow::Yaml
