// The yaml-cpp front end of parseTree(): reads every file the libyaml fast path declines, and words
// yaml-cpp's errors for people.
#include "yamlfrontends.h"

#include "treebuilder.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <QCoreApplication>

#include <algorithm>
#include <sstream>

namespace Flow::Yaml {

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

// Hands yaml-cpp's events to the TreeBuilder; a mark's `pos` is a byte offset into the text.
class YamlCppEvents final : public YAML::EventHandler
{
public:
    YamlCppEvents(TreeBuilder &builder, const SourceMap &source)
        : m_builder(builder)
        , m_size(source.text().size())
    {}

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        m_builder.null(offset(mark), anchor);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        m_builder.alias(offset(mark), anchor);
    }
    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &text) override
    {
        m_builder.scalar(offset(mark), tag, anchor, text);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        m_builder.sequenceStart(offset(mark), anchor);
    }
    void OnSequenceEnd() override { m_builder.end(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        m_builder.mapStart(offset(mark), anchor);
    }
    void OnMapEnd() override { m_builder.end(); }

private:
    qsizetype offset(const YAML::Mark &mark) const
    {
        return mark.pos < 0 ? m_size : std::min<qsizetype>(mark.pos, m_size);
    }

    TreeBuilder &m_builder;
    const qsizetype m_size;
};

// Runs the parser over one document. Returns false when there was none.
bool parseDocument(YAML::Parser &parser, TreeBuilder &builder, const SourceMap &source, Tree &tree)
{
    try {
        YamlCppEvents events(builder, source);
        return parser.HandleNextDocument(events);
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

Tree parseWithYamlCpp(const QByteArray &text, const SourceMap &source, const TreeLimits &limits)
{
    Tree tree;
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
