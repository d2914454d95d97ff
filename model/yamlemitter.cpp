#include "yamlemitter.h"

#include "yamlscalar.h"

namespace Flow::Yaml {
namespace {

bool isMultiline(const Value &v)
{
    return v.isString() && v.toString().contains(u'\n');
}

QString keyText(const QString &key, bool inFlow)
{
    return isPlainSafe(key, inFlow) ? key : doubleQuoted(key);
}

// YAML allows `key: value` only for keys up to 1024 characters; longer ones need `? key`.
bool needsExplicitKey(const QString &text)
{
    return text.size() > 250 && text.toUtf8().size() > 1000;
}

QStringView withoutTrailingNewlines(QStringView text)
{
    while (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

} // namespace

bool isLiteralSafe(QStringView text)
{
    if (!text.contains(u'\n'))
        return false;
    const QStringView body = withoutTrailingNewlines(text);
    // Leading spaces would be taken for indentation; leading empty lines are kept but easy to misread.
    if (body.isEmpty() || body.front() == u' ' || body.front() == u'\t' || body.front() == u'\n')
        return false;
    for (QStringView line : body.split(u'\n')) {
        if (!line.isEmpty() && line.trimmed().isEmpty())
            return false; // a line of only blanks: readers disagree whether it is content
        for (QChar c : line) {
            const char16_t u = c.unicode();
            if ((u < 0x20 && u != u'\t') || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029
                || u == 0xfeff)
                return false;
        }
    }
    return true;
}

std::optional<QString> flowText(const Value &value)
{
    QStringList items;
    if (value.isList()) {
        for (const Value &item : value.list()) {
            if (!item.isScalar() || isMultiline(item))
                return std::nullopt;
            items.append(scalarText(item, true));
        }
        return u'[' + items.join(u", ") + u']';
    }
    if (value.isMap()) {
        for (const Value::Entry &entry : value.map()) {
            if (!entry.second.isScalar() || isMultiline(entry.second) || needsExplicitKey(entry.first))
                return std::nullopt;
            items.append(keyText(entry.first, true) + u": " + scalarText(entry.second, true));
        }
        return u'{' + items.join(u", ") + u'}';
    }
    return std::nullopt;
}

void Emitter::indentTo(int indent)
{
    m_out += QString(indent, u' ');
}

int Emitter::writeKey(int indent, const QString &key, bool indentFirstLine)
{
    if (indentFirstLine)
        indentTo(indent);
    const QString text = keyText(key, false);
    if (needsExplicitKey(text)) {
        m_out += u"? " + text + u'\n';
        indentTo(indent);
        m_out += u':';
        return indent + 1;
    }
    m_out += text + u':';
    return indent + int(text.size()) + 1;
}

void Emitter::key(int indent, const QString &key)
{
    writeKey(indent, key, true);
    m_out += u'\n';
}

void Emitter::entry(int indent, const QString &key, const Value &value, bool forceBlock)
{
    const int column = writeKey(indent, key, true);
    valueAfterKey(value, indent, column, forceBlock);
}

void Emitter::mapEntries(const Value::Map &map, int indent)
{
    blockMap(map, indent, false);
}

void Emitter::valueAfterKey(const Value &value, int indent, int column, bool forceBlock)
{
    if (isMultiline(value) && isLiteralSafe(value.toString())) {
        literal(value.toString(), indent + 2);
        return;
    }
    if (value.isScalar() || value.size() == 0) {
        m_out += u' ' + scalarText(value, false) + u'\n';
        return;
    }
    if (!forceBlock) {
        if (const auto flow = flowText(value); flow && column + 1 + flow->size() <= lineWidth) {
            m_out += u' ' + *flow + u'\n';
            return;
        }
    }
    m_out += u'\n';
    if (value.isMap())
        blockMap(value.map(), indent + 2, false);
    else
        blockList(value.list(), indent + 2, false);
}

void Emitter::blockMap(const Value::Map &map, int indent, bool firstInline)
{
    bool first = true;
    for (const Value::Entry &entry : map) {
        const int column = writeKey(indent, entry.first, !(first && firstInline));
        first = false;
        valueAfterKey(entry.second, indent, column, false);
    }
}

void Emitter::blockList(const Value::List &list, int indent, bool firstInline)
{
    bool first = true;
    for (const Value &item : list) {
        if (!(first && firstInline))
            indentTo(indent);
        first = false;
        m_out += u'-';
        if (isMultiline(item) && isLiteralSafe(item.toString())) {
            literal(item.toString(), indent + 2);
        } else if (item.isScalar() || item.size() == 0) {
            m_out += u' ' + scalarText(item, false) + u'\n';
        } else if (const auto flow = flowText(item); flow && indent + 2 + flow->size() <= lineWidth) {
            m_out += u' ' + *flow + u'\n';
        } else if (item.isMap()) {
            m_out += u' ';
            blockMap(item.map(), indent + 2, true);
        } else {
            m_out += u' ';
            blockList(item.list(), indent + 2, true);
        }
    }
}

void Emitter::literal(const QString &text, int indent)
{
    const QStringView body = withoutTrailingNewlines(text);
    const qsizetype trailing = text.size() - body.size();
    m_out += trailing == 0 ? u" |-\n" : trailing == 1 ? u" |\n" : u" |+\n";
    for (QStringView line : body.split(u'\n')) {
        if (!line.isEmpty()) {
            indentTo(indent);
            m_out += line;
        }
        m_out += u'\n';
    }
    for (qsizetype i = 1; i < trailing; ++i)
        m_out += u'\n';
}

} // namespace Flow::Yaml
