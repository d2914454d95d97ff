#include "runoptions.h"

#include <QJsonDocument>

namespace Flow {

std::optional<QVariant> paramFromText(const ParamSpec &spec, const QString &text, QString *error)
{
    const Value &def = spec.defaultValue;
    const QString trimmed = text.trimmed();
    bool ok = true;
    switch (def.type()) {
    case Value::Type::Bool:
        if (trimmed == u"true" || trimmed == u"yes" || trimmed == u"1")
            return QVariant(true);
        if (trimmed == u"false" || trimmed == u"no" || trimmed == u"0")
            return QVariant(false);
        *error = QStringLiteral("param '%1' needs true or false, got '%2'").arg(spec.name, text);
        return std::nullopt;
    case Value::Type::Int: {
        const qint64 v = trimmed.toLongLong(&ok);
        if (ok)
            return QVariant(v);
        *error = QStringLiteral("param '%1' needs a whole number, got '%2'").arg(spec.name, text);
        return std::nullopt;
    }
    case Value::Type::Double: {
        const double v = trimmed.toDouble(&ok);
        if (ok)
            return QVariant(v);
        *error = QStringLiteral("param '%1' needs a number, got '%2'").arg(spec.name, text);
        return std::nullopt;
    }
    case Value::Type::List:
    case Value::Type::Map: {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
        if (parseError.error == QJsonParseError::NoError && (def.isList() ? doc.isArray() : doc.isObject()))
            return doc.toVariant();
        *error = QStringLiteral("param '%1' needs a JSON %2")
                     .arg(spec.name, def.isList() ? u"array" : u"object");
        return std::nullopt;
    }
    default:
        return QVariant(text);
    }
}

std::optional<QVariantMap> paramsFromTexts(const QList<ParamSpec> &params, const QStringList &texts,
                                           QString *error)
{
    QVariantMap values;
    for (const QString &text : texts) {
        const qsizetype eq = text.indexOf(u'=');
        const QString name = eq < 0 ? text : text.left(eq);
        const auto spec
            = std::find_if(params.begin(), params.end(), [&](const ParamSpec &p) { return p.name == name; });
        if (eq <= 0) {
            *error = QStringLiteral("-p needs name=value, got '%1'").arg(text);
            return std::nullopt;
        }
        if (spec == params.end()) {
            QStringList known;
            for (const ParamSpec &p : params)
                known.append(p.name);
            *error = QStringLiteral("unknown param '%1' (the workflow has: %2)")
                         .arg(name, known.isEmpty() ? QStringLiteral("none") : known.join(u", "));
            return std::nullopt;
        }
        const std::optional<QVariant> value = paramFromText(*spec, text.mid(eq + 1), error);
        if (!value)
            return std::nullopt;
        values.insert(name, *value);
    }
    return values;
}

} // namespace Flow
