#include "yamltree.h"

#include "treebuilder.h"

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <QCoreApplication>
#include <QStringDecoder>

#include <algorithm>
#include <sstream>

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
