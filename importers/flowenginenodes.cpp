// FlowEngine node types and ports mapped to ours, one function per type (docs/import.md has the table).
#include "flowengineimpl.h"

#include "model/duration.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace Flow::FlowEngine {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::FlowEngineImport", text);
}

// FlowEngine's Value variants, keyed in lower case: hand-written files spell the tag in any case and
// often with the JSON Schema names (integer, boolean), so those are read as the variant they mean.
const QHash<QString, QString> &taggedTypes()
{
    static const QHash<QString, QString> types{
        {"null", "Null"},        {"bool", "Bool"},      {"boolean", "Bool"}, {"number", "Number"},
        {"integer", "Number"},   {"int", "Number"},     {"float", "Number"}, {"string", "String"},
        {"bytes", "Bytes"},      {"json", "Json"},      {"array", "Array"},  {"object", "Object"},
        {"stringarc", "String"}, {"bytesarc", "Bytes"}, {"jsonarc", "Json"}};
    return types;
}

QString taggedType(const QJsonObject &object)
{
    return taggedTypes().value(object.value(QLatin1String("type")).toString().toLower());
}

Value number(double d)
{
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15)
        return Value(qint64(d));
    return Value(d);
}

Value plain(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        return Value(json.toBool());
    case QJsonValue::Double:
        return number(json.toDouble());
    case QJsonValue::String:
        return Value(json.toString());
    case QJsonValue::Array: {
        Value list = Value::makeList();
        for (const QJsonValue &item : json.toArray())
            list.append(unwrap(item));
        return list;
    }
    case QJsonValue::Object: {
        // Keys in sorted order (QJsonObject's): deterministic, if not the author's.
        Value map = Value::makeMap();
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            map.insert(it.key(), unwrap(it.value()));
        return map;
    }
    default:
        return Value();
    }
}

Value bytes(const QJsonValue &json)
{
    // Bytes are a JSON array of numbers; text when they are UTF-8, else kept as the numbers.
    QByteArray data;
    for (const QJsonValue &b : json.toArray())
        data.append(char(b.toInt()));
    const QString text = QString::fromUtf8(data);
    return text.toUtf8() == data ? Value(text) : plain(json);
}

const QHash<QString, QString> &typeMap()
{
    static const QHash<QString, QString> map{
        {"shell.exec", "shell.exec"},
        {"http.request", "http.request"},
        {"transform.json_parse", "json.parse"},
        {"transform.json_stringify", "json.stringify"},
        {"debug.log", "debug.log"},
        {"time.delay", "time.delay"},
    };
    return map;
}

QString shellQuoted(const QString &arg)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (safe.match(arg).hasMatch())
        return arg;
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

bool isTaggedValue(const QJsonObject &object)
{
    if (object.size() > 2 || !object.value(QLatin1String("type")).isString())
        return false;
    if (object.size() == 2 && !object.contains(QLatin1String("value")))
        return false;
    return !taggedType(object).isEmpty();
}

Value unwrap(const QJsonValue &json)
{
    if (!json.isObject() || !isTaggedValue(json.toObject()))
        return plain(json);
    const QJsonObject tagged = json.toObject();
    const QString type = taggedType(tagged);
    const QJsonValue value = tagged.value(QLatin1String("value"));
    if (type == u"Null")
        return Value();
    if (type == u"Bytes")
        return bytes(value);
    return plain(value);
}

bool NodeConverter::convert(const QString &feType, const QJsonObject &config)
{
    QHash<QString, Value> values;
    for (auto it = config.begin(); it != config.end(); ++it) {
        values.insert(it.key(), unwrap(it.value()));
        m_keyOrder.append(it.key());
    }
    const QString ours = typeMap().value(feType);
    if (ours.isEmpty()) {
        m_node.type = QString::fromUtf16(UnconvertedTypePrefix) + feType;
        for (const QString &key : std::as_const(m_keyOrder))
            m_node.config.insert(key, values.value(key));
        m_note(ImportNote::Kind::NotConverted,
               tr("node type '%1' has no Flowstudio equivalent; kept as '%2' with its config")
                   .arg(feType, m_node.type));
        return false;
    }
    m_node.type = ours;
    if (feType == u"shell.exec")
        shellExec(values);
    else if (feType == u"http.request")
        httpRequest(values);
    else if (feType == u"transform.json_stringify")
        jsonStringify(values);
    else if (feType == u"debug.log")
        debugLog(values);
    else if (feType == u"time.delay")
        timeDelay(values);
    notConvertedKeys(values, m_keyOrder);
    m_note(ImportNote::Kind::Converted, tr("%1 → %2").arg(feType, ours));
    return true;
}

void NodeConverter::shellExec(QHash<QString, Value> &c)
{
    const QString command = c.take(QStringLiteral("command")).toString();
    QStringList args;
    const Value argValue = c.take(QStringLiteral("args"));
    if (argValue.isList()) {
        for (const Value &a : argValue.list())
            args.append(a.isScalar() ? a.toString() : QString());
    } else if (argValue.isString()) {
        args = argValue.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    if (c.take(QStringLiteral("shell")).toBool()) {
        QStringList words{command};
        for (const QString &a : std::as_const(args))
            words.append(shellQuoted(a));
        m_node.config.insert(QStringLiteral("command"), Value(words.join(QLatin1Char(' '))));
    } else {
        // Not through a shell in FlowEngine: an argv list here too.
        Value argv = Value::makeList();
        argv.append(Value(command));
        for (const QString &a : std::as_const(args))
            argv.append(Value(a));
        m_node.config.insert(QStringLiteral("command"), argv);
    }
    if (const Value dir = c.take(QStringLiteral("workdir")); dir.isString())
        m_node.config.insert(QStringLiteral("cwd"), dir);
    if (const Value env = c.take(QStringLiteral("env")); env.isMap() && env.size() > 0)
        m_node.config.insert(QStringLiteral("env"), env);
    if (c.contains(QStringLiteral("fail_on_error"))) {
        if (!c.take(QStringLiteral("fail_on_error")).toBool())
            m_node.config.insert(QStringLiteral("allow_failure"), Value(true));
    }
    for (const char *key : {"timeout_seconds", "timeout"}) {
        if (c.contains(QLatin1String(key)))
            setTimeoutSeconds(c.take(QLatin1String(key)), QLatin1String(key));
    }
    // Flowstudio always streams and captures both streams; these change nothing here.
    for (const char *key : {"stream_output", "capture_stdout", "capture_stderr", "strip_trailing_newline"})
        c.remove(QLatin1String(key));
    if (c.contains(QStringLiteral("env_passthrough"))) {
        c.remove(QStringLiteral("env_passthrough"));
        m_note(ImportNote::Kind::Adapted,
               tr("env_passthrough dropped: Flowstudio passes the whole environment to the command"));
    }
}

void NodeConverter::httpRequest(QHash<QString, Value> &c)
{
    if (const Value method = c.take(QStringLiteral("method")); method.isString())
        m_node.config.insert(QStringLiteral("method"), Value(method.toString().toUpper()));
    if (const Value url = c.take(QStringLiteral("url")); url.isString())
        m_node.config.insert(QStringLiteral("url"), url);
    if (const Value headers = c.take(QStringLiteral("headers")); headers.isMap() && headers.size() > 0)
        m_node.config.insert(QStringLiteral("headers"), headers);
    if (const Value body = c.take(QStringLiteral("body")); body.isString())
        m_node.config.insert(QStringLiteral("body"), body);
    for (const char *key : {"timeout_seconds", "timeout"}) {
        if (c.contains(QLatin1String(key)))
            setTimeoutSeconds(c.take(QLatin1String(key)), QLatin1String(key));
    }
}

void NodeConverter::jsonStringify(QHash<QString, Value> &)
{
    // FlowEngine writes pretty JSON (serde_json::to_string_pretty: two spaces).
    m_node.config.insert(QStringLiteral("indent"), Value(2));
}

void NodeConverter::debugLog(QHash<QString, Value> &c)
{
    for (const char *key : {"message", "level"}) {
        if (const Value v = c.take(QLatin1String(key)); v.isString())
            m_node.config.insert(QLatin1String(key), v);
    }
}

void NodeConverter::timeDelay(QHash<QString, Value> &c)
{
    const Value ms = c.take(QStringLiteral("delay_ms"));
    const qint64 delay = ms.isNumber() ? qMax<qint64>(0, ms.toInt()) : 1000; // FlowEngine's default
    m_node.config.insert(QStringLiteral("duration"), Value(formatDuration(Millis(delay))));
}

void NodeConverter::setTimeoutSeconds(const Value &seconds, const QString &key)
{
    if (!seconds.isNumber() || seconds.toDouble() <= 0) {
        m_note(ImportNote::Kind::NotConverted, tr("config '%1' is not a number of seconds").arg(key));
        return;
    }
    m_node.timeout = jsonMillis(std::round(seconds.toDouble() * 1000));
}

void NodeConverter::notConvertedKeys(const QHash<QString, Value> &rest, const QStringList &order)
{
    QStringList left;
    for (const QString &key : order) {
        if (rest.contains(key))
            left.append(key);
    }
    if (left.isEmpty())
        return;
    m_note(ImportNote::Kind::NotConverted,
           tr("config %1 not converted (no Flowstudio equivalent)").arg(left.join(QStringLiteral(", "))));
    QStringList kept;
    for (const QString &key : std::as_const(left))
        kept.append(key + QStringLiteral(": ") + rest.value(key).toString());
    m_node.description += (m_node.description.isEmpty() ? QString() : QStringLiteral("\n"))
                          + tr("FlowEngine config not converted: %1").arg(kept.join(QStringLiteral("; ")));
}

PortTarget NodeConverter::input(const QString &feType, const QString &port, bool converted)
{
    using K = PortTarget::Kind;
    if (!converted)
        return {K::Port, port};
    if (feType == u"shell.exec" && port == u"stdin")
        return {K::Port, port};
    if (feType == u"http.request") {
        if (port == u"url")
            return {K::Config, port};
        if (port == u"body")
            return {K::Port, port};
    }
    if (feType == u"transform.json_parse" && port == u"json")
        return {K::Port, QStringLiteral("text")};
    if (feType == u"transform.json_stringify" && port == u"value")
        return {K::Port, port};
    if (feType == u"debug.log" && port == u"message")
        return {K::Port, port};
    if (feType == u"time.delay")
        return {K::Port, QStringLiteral("value")}; // it passes any input through
    return {};
}

QString NodeConverter::output(const QString &feType, const QString &port, bool converted)
{
    if (!converted)
        return port;
    static const QHash<QString, QHash<QString, QString>> outputs{
        {"shell.exec", {{"stdout", "stdout"}, {"stderr", "stderr"}, {"exit_code", "exit_code"}}},
        {"http.request", {{"status", "status"}, {"body", "body"}, {"headers", "headers"}}},
        {"transform.json_parse", {{"parsed", "value"}}},
        {"transform.json_stringify", {{"json", "text"}}},
        {"debug.log", {{"message", "message"}}},
    };
    if (feType == u"time.delay")
        return QStringLiteral("value");
    return outputs.value(feType).value(port);
}

} // namespace Flow::FlowEngine
