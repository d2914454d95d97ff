#include "jsonnodes.h"

#include "jsonpath.h"
#include "jsonwriter.h"
#include "nodeconfig.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cctype>

namespace Flow {
namespace {

constexpr int kMaxIndent = 16;

bool isWordByte(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// Qt reports a bad literal (`tru`, `nul`, `1.2.3`) where it stopped reading, often past the word and
// the whitespace after it; a person looks for the start of the word.
qsizetype startOfBadWord(const QByteArray &utf8, qsizetype offset)
{
    qsizetype end = offset;
    while (end > 0 && std::isspace(static_cast<unsigned char>(utf8.at(end - 1))))
        --end;
    if (end == 0 || !isWordByte(utf8.at(end - 1)))
        return offset;
    while (end > 0 && isWordByte(utf8.at(end - 1)))
        --end;
    return end;
}

[[noreturn]] void throwParseError(const QByteArray &utf8, const QJsonParseError &error, qsizetype shift = 0)
{
    qsizetype offset = std::clamp<qsizetype>(error.offset - shift, 0, utf8.size());
    if (error.error == QJsonParseError::IllegalValue || error.error == QJsonParseError::IllegalNumber)
        offset = startOfBadWord(utf8, offset);
    const QString problem = error.errorString();
    const QByteArrayView before = QByteArrayView(utf8).first(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.sliced(lineStart)).size() + 1;
    throw NodeError(QStringLiteral("invalid JSON at line %1, column %2 (offset %3): %4")
                        .arg(line)
                        .arg(column)
                        .arg(offset)
                        .arg(problem));
}

} // namespace

QVariant parseJsonText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const QByteArray trimmed = utf8.trimmed();
    if (trimmed.isEmpty())
        throw NodeError(QStringLiteral("invalid JSON: the text is empty"));

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return document.toVariant();
    if (trimmed.front() == '{' || trimmed.front() == '[')
        throwParseError(utf8, error);

    // QJsonDocument reads only objects and arrays at the top level; a lone scalar ("3", "\"x\"",
    // null) is valid JSON too, so read it as the only item of an array.
    QJsonParseError wrappedError;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + utf8 + ']', &wrappedError);
    if (wrappedError.error != QJsonParseError::NoError)
        throwParseError(utf8, wrappedError, 1);
    if (wrapped.array().size() != 1)
        throw NodeError(QStringLiteral("invalid JSON: more than one value (expected one value)"));
    return wrapped.array().first().toVariant();
}

void JsonParseNode::run(NodeContext &context)
{
    const QVariant text = context.input(QStringLiteral("text"));
    if (text.typeId() != QMetaType::QString)
        throw NodeError(QStringLiteral("input 'text' must be JSON text, not a %1").arg(jsonTypeName(text)));
    context.setOutput(QStringLiteral("value"), parseJsonText(text.toString()));
}

void JsonStringifyNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const qint64 indent = config.integer(QStringLiteral("indent"));
    if (indent < 0 || indent > kMaxIndent)
        config.fail(QStringLiteral("indent"), QStringLiteral("must be between 0 and %1").arg(kMaxIndent));
    context.setOutput(QStringLiteral("text"), writeJson(context.input(QStringLiteral("value")), int(indent)));
}

void JsonSelectNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const JsonPath path = JsonPath::parse(config.requiredString(QStringLiteral("path")));
    context.setOutput(QStringLiteral("value"), path.select(context.input(QStringLiteral("value"))));
}

} // namespace Flow
