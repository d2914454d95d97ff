#include "treebuilder.h"

#include "yamlscalar.h"

#include <QCoreApplication>

#include <algorithm>

namespace Flow::Yaml {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::Yaml", text);
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

qint64 countValues(const Value &v)
{
    qint64 n = 1;
    for (const Value &item : v.list())
        n += countValues(item);
    for (const Value::Entry &e : v.map())
        n += countValues(e.second);
    return n;
}

int depthOf(const Value &v)
{
    int d = 0;
    for (const Value &item : v.list())
        d = std::max(d, depthOf(item));
    for (const Value::Entry &e : v.map())
        d = std::max(d, depthOf(e.second));
    return v.isList() || v.isMap() ? d + 1 : 0;
}

} // namespace

TreeBuilder::TreeBuilder(const SourceMap &source, const TreeLimits &limits, Diagnostics &diagnostics)
    : m_source(source)
    , m_limits(limits)
    , m_diagnostics(diagnostics)
{}

std::optional<qsizetype> TreeBuilder::openFlow(char bracket) const
{
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
        if (it->offset < m_source.text().size() && m_source.text().at(it->offset) == bracket)
            return it->offset;
    }
    return std::nullopt;
}

void TreeBuilder::closeAll()
{
    m_closing = true; // what is still open is cut short, not wrong: no more diagnostics
    while (!m_stack.empty())
        pop();
}

void TreeBuilder::null(qsizetype offset, AnchorId anchor)
{
    const qsizetype start = contentStart(offset);
    count(1, start);
    Value v;
    // An empty value's offset is the next token, often on a later line: place it at its key instead.
    const QString raw = nullText(start);
    if (!raw.isEmpty())
        v.pos = m_source.position(start);
    add(std::move(v), raw, false, anchor);
}

void TreeBuilder::emptyNull(qsizetype offset, AnchorId anchor)
{
    count(1, offset);
    add(Value(), QString(), false, anchor);
}

void TreeBuilder::alias(qsizetype offset, AnchorId anchor)
{
    offset = std::clamp<qsizetype>(offset, 0, m_source.text().size());
    const auto it = m_anchors.find(anchor);
    if (it == m_anchors.end())
        throw Abort{offset, tr("an alias cannot refer to the list or map it is part of")};
    if (int(m_stack.size()) + it->second.depth > m_limits.maxDepth)
        throw Abort{offset, tr("aliases nest deeper than %1 levels").arg(m_limits.maxDepth)};
    count(it->second.size, offset);
    Value copy = it->second.value;
    copy.pos = m_source.position(offset);
    const QString keyText = copy.isScalar() ? copy.toString() : QString();
    add(std::move(copy), keyText, false, 0);
}

void TreeBuilder::scalar(qsizetype offset, std::string_view tag, AnchorId anchor, std::string_view text)
{
    offset = contentStart(offset);
    count(1, offset);
    const QString string = fromUtf8(text.data(), qsizetype(text.size()));
    SourcePos pos = m_source.position(offset);
    const char first = offset < m_source.text().size() ? m_source.text().at(offset) : '\0';
    if (first == '"' || first == '\'') {
        checkClosed(offset, first);
        pos = m_source.position(offset + 1);
    } else if ((first == '|' || first == '>') && !string.isEmpty()) {
        pos = blockContentPosition(offset);
    }
    // "?" is a plain scalar; "!" a quoted or block one; anything else an explicit tag.
    Value v = (tag == "?" || isCoreTag(tag)) ? resolvePlain(string) : Value(string);
    v.pos = pos;
    add(std::move(v), string, tag == "?" && string == u"<<", anchor);
}

bool TreeBuilder::isCoreTag(std::string_view tag)
{
    return tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float"
           || tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null";
}

qsizetype TreeBuilder::contentStart(qsizetype offset) const
{
    const QByteArray &text = m_source.text();
    qsizetype i = std::clamp<qsizetype>(offset, 0, text.size());
    while (i < text.size() && (text.at(i) == '&' || text.at(i) == '!')) {
        while (i < text.size() && !isSpace(text.at(i)))
            ++i;
        while (i < text.size() && isSpace(text.at(i)))
            ++i;
    }
    return i;
}

QString TreeBuilder::nullText(qsizetype offset) const
{
    const QByteArray &text = m_source.text();
    if (offset < text.size() && text.at(offset) == '~')
        return QStringLiteral("~");
    const QByteArray word = text.mid(offset, 4);
    if (word == "null" || word == "Null" || word == "NULL")
        return QString::fromLatin1(word);
    return {};
}

void TreeBuilder::checkClosed(qsizetype offset, char quote) const
{
    const QByteArray &text = m_source.text();
    for (qsizetype i = offset + 1; i < text.size(); ++i) {
        const char c = text.at(i);
        if (quote == '"' && c == '\\') {
            ++i;
        } else if (c == quote) {
            if (quote == '\'' && i + 1 < text.size() && text.at(i + 1) == '\'')
                ++i;
            else
                return;
        }
    }
    throw Abort{offset, tr("syntax error: this quoted text is never closed (a %1 is missing)")
                            .arg(quote == '"' ? QStringLiteral("'\"'") : QStringLiteral("\"'\""))};
}

SourcePos TreeBuilder::blockContentPosition(qsizetype header) const
{
    const QByteArray &text = m_source.text();
    const qsizetype newline = text.indexOf('\n', header);
    if (newline < 0)
        return m_source.position(header);
    qsizetype lineStart = newline + 1;
    int indent = 0;
    for (qsizetype i = lineStart; i < text.size(); ++i) {
        if (text.at(i) == ' ')
            continue;
        if (text.at(i) == '\n' || text.at(i) == '\r') {
            if (text.at(i) == '\n')
                lineStart = i + 1;
            continue;
        }
        indent = int(i - lineStart);
        break;
    }
    const SourcePos first = m_source.position(newline + 1);
    return {first.line, indent + 1};
}

void TreeBuilder::count(qint64 n, qsizetype offset)
{
    m_values += n;
    if (m_values > m_limits.maxValues) {
        throw Abort{
            offset,
            tr("the file has more than %1 values (counting what aliases repeat)").arg(m_limits.maxValues)};
    }
}

void TreeBuilder::push(qsizetype offset, Value value, AnchorId anchor)
{
    offset = contentStart(offset);
    count(1, offset);
    if (int(m_stack.size()) >= m_limits.maxDepth)
        throw Abort{offset, tr("lists and maps nest deeper than %1 levels").arg(m_limits.maxDepth)};
    value.pos = m_source.position(offset);
    Frame frame;
    frame.value = std::move(value);
    frame.anchor = anchor;
    frame.offset = offset;
    m_stack.push_back(std::move(frame));
}

void TreeBuilder::pop()
{
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (frame.value.isMap())
        applyMerges(frame);
    add(std::move(frame.value), {}, false, frame.anchor);
}

void TreeBuilder::applyMerges(Frame &frame)
{
    for (const Value &merged : frame.merges) {
        for (const Value::Entry &entry : merged.map()) {
            if (frame.firstLine.contains(entry.first))
                continue;
            frame.firstLine.insert(entry.first, entry.second.keyPos.line);
            frame.value.map().push_back(entry);
        }
    }
}

bool TreeBuilder::buildingNodes() const
{
    return m_stack.size() == 2 && m_stack.front().value.isMap() && !m_stack.front().expectKey
           && m_stack.front().key == u"nodes";
}

void TreeBuilder::addKey(Frame &frame, const Value &key, const QString &keyText, bool isMergeKey)
{
    frame.expectKey = false;
    frame.dropValue = false;
    frame.mergeValue = false;
    frame.keyPos = key.pos;
    if (!key.isScalar()) {
        error(key.pos, tr("a key must be plain text, not a %1").arg(key.isList() ? tr("list") : tr("map")));
        frame.dropValue = true;
        return;
    }
    if (isMergeKey) {
        frame.mergeValue = true;
        return;
    }
    frame.key = keyText;
    const auto seen = frame.firstLine.constFind(keyText);
    if (seen != frame.firstLine.constEnd()) {
        const QString what = buildingNodes() ? tr("duplicate node id '%1' (first defined on line %2)")
                                             : tr("duplicate key '%1' (first defined on line %2)");
        error(key.pos, what.arg(keyText).arg(seen.value()), buildingNodes() ? keyText : QString());
        frame.dropValue = true;
        return;
    }
    frame.firstLine.insert(keyText, key.pos.line);
}

void TreeBuilder::addMerge(Frame &frame, Value value)
{
    if (value.isMap()) {
        frame.merges.push_back(std::move(value));
        return;
    }
    bool allMaps = value.isList();
    for (const Value &item : value.list())
        allMaps = allMaps && item.isMap();
    if (!allMaps) {
        error(value.pos.isValid() ? value.pos : frame.keyPos,
              tr("'<<' merges a map or a list of maps into this map, not %1")
                  .arg(value.isList() ? tr("a list of other values") : tr("a single value")));
        return;
    }
    // Earlier maps in the list win, like keys set in the map itself win over merged ones.
    for (Value &item : value.list())
        frame.merges.push_back(std::move(item));
}

void TreeBuilder::add(Value value, const QString &keyText, bool isMergeKey, AnchorId anchor)
{
    if (anchor != 0)
        m_anchors[anchor] = Anchored{value, countValues(value), depthOf(value)};
    if (m_stack.empty()) {
        if (!m_root)
            m_root = std::move(value);
        return;
    }
    Frame &frame = m_stack.back();
    if (frame.value.isList()) {
        if (!value.pos.isValid())
            value.pos = frame.value.pos;
        frame.value.list().push_back(std::move(value));
        return;
    }
    if (frame.expectKey) {
        if (!value.pos.isValid())
            value.pos = frame.value.pos;
        addKey(frame, value, keyText, isMergeKey);
        return;
    }
    frame.expectKey = true;
    if (!value.pos.isValid())
        value.pos = frame.keyPos;
    if (frame.dropValue)
        return;
    if (frame.mergeValue) {
        addMerge(frame, std::move(value));
        return;
    }
    value.keyPos = frame.keyPos;
    frame.value.map().emplace_back(frame.key, std::move(value));
}

void TreeBuilder::error(const SourcePos &pos, const QString &message, const QString &nodeId)
{
    if (m_closing)
        return;
    Diagnostic d;
    d.pos = pos;
    d.message = message;
    d.nodeId = nodeId;
    m_diagnostics.append(d);
}

} // namespace Flow::Yaml
