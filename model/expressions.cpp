// scanExpressions() and isValidNodeId(): the syntax the model checks without evaluating anything.
#include "validator.h"

#include "expressionrefs.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Flow {

ExpressionScan scanExpressions(QStringView text)
{
    ExpressionScan scan;
    qsizetype from = 0;
    while (true) {
        const qsizetype start = text.indexOf(u"${{", from);
        if (start < 0)
            break;
        const qsizetype close = text.indexOf(u"}}", start + 3);
        const qsizetype nextOpen = text.indexOf(u"${{", start + 3);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            scan.error = QCoreApplication::translate("Flow::Validator", "unclosed '${{' (it needs a '}}')");
            scan.errorOffset = start;
            return scan;
        }
        ExpressionSpan span;
        span.start = start;
        span.length = close + 2 - start;
        span.code = text.mid(start + 3, close - start - 3).trimmed().toString();
        if (span.code.isEmpty()) {
            scan.error = QCoreApplication::translate("Flow::Validator", "empty expression '${{ }}'");
            scan.errorOffset = start;
            return scan;
        }
        scan.spans.append(span);
        from = close + 2;
    }
    if (scan.spans.size() == 1) {
        const QStringView trimmed = text.trimmed();
        const qsizetype lead = trimmed.isEmpty() ? 0 : trimmed.data() - text.data();
        scan.wholeString = scan.spans.first().start == lead && scan.spans.first().length == trimmed.size();
    }
    return scan;
}

QList<NodeReference> nodeReferences(QStringView text, const ExpressionScan &scan)
{
    // The same pattern as the executor's referencedNodes(), applied to the expressions only.
    static const QRegularExpression pattern(
        QStringLiteral(R"(\bnodes\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*["']([^"']+)["']\s*\]))"));
    QList<NodeReference> references;
    for (const ExpressionSpan &span : scan.spans) {
        if (!span.code.contains(u"nodes"))
            continue;
        for (auto it = pattern.globalMatch(text.mid(span.start, span.length)); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            references.append({m.captured(1).isEmpty() ? m.captured(2) : m.captured(1), span.start});
        }
    }
    return references;
}

bool isValidNodeId(QStringView id)
{
    if (id.isEmpty())
        return false;
    const auto isLetter = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
    };
    if (!isLetter(id.front()) && id.front() != u'_')
        return false;
    for (QChar c : id) {
        if (!isLetter(c) && !(c >= u'0' && c <= u'9') && c != u'_' && c != u'-')
            return false;
    }
    return true;
}

} // namespace Flow
