#include "expressions.h"

#include "jssandbox.h"
#include "model/validator.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

namespace Flow {
namespace {

constexpr QStringView Open = u"${{";

// One step of a simple path: a name (`.outputs`) or a list index (`[0]`).
struct Step
{
    QString name;
    qsizetype index = -1;
};

bool isNameChar(QChar c, bool allowDash)
{
    return c.isLetterOrNumber() || c == u'_' || (allowDash && c == u'-');
}

// Splits `nodes.fetch.outputs.body.items[0].name` into steps. False when the text is anything else
// (operators, calls, literals), which then goes to JavaScript. A dash is allowed only in the node id
// after `nodes.`: elsewhere `a-1` is arithmetic.
bool parsePath(QStringView code, QList<Step> &steps)
{
    qsizetype i = 0;
    const qsizetype n = code.size();
    while (i < n) {
        if (!steps.isEmpty() && code[i] == u'[') {
            const qsizetype end = code.indexOf(u']', i);
            if (end < 0)
                return false;
            bool ok = false;
            const qsizetype idx = code.mid(i + 1, end - i - 1).toLongLong(&ok);
            if (!ok || idx < 0)
                return false;
            steps.append(Step{{}, idx});
            i = end + 1;
            continue;
        }
        if (!steps.isEmpty()) {
            if (code[i] != u'.')
                return false;
            ++i;
        }
        const bool allowDash = steps.size() == 1 && steps.first().name == u"nodes";
        const qsizetype start = i;
        if (i >= n || !(code[i].isLetter() || code[i] == u'_'))
            return false;
        while (i < n && isNameChar(code[i], allowDash))
            ++i;
        steps.append(Step{code.mid(start, i - start).toString(), -1});
    }
    return !steps.isEmpty();
}

// One step into a value. False when the step means something only JavaScript knows (`.length` of a
// string or list): the caller then hands the whole expression to JavaScript. A missing key or index
// gives null rather than an error, like optional chaining.
bool step(QVariant &value, const Step &s)
{
    if (!value.isValid())
        return true;
    if (s.index >= 0) {
        if (value.typeId() != QMetaType::QVariantList)
            return value.typeId() == QMetaType::QVariantMap ? (value = QVariant(), true) : false;
        const QVariantList list = value.toList();
        value = s.index < list.size() ? list.at(s.index) : QVariant();
        return true;
    }
    if (value.typeId() != QMetaType::QVariantMap)
        return false;
    value = value.toMap().value(s.name);
    return true;
}

bool walk(QVariant &value, const QList<Step> &steps, qsizetype from)
{
    for (qsizetype i = from; i < steps.size(); ++i) {
        if (!step(value, steps.at(i)))
            return false;
    }
    return true;
}

enum class PathResult { Resolved, Failed, NotSimple };

PathResult lookupNodes(const QList<Step> &steps, const ExpressionScope &scope, QVariant &out, QString *error)
{
    if (steps.size() < 2 || steps.at(1).index >= 0)
        return PathResult::NotSimple;
    const QString &id = steps.at(1).name;
    const QVariantMap *outputs = scope.outputsOf ? scope.outputsOf(id) : nullptr;
    if (!outputs) {
        *error = QStringLiteral("nodes.%1: no such node has finished before this one").arg(id);
        return PathResult::Failed;
    }
    if (steps.size() == 2) {
        out = QVariantMap{{QStringLiteral("outputs"), *outputs}};
        return PathResult::Resolved;
    }
    if (steps.at(2).name != u"outputs") {
        *error
            = QStringLiteral("nodes.%1.%2: only `outputs` can be read from a node").arg(id, steps.at(2).name);
        return PathResult::Failed;
    }
    out = *outputs;
    return walk(out, steps, 3) ? PathResult::Resolved : PathResult::NotSimple;
}

PathResult lookupPath(const QList<Step> &steps, const ExpressionScope &scope, QVariant &out, QString *error)
{
    const QString &root = steps.first().name;
    const QString second = steps.size() > 1 ? steps.at(1).name : QString();
    if (root == u"params" && scope.params && !second.isEmpty()) {
        auto it = scope.params->constFind(second);
        if (it == scope.params->cend()) {
            *error = QStringLiteral("params.%1: no such param").arg(second);
            return PathResult::Failed;
        }
        out = *it;
        return walk(out, steps, 2) ? PathResult::Resolved : PathResult::NotSimple;
    }
    if (root == u"env" && steps.size() == 2 && !second.isEmpty()) {
        if (scope.env && scope.env->contains(second))
            out = scope.env->value(second);
        return PathResult::Resolved;
    }
    if (root == u"secrets" && steps.size() == 2 && !second.isEmpty()) {
        if (!scope.secrets || !scope.secrets->contains(second)) {
            *error = QStringLiteral("secrets.%1: no such secret").arg(second);
            return PathResult::Failed;
        }
        out = scope.secrets->value(second);
        return PathResult::Resolved;
    }
    if (root == u"run" && steps.size() == 2 && second == u"id") {
        out = scope.runId;
        return PathResult::Resolved;
    }
    if (root == u"item" && scope.item) {
        out = *scope.item;
        return walk(out, steps, 1) ? PathResult::Resolved : PathResult::NotSimple;
    }
    if (root == u"index" && steps.size() == 1 && scope.index >= 0) {
        out = qint64(scope.index);
        return PathResult::Resolved;
    }
    if (root == u"nodes")
        return lookupNodes(steps, scope, out, error);
    return PathResult::NotSimple;
}

QVariantMap toVariantMap(const QHash<QString, QString> *hash)
{
    QVariantMap map;
    if (hash) {
        for (auto it = hash->begin(); it != hash->end(); ++it)
            map.insert(it.key(), it.value());
    }
    return map;
}

QVariant resolveStringImpl(const QString &text, const ExpressionEvaluator &evaluator,
                           const ExpressionScope &scope, QString *error)
{
    if (!text.contains(Open))
        return text;
    // The model's scanner, so that the executor and `flowrun validate` agree on what an expression is.
    const ExpressionScan scan = scanExpressions(text);
    if (!scan.ok()) {
        *error = scan.error;
        return {};
    }
    if (scan.wholeString)
        return evaluator.evaluate(scan.spans.first().code, scope, error); // keeps its type
    QString result;
    qsizetype done = 0;
    for (const ExpressionSpan &span : scan.spans) {
        const QVariant value = evaluator.evaluate(span.code, scope, error);
        if (!error->isEmpty())
            return {};
        result += QStringView(text).mid(done, span.start - done);
        result += expressionText(value);
        done = span.start + span.length;
    }
    result += QStringView(text).mid(done);
    return result;
}

} // namespace

QVariant ExpressionEvaluator::evaluate(const QString &code, const ExpressionScope &scope,
                                       QString *error) const
{
    QList<Step> steps;
    if (parsePath(code, steps)) {
        QVariant out;
        switch (lookupPath(steps, scope, out, error)) {
        case PathResult::Resolved:
            return out;
        case PathResult::Failed:
            return {};
        case PathResult::NotSimple:
            break;
        }
    }
    return evaluateJs(code, scope, error);
}

QVariant ExpressionEvaluator::evaluateJs(const QString &code, const ExpressionScope &scope,
                                         QString *error) const
{
    if (!m_sandbox) {
        *error = QStringLiteral("`%1`: only simple names are supported here").arg(code);
        return {};
    }
    QVariantMap nodes;
    for (const QString &id : scope.visibleNodes) {
        if (const QVariantMap *outputs = scope.outputsOf ? scope.outputsOf(id) : nullptr)
            nodes.insert(id, QVariantMap{{QStringLiteral("outputs"), *outputs}});
    }
    QVariantMap globals{
        {QStringLiteral("params"), scope.params ? *scope.params : QVariantMap()},
        {QStringLiteral("env"), toVariantMap(scope.env)},
        {QStringLiteral("secrets"), toVariantMap(scope.secrets)},
        {QStringLiteral("run"), QVariantMap{{QStringLiteral("id"), scope.runId}}},
        {QStringLiteral("nodes"), nodes},
    };
    if (scope.item) {
        globals.insert(QStringLiteral("item"), *scope.item);
        globals.insert(QStringLiteral("index"), scope.index);
    }
    QString jsError;
    QVariant value = m_sandbox->evaluate(code, globals, m_timeLimit, &jsError);
    if (!jsError.isEmpty())
        *error = QStringLiteral("`%1`: %2").arg(code, jsError);
    return value;
}

QVariant ExpressionEvaluator::resolveString(const QString &text, const ExpressionScope &scope,
                                            QString *error) const
{
    return resolveStringImpl(text, *this, scope, error);
}

QVariant ExpressionEvaluator::resolve(const Value &value, const ExpressionScope &scope, QString *error) const
{
    switch (value.type()) {
    case Value::Type::String:
        return resolveString(value.toString(), scope, error);
    case Value::Type::List: {
        QVariantList out;
        out.reserve(qsizetype(value.list().size()));
        for (const Value &v : value.list()) {
            out.append(resolve(v, scope, error));
            if (!error->isEmpty())
                return {};
        }
        return out;
    }
    case Value::Type::Map: {
        QVariantMap out;
        for (const Value::Entry &e : value.map()) {
            out.insert(e.first, resolve(e.second, scope, error));
            if (!error->isEmpty())
                return {};
        }
        return out;
    }
    default:
        return value.toVariant();
    }
}

bool ExpressionEvaluator::condition(const QString &text, const ExpressionScope &scope, QString *error) const
{
    const QVariant v
        = text.contains(Open) ? resolveString(text, scope, error) : evaluate(text.trimmed(), scope, error);
    return error->isEmpty() && isTruthy(v);
}

bool isTruthy(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return false;
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return value.toDouble() != 0.0;
    case QMetaType::QString: {
        const QString s = value.toString();
        return !s.isEmpty() && s != u"false" && s != u"0";
    }
    default:
        return true;
    }
}

QString expressionText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return {};
    case QMetaType::QString:
        return value.toString();
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
    case QMetaType::QVariantMap:
        return QString::fromUtf8(QJsonDocument::fromVariant(value).toJson(QJsonDocument::Compact));
    default:
        return value.toString();
    }
}

bool containsExpression(const Value &value)
{
    switch (value.type()) {
    case Value::Type::String:
        return value.toString().contains(Open);
    case Value::Type::List:
        return std::any_of(value.list().begin(), value.list().end(),
                           [](const Value &v) { return containsExpression(v); });
    case Value::Type::Map:
        return std::any_of(value.map().begin(), value.map().end(),
                           [](const Value::Entry &e) { return containsExpression(e.second); });
    default:
        return false;
    }
}

QStringList referencedNodes(QStringView text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(\bnodes\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*["']([^"']+)["']\s*\]))"));
    QStringList ids;
    auto it = re.globalMatch(text.toString());
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString id = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        // `nodes.a-b.outputs` is a path; in `nodes.a.outputs.x-1` the dash belongs to arithmetic,
        // which the regex cannot tell apart, so callers check ids against the workflow.
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void collectReferencedNodes(const Value &value, QStringList &ids)
{
    switch (value.type()) {
    case Value::Type::String: {
        const QString s = value.toString();
        if (!s.contains(Open) || !s.contains(u"nodes"))
            return;
        for (const QString &id : referencedNodes(s)) {
            if (!ids.contains(id))
                ids.append(id);
        }
        return;
    }
    case Value::Type::List:
        for (const Value &v : value.list())
            collectReferencedNodes(v, ids);
        return;
    case Value::Type::Map:
        for (const Value::Entry &e : value.map())
            collectReferencedNodes(e.second, ids);
        return;
    default:
        return;
    }
}

} // namespace Flow
