#include "yamltree.h"

#include "yamlfrontends.h"

#include <QStringDecoder>

#include <algorithm>

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

// yaml-cpp skips a byte order mark without counting it; dropping it here keeps offsets aligned.
QByteArray withoutBom(const QByteArray &input)
{
    return input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
}

QString describePos(const SourcePos &pos)
{
    return QStringLiteral("%1:%2").arg(pos.line).arg(pos.column);
}

void describeValue(const Value &v, const QString &path, QStringList &out)
{
    QString text;
    switch (v.type()) {
    case Value::Type::Double:
        // 17 significant digits: two doubles print alike only when they are the same double.
        text = QString::number(v.toDouble(), 'g', 17);
        break;
    case Value::Type::List:
    case Value::Type::Map:
        break;
    default:
        text = v.toString().toUtf8().toPercentEncoding(" ");
    }
    // All in one arg() call: a value whose text holds "%1" must not be substituted into again.
    out.append(
        QStringLiteral("%1 type=%2 pos=%3 keyPos=%4 %5")
            .arg(path, QString::number(int(v.type())), describePos(v.pos), describePos(v.keyPos), text));
    for (size_t i = 0; i < v.list().size(); ++i)
        describeValue(v.list()[i], path + u'[' + QString::number(i) + u']', out);
    for (const Value::Entry &e : v.map())
        describeValue(e.second, path + u'/' + QString::fromLatin1(e.first.toUtf8().toPercentEncoding()), out);
}

} // namespace

QStringList Internal::describeTree(const Tree &tree)
{
    QStringList out;
    out.append(QStringLiteral("syntaxError=%1 root=%2").arg(tree.syntaxError).arg(tree.root.has_value()));
    for (const Diagnostic &d : tree.diagnostics)
        out.append(QStringLiteral("diagnostic %1 %2 %3 [%4]")
                       .arg(QString::number(int(d.severity)), describePos(d.pos), d.message, d.nodeId));
    if (tree.root)
        describeValue(*tree.root, QStringLiteral("root"), out);
    return out;
}

Tree parseTree(const QByteArray &input, const TreeLimits &limits)
{
    return *Internal::parseTreeWith(input, limits, Internal::FrontEnd::Auto);
}

std::optional<Tree> Internal::parseTreeWith(const QByteArray &input, const TreeLimits &limits,
                                            FrontEnd frontEnd)
{
    const QByteArray text = withoutBom(input);
    const SourceMap source(text);
    if (frontEnd != FrontEnd::YamlCpp) {
        std::optional<Tree> fast = parseWithLibYaml(text, source, limits);
        if (fast || frontEnd == FrontEnd::LibYaml)
            return fast;
    }
    return parseWithYamlCpp(text, source, limits);
}

} // namespace Flow::Yaml
