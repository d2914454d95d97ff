#pragma once

#include <QString>
#include <QVariant>

#include <vector>

namespace Flow {

// A path into a JSON-like value: `items[0].name`, `a.b`, `[2]`, `a["key with space"]`, `[-1]` (last
// item). A leading `$` or `.` is allowed; "" and "$" select the whole value.
class JsonPath
{
public:
    struct Step
    {
        bool isIndex = false;
        QString key;
        qint64 index = 0;
        qsizetype end = 0; // where this step ends in the path text, for error messages
    };

    // Throws NodeError ("invalid path 'a[': expected ']' at position 3") on a syntax error.
    static JsonPath parse(const QString &text);

    // Throws NodeError naming where the path stopped ("no key 'nme' in 'items[0]' (keys: id, name)").
    QVariant select(const QVariant &value) const;

    const std::vector<Step> &steps() const { return m_steps; }

private:
    QString prefix(qsizetype stepCount) const;

    QString m_text;
    std::vector<Step> m_steps;
};

// "map", "list", "text", "number", "bool" or "null": how error messages name a value's type.
QString jsonTypeName(const QVariant &value);

} // namespace Flow
