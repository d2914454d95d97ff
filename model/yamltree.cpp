#include "yamltree.h"

#include "yamlscalar.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <QCoreApplication>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>
#include <sstream>
#include <unordered_map>

namespace Flow::Yaml {

QString fromUtf8(const char *data, qsizetype size)
{
    // QString::fromUtf8() drops a byte order mark at the start, but inside a value it is content.
    if (size >= 3 && QByteArrayView(data, 3) == "\xEF\xBB\xBF") {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
        return decoder(QByteArrayView(data, size));
    }
    return QString::fromUtf8(data, size);
}

SourceMap::SourceMap(const QByteArray &text)
    : m_text(text)
{
    m_lineStarts.append(0);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '\n')
            m_lineStarts.append(i + 1);
    }
}

SourcePos SourceMap::position(qsizetype byteOffset) const
{
    const qsizetype offset = std::clamp<qsizetype>(byteOffset, 0, m_text.size());
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const int line0 = int(it - m_lineStarts.begin()) - 1;
    const qsizetype start = m_lineStarts.at(line0);
    const int column = int(fromUtf8(m_text.constData() + start, offset - start).size()) + 1;
    return {line0 + 1, column};
}

qsizetype SourceMap::offset(int line0, int byteColumn0) const
{
    if (line0 < 0)
        return m_text.size();
    if (line0 >= m_lineStarts.size())
        return m_text.size();
    return std::min(m_lineStarts.at(line0) + std::max(byteColumn0, 0), m_text.size());
}

SourcePos SourceMap::position(int line0, int byteColumn0) const
{
    return position(offset(line0, byteColumn0));
}

QByteArray SourceMap::lineText(int line1) const
{
    if (line1 < 1 || line1 > m_lineStarts.size())
        return {};
    const qsizetype start = m_lineStarts.at(line1 - 1);
    const qsizetype end = line1 < m_lineStarts.size() ? m_lineStarts.at(line1) - 1 : m_text.size();
    return m_text.mid(start, end - start);
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::Yaml", text);
}

// Thrown from the event handler to stop the parser: a problem that makes the rest unreadable.
struct Abort
{
    qsizetype offset = 0;
    QString message;
};

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

class TreeBuilder final : public YAML::EventHandler
{
public:
    TreeBuilder(const SourceMap &source, const TreeLimits &limits, Diagnostics &diagnostics)
        : m_source(source)
        , m_limits(limits)
        , m_diagnostics(diagnostics)
    {}

    std::optional<Value> takeRoot() { return std::move(m_root); }

    // Where the innermost `{` (or `[`) still open starts, to place "never closed" errors there
    // rather than at the end of the file.
    std::optional<qsizetype> openFlow(char bracket) const
    {
        for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
            if (it->offset < m_source.text().size() && m_source.text().at(it->offset) == bracket)
                return it->offset;
        }
        return std::nullopt;
    }

    // After an error: fold the open lists and maps into their parents so the part read so far survives.
    void closeAll()
    {
        m_closing = true; // what is still open is cut short, not wrong: no more diagnostics
        while (!m_stack.empty())
            pop();
    }

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const qsizetype offset = contentStart(mark);
        count(1, offset);
        Value v;
        // An empty value's mark is the next token, often on a later line: place it at its key instead.
        const QString raw = nullText(offset);
        if (!raw.isEmpty())
            v.pos = m_source.position(offset);
        add(std::move(v), raw, false, anchor);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const qsizetype offset = markOffset(mark);
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

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &text) override
    {
        const qsizetype offset = contentStart(mark);
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

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        push(mark, Value::makeList(), anchor);
    }
    void OnSequenceEnd() override { pop(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        push(mark, Value::makeMap(), anchor);
    }
    void OnMapEnd() override { pop(); }

private:
    struct Anchored
    {
        Value value;
        qint64 size = 0;
        int depth = 0;
    };

    struct Frame
    {
        Value value; // a list or a map
        YAML::anchor_t anchor = 0;
        qsizetype offset = 0; // of the first character, '{' or '[' for flow style
        // Map state: keys and values arrive as alternating events.
        bool expectKey = true;
        bool dropValue = false;  // the key was a duplicate or not text
        bool mergeValue = false; // the key was `<<`
        QString key;
        SourcePos keyPos;
        QHash<QString, int> firstLine; // key -> line where it was first defined
        std::vector<Value> merges;
    };

    static bool isCoreTag(const std::string &tag)
    {
        return tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float"
               || tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null";
    }

    qsizetype markOffset(const YAML::Mark &mark) const
    {
        if (mark.pos < 0)
            return m_source.text().size();
        return std::min<qsizetype>(mark.pos, m_source.text().size());
    }

    // Skips `&anchor` and `!tag` properties in front of a value.
    qsizetype contentStart(const YAML::Mark &mark) const
    {
        const QByteArray &text = m_source.text();
        qsizetype i = markOffset(mark);
        while (i < text.size() && (text.at(i) == '&' || text.at(i) == '!')) {
            while (i < text.size() && !isSpace(text.at(i)))
                ++i;
            while (i < text.size() && isSpace(text.at(i)))
                ++i;
        }
        return i;
    }

    QString nullText(qsizetype offset) const
    {
        const QByteArray &text = m_source.text();
        if (offset < text.size() && text.at(offset) == '~')
            return QStringLiteral("~");
        const QByteArray word = text.mid(offset, 4);
        if (word == "null" || word == "Null" || word == "NULL")
            return QString::fromLatin1(word);
        return {};
    }

    // yaml-cpp reads an unclosed quoted string up to the end of the file without complaint.
    void checkClosed(qsizetype offset, char quote) const
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

    // Where the content of a `|` or `>` block starts: the next line, at its indentation.
    SourcePos blockContentPosition(qsizetype header) const
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

    void count(qint64 n, qsizetype offset)
    {
        m_values += n;
        if (m_values > m_limits.maxValues) {
            throw Abort{offset, tr("the file has more than %1 values (counting what aliases repeat)")
                                    .arg(m_limits.maxValues)};
        }
    }

    void push(const YAML::Mark &mark, Value value, YAML::anchor_t anchor)
    {
        const qsizetype offset = contentStart(mark);
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

    void pop()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        if (frame.value.isMap())
            applyMerges(frame);
        add(std::move(frame.value), {}, false, frame.anchor);
    }

    // `<<: *base` copies the keys of `base` that the map does not set itself.
    static void applyMerges(Frame &frame)
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

    bool buildingNodes() const
    {
        return m_stack.size() == 2 && m_stack.front().value.isMap() && !m_stack.front().expectKey
               && m_stack.front().key == u"nodes";
    }

    void addKey(Frame &frame, const Value &key, const QString &keyText, bool isMergeKey)
    {
        frame.expectKey = false;
        frame.dropValue = false;
        frame.mergeValue = false;
        frame.keyPos = key.pos;
        if (!key.isScalar()) {
            error(key.pos,
                  tr("a key must be plain text, not a %1").arg(key.isList() ? tr("list") : tr("map")));
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
            error(key.pos, what.arg(keyText).arg(seen.value()));
            frame.dropValue = true;
            return;
        }
        frame.firstLine.insert(keyText, key.pos.line);
    }

    void addMerge(Frame &frame, Value value)
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

    void add(Value value, const QString &keyText, bool isMergeKey, YAML::anchor_t anchor)
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

    void error(const SourcePos &pos, const QString &message)
    {
        if (m_closing)
            return;
        Diagnostic d;
        d.pos = pos;
        d.message = message;
        m_diagnostics.append(d);
    }

    const SourceMap &m_source;
    const TreeLimits m_limits;
    Diagnostics &m_diagnostics;
    std::vector<Frame> m_stack;
    std::optional<Value> m_root;
    std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
    qint64 m_values = 0;
    bool m_closing = false;
};

QString syntaxMessage(const std::string &what)
{
    static const std::pair<const char *, const char *> friendly[] = {
        {YAML::ErrorMsg::MAP_VALUE,
         QT_TRANSLATE_NOOP("Flow::Yaml", "syntax error: unexpected ':' (check the "
                                         "indentation, or quote text that contains ': ')")},
        {YAML::ErrorMsg::END_OF_MAP,
         QT_TRANSLATE_NOOP("Flow::Yaml", "syntax error: bad indentation (this line does "
                                         "not line up with the keys above it)")},
        {YAML::ErrorMsg::END_OF_SEQ,
         QT_TRANSLATE_NOOP("Flow::Yaml", "syntax error: bad indentation (this line does "
                                         "not line up with the list above it)")},
        {YAML::ErrorMsg::END_OF_MAP_FLOW,
         QT_TRANSLATE_NOOP("Flow::Yaml", "syntax error: '{' is never closed by '}' (quote text that contains "
                                         "'{', '}', ',' or ': ')")},
        {YAML::ErrorMsg::END_OF_SEQ_FLOW,
         QT_TRANSLATE_NOOP("Flow::Yaml", "syntax error: '[' is never closed by ']' (quote text that contains "
                                         "'[', ']' or ',')")},
        {YAML::ErrorMsg::UNKNOWN_ANCHOR,
         QT_TRANSLATE_NOOP("Flow::Yaml", "syntax error: this alias names an "
                                         "anchor ('&name') that is not defined")},
    };
    for (const auto &[raw, text] : friendly) {
        if (what == raw)
            return tr(text);
    }
    QString message = QString::fromStdString(what).trimmed();
    if (message.endsWith(u'.'))
        message.chop(1);
    if (!message.isEmpty())
        message[0] = message.at(0).toLower();
    return tr("syntax error: %1").arg(message);
}

// A tab in the indentation of the line with the error (or the one before) is the usual cause.
std::optional<SourcePos> tabIndentation(const SourceMap &source, int line1)
{
    for (int line = line1; line >= std::max(1, line1 - 1); --line) {
        const QByteArray text = source.lineText(line);
        for (qsizetype i = 0; i < text.size() && (text.at(i) == ' ' || text.at(i) == '\t'); ++i) {
            if (text.at(i) == '\t')
                return SourcePos{line, int(i) + 1};
        }
    }
    return std::nullopt;
}

void addError(Tree &tree, SourcePos pos, const QString &message)
{
    Diagnostic d;
    d.pos = pos;
    d.message = message;
    tree.diagnostics.append(d);
    tree.syntaxError = true;
}

void addSyntaxError(Tree &tree, const SourceMap &source, const TreeBuilder &builder, const YAML::Mark &mark,
                    const std::string &what)
{
    SourcePos pos = mark.is_null() ? source.position(source.text().size())
                                   : source.position(source.offset(mark.line, mark.column));
    const char bracket = what == YAML::ErrorMsg::END_OF_MAP_FLOW   ? '{'
                         : what == YAML::ErrorMsg::END_OF_SEQ_FLOW ? '['
                                                                   : '\0';
    if (const auto open = bracket ? builder.openFlow(bracket) : std::nullopt)
        pos = source.position(*open);
    if (const auto tab = tabIndentation(source, pos.line)) {
        addError(tree, *tab, tr("syntax error: a tab is used for indentation (YAML needs spaces)"));
        return;
    }
    addError(tree, pos, syntaxMessage(what));
}

// Runs the parser over one document. Returns false when there was none.
bool parseDocument(YAML::Parser &parser, TreeBuilder &builder, const SourceMap &source, Tree &tree)
{
    try {
        return parser.HandleNextDocument(builder);
    } catch (const Abort &abort) {
        addError(tree, source.position(abort.offset), abort.message);
    } catch (const YAML::ParserException &e) {
        addSyntaxError(tree, source, builder, e.mark, e.msg);
    } catch (const YAML::Exception &e) {
        addSyntaxError(tree, source, builder, e.mark, e.msg);
    } catch (const std::exception &e) {
        addError(tree, {1, 1},
                 tr("the file could not be read as YAML: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    try {
        builder.closeAll();
    } catch (...) {
    }
    return true;
}

} // namespace

Tree parseTree(const QByteArray &input, const TreeLimits &limits)
{
    Tree tree;
    // yaml-cpp skips a byte order mark without counting it; dropping it here keeps offsets aligned.
    const QByteArray text = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    const SourceMap source(text);
    std::istringstream stream(std::string(text.constData(), size_t(text.size())));
    try {
        YAML::Parser parser(stream);
        TreeBuilder builder(source, limits, tree.diagnostics);
        parseDocument(parser, builder, source, tree);
        tree.root = builder.takeRoot();
        if (tree.syntaxError)
            return tree;
        Diagnostics ignored;
        TreeBuilder second(source, limits, ignored);
        Tree secondTree;
        if (parseDocument(parser, second, source, secondTree)) {
            const std::optional<Value> extra = second.takeRoot();
            const bool hasContent = (extra && !extra->isNull()) || secondTree.syntaxError;
            const SourcePos where = extra && extra->pos.isValid()      ? extra->pos
                                    : secondTree.diagnostics.isEmpty() ? SourcePos{1, 1}
                                                                       : secondTree.diagnostics.first().pos;
            if (hasContent)
                addError(tree, where,
                         tr("a file holds one workflow, but a second YAML document starts here"));
        }
    } catch (...) {
        addError(tree, {1, 1}, tr("the file could not be read as YAML"));
    }
    return tree;
}

} // namespace Flow::Yaml
