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

} // namespace Flow
