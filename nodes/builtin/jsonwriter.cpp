#include "jsonwriter.h"

#include <QJsonValue>
#include <QLocale>
#include <QVariantList>
#include <QVariantMap>

#include <cmath>

namespace Flow {
namespace {

void writeString(QString &out, const QString &s)
{
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += u"\\\"";
            break;
        case '\\':
            out += u"\\\\";
            break;
        case '\b':
            out += u"\\b";
            break;
        case '\f':
            out += u"\\f";
            break;
        case '\n':
            out += u"\\n";
            break;
        case '\r':
            out += u"\\r";
            break;
        case '\t':
            out += u"\\t";
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

void writeDouble(QString &out, double d)
{
    if (!std::isfinite(d)) {
        out += u"null";
        return;
    }
    out += QString::number(d, 'g', QLocale::FloatingPointShortest);
}

class Writer
{
public:
    explicit Writer(int indent)
        : m_indent(qMax(0, indent))
    {}

    void write(const QVariant &value, int depth)
    {
        switch (value.typeId()) {
        case QMetaType::UnknownType:
        case QMetaType::Nullptr:
            m_out += u"null";
            break;
        case QMetaType::Bool:
            m_out += value.toBool() ? u"true" : u"false";
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            m_out += value.toString();
            break;
        case QMetaType::Float:
        case QMetaType::Double:
            writeDouble(m_out, value.toDouble());
            break;
        case QMetaType::QString:
            writeString(m_out, value.toString());
            break;
        case QMetaType::QVariantList:
            writeList(value.toList(), depth);
            break;
        case QMetaType::QVariantMap:
            writeMap(value.toMap(), depth);
            break;
        case QMetaType::QVariantHash:
            writeMap(toMap(value.toHash()), depth);
            break;
        case QMetaType::QStringList:
            writeList(toList(value.toStringList()), depth);
            break;
        default:
            writeOther(value, depth);
            break;
        }
    }

    QString result() const { return m_out; }

private:
    static QVariantMap toMap(const QVariantHash &hash)
    {
        QVariantMap map;
        for (auto it = hash.cbegin(); it != hash.cend(); ++it)
            map.insert(it.key(), it.value());
        return map;
    }

    static QVariantList toList(const QStringList &strings)
    {
        QVariantList list;
        for (const QString &s : strings)
            list.append(s);
        return list;
    }

    // QJsonValue knows how to turn the remaining Qt types (QJsonValue, QUrl, ...) into JSON.
    void writeOther(const QVariant &value, int depth)
    {
        const QJsonValue json = QJsonValue::fromVariant(value);
        if (json.isNull() || json.isUndefined()) {
            if (value.canConvert<QString>())
                writeString(m_out, value.toString());
            else
                m_out += u"null";
            return;
        }
        write(json.toVariant(), depth);
    }

    void newline(int depth)
    {
        if (m_indent == 0)
            return;
        m_out += u'\n';
        m_out += QString(depth * m_indent, u' ');
    }

    void writeList(const QVariantList &list, int depth)
    {
        if (list.isEmpty()) {
            m_out += u"[]";
            return;
        }
        m_out += u'[';
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                m_out += u',';
            newline(depth + 1);
            write(list.at(i), depth + 1);
        }
        newline(depth);
        m_out += u']';
    }

    void writeMap(const QVariantMap &map, int depth)
    {
        if (map.isEmpty()) {
            m_out += u"{}";
            return;
        }
        m_out += u'{';
        bool first = true;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (!first)
                m_out += u',';
            first = false;
            newline(depth + 1);
            writeString(m_out, it.key());
            m_out += m_indent > 0 ? u": " : u":";
            write(it.value(), depth + 1);
        }
        newline(depth);
        m_out += u'}';
    }

    int m_indent;
    QString m_out;
};

} // namespace

QString writeJson(const QVariant &value, int indent)
{
    Writer writer(indent);
    writer.write(value, 0);
    return writer.result();
}

} // namespace Flow
