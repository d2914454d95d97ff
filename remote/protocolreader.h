#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Internal to protocol.cpp: the field reader its decoders share.
namespace Flow::Remote::Detail {

// Reads the fields of one object, remembering the first one that has the wrong type.
class Reader
{
public:
    explicit Reader(QJsonObject object)
        : m_object(std::move(object))
    {}

    QString string(const char *key, bool required)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isString())
            return v.toString();
        if (required || !v.isUndefined())
            fail(key, "a string");
        return {};
    }
    qint64 integer(const char *key, bool required, qint64 min = 0)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return 0;
        const double d = v.toDouble(-1.0);
        // Within what a double holds exactly (checked before the cast, which is undefined beyond
        // qint64), and integral.
        if (!v.isDouble() || !(d >= double(min) && d <= 9007199254740992.0) || d != double(qint64(d))) {
            fail(key, "a whole number");
            return 0;
        }
        return qint64(d);
    }
    QJsonObject object(const char *key, bool required)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isObject())
            return v.toObject();
        if (required || !v.isUndefined())
            fail(key, "an object");
        return {};
    }
    QJsonArray array(const char *key, bool required)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isArray())
            return v.toArray();
        if (required || !v.isUndefined())
            fail(key, "an array");
        return {};
    }
    void fail(const char *key, const char *what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("\"%1\" must be %2").arg(QLatin1String(key), QLatin1String(what));
    }
    void failWith(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }
    const QString &error() const { return m_error; }

private:
    QJsonObject m_object; // a copy (shared data): readers are made from temporaries too
    QString m_error;
};

} // namespace Flow::Remote::Detail
