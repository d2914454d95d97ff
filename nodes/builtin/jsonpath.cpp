#include "jsonpath.h"

#include "nodes/node.h"

#include <QVariantList>
#include <QVariantMap>

namespace Flow {
namespace {

class PathParser
{
public:
    explicit PathParser(const QString &text)
        : m_text(text)
    {}

    std::vector<JsonPath::Step> parse()
    {
        std::vector<JsonPath::Step> steps;
        if (peek() == u'$')
            ++m_pos;
        bool first = true;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u'[') {
                steps.push_back(bracket());
            } else if (c == u'.') {
                ++m_pos;
                steps.push_back(name());
            } else if (first) {
                steps.push_back(name());
            } else {
                fail(QStringLiteral("expected '.' or '['"));
            }
            first = false;
        }
        return steps;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }

    [[noreturn]] void fail(const QString &what) const
    {
        throw NodeError(
            QStringLiteral("invalid path '%1': %2 at position %3").arg(m_text, what).arg(m_pos + 1));
    }

    JsonPath::Step name()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != u'.' && peek() != u'[' && peek() != u']')
            ++m_pos;
        if (m_pos == start)
            fail(QStringLiteral("expected a name"));
        return {false, m_text.mid(start, m_pos - start), 0, m_pos};
    }

    JsonPath::Step bracket()
    {
        ++m_pos; // '['
        JsonPath::Step step;
        if (peek() == u'"' || peek() == u'\'') {
            step.key = quoted();
        } else {
            const qsizetype start = m_pos;
            if (peek() == u'-')
                ++m_pos;
            while (!atEnd() && peek().isDigit())
                ++m_pos;
            bool ok = false;
            step.index = QStringView(m_text).mid(start, m_pos - start).toLongLong(&ok);
            if (!ok) {
                m_pos = start;
                fail(QStringLiteral("expected a number or a quoted key"));
            }
            step.isIndex = true;
        }
        if (peek() != u']')
            fail(QStringLiteral("expected ']'"));
        ++m_pos;
        step.end = m_pos;
        return step;
    }

    QString quoted()
    {
        const QChar quote = peek();
        ++m_pos;
        QString key;
        while (!atEnd() && peek() != quote) {
            if (peek() == u'\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            key += peek();
            ++m_pos;
        }
        if (atEnd())
            fail(QStringLiteral("unterminated quoted key"));
        ++m_pos; // closing quote
        return key;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
};

QString keyList(const QVariantMap &map)
{
    constexpr qsizetype kMaxShown = 10;
    QStringList keys = map.keys();
    if (keys.isEmpty())
        return QStringLiteral("the map is empty");
    const bool more = keys.size() > kMaxShown;
    keys = keys.mid(0, kMaxShown);
    return QStringLiteral("keys: ") + keys.join(QStringLiteral(", "))
           + (more ? QStringLiteral(", …") : QString());
}

} // namespace

QString jsonTypeName(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return QStringLiteral("null");
    case QMetaType::Bool:
        return QStringLiteral("bool");
    case QMetaType::QString:
        return QStringLiteral("text");
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
        return QStringLiteral("list");
    case QMetaType::QVariantMap:
    case QMetaType::QVariantHash:
        return QStringLiteral("map");
    default:
        return QStringLiteral("number");
    }
}

JsonPath JsonPath::parse(const QString &text)
{
    JsonPath path;
    path.m_text = text;
    path.m_steps = PathParser(text).parse();
    return path;
}

QString JsonPath::prefix(qsizetype stepCount) const
{
    if (stepCount == 0)
        return QStringLiteral("the start");
    return u'\'' + m_text.left(m_steps.at(stepCount - 1).end) + u'\'';
}

QVariant JsonPath::select(const QVariant &value) const
{
    QVariant current = value;
    for (size_t i = 0; i < m_steps.size(); ++i) {
        const Step &step = m_steps[i];
        const QString where = prefix(qsizetype(i));
        const auto fail = [&](const QString &problem) {
            throw NodeError(QStringLiteral("path '%1' stopped at %2: %3").arg(m_text, where, problem));
        };
        const QString type = jsonTypeName(current);
        if (step.isIndex) {
            if (type != u"list")
                fail(QStringLiteral("it is %1, not a list, so [%2] does not apply")
                         .arg(type == u"map" ? QStringLiteral("a map (use .name or [\"name\"])")
                                             : u"a " + type)
                         .arg(step.index));
            const QVariantList list = current.toList();
            const qint64 index = step.index < 0 ? list.size() + step.index : step.index;
            if (index < 0 || index >= list.size())
                fail(QStringLiteral("index %1 is out of range (the list has %2 items)")
                         .arg(step.index)
                         .arg(list.size()));
            current = list.at(index);
            continue;
        }
        if (type != u"map") {
            QString hint;
            if (type == u"list")
                hint = QStringLiteral(" (use an index such as [0])");
            else if (type == u"text")
                hint = QStringLiteral(" (parse it with json.parse first)");
            fail(QStringLiteral("it is a %1, not a map, so it has no key '%2'%3").arg(type, step.key, hint));
        }
        const QVariantMap map = current.toMap();
        const auto it = map.constFind(step.key);
        if (it == map.cend())
            fail(QStringLiteral("no key '%1' (%2)").arg(step.key, keyList(map)));
        current = *it;
    }
    return current;
}

} // namespace Flow
