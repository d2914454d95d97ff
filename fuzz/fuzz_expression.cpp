// libFuzzer target: the `${{ }}` expression path parser and resolver (executor/expressions.h) with a
// scope holding params, env, node outputs and a for_each item. No JavaScript sandbox: what is not a
// plain path must fail with an error, never crash; the JS engine itself is Qt's, not ours.
#include "executor/expressions.h"

#include <QByteArray>
#include <QString>
#include <QVariantMap>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QVariantMap params{
        {"repo", "flow"}, {"n", 3}, {"list", QVariantList{1, "a", QVariantMap{{"k", 2}}}}};
    static const QHash<QString, QString> env{{"HOME", "/root"}, {"PATH", "/bin"}};
    static const QHash<QString, QString> secrets{{"token", "s3cret"}};
    static const QVariantMap outputs{
        {"body", QVariantMap{{"items", QVariantList{QVariantMap{{"name", "x"}}}}}}, {"value", 42}};
    static const QVariant item = QVariantMap{{"name", "it"}, {"tags", QVariantList{"a", "b"}}};
    Flow::ExpressionScope scope;
    scope.params = &params;
    scope.env = &env;
    scope.secrets = &secrets;
    scope.runId = QStringLiteral("run-1");
    scope.outputsOf = [](const QString &id) {
        return id == u"fetch" ? &outputs : nullptr;
    };
    scope.visibleNodes = {QStringLiteral("fetch")};
    scope.item = &item;
    scope.index = 0;

    const Flow::ExpressionEvaluator evaluator(nullptr);
    QString error;
    const QVariant resolved = evaluator.resolveString(text, scope, &error);
    (void)Flow::expressionText(resolved);
    error.clear();
    (void)evaluator.evaluate(text, scope, &error);
    error.clear();
    (void)evaluator.condition(text, scope, &error);
    (void)Flow::referencedNodes(text);
    return 0;
}
