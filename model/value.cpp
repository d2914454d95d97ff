#include "value.h"

#include <QVariantList>
#include <QVariantMap>

#include <algorithm>
#include <cmath>

namespace Flow {

Value::Value(bool b) : m_type(Type::Bool), m_bool(b) {}
Value::Value(int i) : m_type(Type::Int), m_int(i) {}
Value::Value(qint64 i) : m_type(Type::Int), m_int(i) {}
Value::Value(double d) : m_type(Type::Double), m_double(d) {}
Value::Value(const QString &s) : m_type(Type::String), m_string(s) {}
Value::Value(const char *s) : m_type(Type::String), m_string(QString::fromUtf8(s)) {}
Value::Value(List list) : m_type(Type::List), m_list(std::move(list)) {}
Value::Value(Map map) : m_type(Type::Map), m_map(std::move(map)) {}

qint64 Value::toInt() const
{
    switch (m_type) {
    case Type::Int: return m_int;
    case Type::Double: return qint64(m_double);
    case Type::Bool: return m_bool ? 1 : 0;
    case Type::String: return m_string.toLongLong();
    default: return 0;
    }
}

double Value::toDouble() const
{
    switch (m_type) {
    case Type::Int: return double(m_int);
    case Type::Double: return m_double;
    case Type::Bool: return m_bool ? 1.0 : 0.0;
    case Type::String: return m_string.toDouble();
    default: return 0.0;
    }
}

QString Value::toString() const
{
    switch (m_type) {
    case Type::String: return m_string;
    case Type::Int: return QString::number(m_int);
    case Type::Double: return QString::number(m_double, 'g', 17);
    case Type::Bool: return m_bool ? QStringLiteral("true") : QStringLiteral("false");
    default: return {};
    }
}

const Value *Value::find(QStringView key) const
{
    if (m_type != Type::Map)
        return nullptr;
    auto it = std::find_if(m_map.begin(), m_map.end(), [key](const Entry &e) { return e.first == key; });
    return it == m_map.end() ? nullptr : &it->second;
}

Value *Value::find(QStringView key)
{
    return const_cast<Value *>(std::as_const(*this).find(key));
}

void Value::insert(const QString &key, Value value)
{
    if (m_type == Type::Null)
        m_type = Type::Map;
    if (m_type != Type::Map)
        return;
    if (Value *existing = find(key)) {
        *existing = std::move(value);
        return;
    }
    m_map.emplace_back(key, std::move(value));
}

bool Value::remove(QStringView key)
{
    if (m_type != Type::Map)
        return false;
    auto it = std::find_if(m_map.begin(), m_map.end(), [key](const Entry &e) { return e.first == key; });
    if (it == m_map.end())
        return false;
    m_map.erase(it);
    return true;
}

QStringList Value::keys() const
{
    QStringList result;
    for (const Entry &e : m_map)
        result.append(e.first);
    return result;
}

void Value::append(Value value)
{
    if (m_type == Type::Null)
        m_type = Type::List;
    if (m_type == Type::List)
        m_list.push_back(std::move(value));
}

qsizetype Value::size() const
{
    if (m_type == Type::List)
        return qsizetype(m_list.size());
    if (m_type == Type::Map)
        return qsizetype(m_map.size());
    return 0;
}

QVariant Value::toVariant() const
{
    switch (m_type) {
    case Type::Null: return {};
    case Type::Bool: return m_bool;
    case Type::Int: return m_int;
    case Type::Double: return m_double;
    case Type::String: return m_string;
    case Type::List: {
        QVariantList out;
        out.reserve(qsizetype(m_list.size()));
        for (const Value &v : m_list)
            out.append(v.toVariant());
        return out;
    }
    case Type::Map: {
        QVariantMap out;
        for (const Entry &e : m_map)
            out.insert(e.first, e.second.toVariant());
        return out;
    }
    }
    return {};
}

Value Value::fromVariant(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return {};
    switch (v.typeId()) {
    case QMetaType::Bool: return Value(v.toBool());
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::Short: return Value(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: return Value(v.toDouble());
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        List list;
        for (const QVariant &item : v.toList())
            list.push_back(fromVariant(item));
        return Value(std::move(list));
    }
    case QMetaType::QVariantMap: {
        Map map;
        const QVariantMap m = v.toMap();
        for (auto it = m.begin(); it != m.end(); ++it)
            map.emplace_back(it.key(), fromVariant(it.value()));
        return Value(std::move(map));
    }
    case QMetaType::QVariantHash: {
        Map map;
        const QVariantHash h = v.toHash();
        QStringList keys = h.keys();
        keys.sort();
        for (const QString &k : keys)
            map.emplace_back(k, fromVariant(h.value(k)));
        return Value(std::move(map));
    }
    default: return Value(v.toString());
    }
}

bool Value::operator==(const Value &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null: return true;
    case Type::Bool: return m_bool == other.m_bool;
    case Type::Int: return m_int == other.m_int;
    case Type::Double: // NaN equals NaN here: a value read back from `.nan` is the same value
        return m_double == other.m_double || (std::isnan(m_double) && std::isnan(other.m_double));
    case Type::String: return m_string == other.m_string;
    case Type::List: return m_list == other.m_list;
    case Type::Map: return m_map == other.m_map;
    }
    return false;
}

} // namespace Flow
