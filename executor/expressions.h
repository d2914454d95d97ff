#pragma once

#include "model/value.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <chrono>
#include <functional>

namespace Flow {

class JsSandbox;

// Everything a `${{ }}` expression may name for one node invocation (DESIGN.md §3). Pointers refer to
// run-wide data that does not change while the run's workers read it.
struct ExpressionScope
{
    const QVariantMap *params = nullptr;
    const QHash<QString, QString> *env = nullptr;
    const QHash<QString, QString> *secrets = nullptr;
    QString runId;
    // The outputs of a finished node the expression may see, or null when there is none such.
    std::function<const QVariantMap *(const QString &nodeId)> outputsOf;
    // The node ids a JavaScript expression sees under `nodes` (the invocation's dependencies).
    QStringList visibleNodes;
    const QVariant *item = nullptr; // for_each: the current item (null outside for_each)
    int index = -1;
};

// Evaluates expressions and resolves config values. Simple dotted paths (`params.repo`,
// `nodes.fetch.outputs.body`, `item.name`, `nodes.parse.outputs.value.items[0]`) are looked up
// directly, which costs next to nothing; anything else goes to the JavaScript sandbox.
class ExpressionEvaluator
{
public:
    explicit ExpressionEvaluator(JsSandbox *sandbox,
                                 std::chrono::milliseconds timeLimit = std::chrono::seconds(2))
        : m_sandbox(sandbox)
        , m_timeLimit(timeLimit)
    {}

    // One expression (the text between `${{` and `}}`). Invalid QVariant + error on failure;
    // a valid null-ish result is an invalid QVariant with an empty error.
    QVariant evaluate(const QString &code, const ExpressionScope &scope, QString *error) const;
    // A config string: a whole-string expression keeps its type; expressions inside text become text.
    QVariant resolveString(const QString &text, const ExpressionScope &scope, QString *error) const;
    // A config value, recursively through lists and maps.
    QVariant resolve(const Value &value, const ExpressionScope &scope, QString *error) const;
    // `when:` text: either `${{ expr }}` or a bare expression. The result's truthiness.
    bool condition(const QString &text, const ExpressionScope &scope, QString *error) const;

private:
    QVariant evaluateJs(const QString &code, const ExpressionScope &scope, QString *error) const;

    JsSandbox *m_sandbox;
    std::chrono::milliseconds m_timeLimit;
};

// JavaScript-like truthiness, except that the strings "false" and "0" are false too (they arrive
// that way from `-p name=false`).
bool isTruthy(const QVariant &value);
// How an expression result reads inside text: strings as they are, numbers and booleans as JSON,
// null as nothing, lists and maps as compact JSON.
QString expressionText(const QVariant &value);
// True when a string anywhere in `value` holds `${{`.
bool containsExpression(const Value &value);
// Node ids named as `nodes.<id>` or `nodes["<id>"]` in expression text: they become dependencies, so
// that an expression never reads the outputs of a node that is still running.
QStringList referencedNodes(QStringView text);
void collectReferencedNodes(const Value &value, QStringList &ids);

} // namespace Flow
