#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include <utility>
#include <vector>

namespace Flow {

// A 1-based line/column into the YAML text a value came from; 0 means "not from a file".
struct SourcePos
{
    int line = 0;
    int column = 0;
    bool isValid() const { return line > 0; }
    friend bool operator==(const SourcePos &, const SourcePos &) = default;
};

// A JSON-like value that keeps the order of map keys and where it came from.
// Config blocks keep the author's key order so that `fmt` does not reshuffle them, and every
// value remembers its SourcePos so that a problem deep inside a config can be reported at its line.
class Value
{
public:
    enum class Type { Null, Bool, Int, Double, String, List, Map };
    using List = std::vector<Value>;
    using Entry = std::pair<QString, Value>;
    using Map = std::vector<Entry>;

    Value() = default;
    Value(bool b);
    Value(int i);
    Value(qint64 i);
    Value(double d);
    Value(const QString &s);
    Value(const char *s);
    Value(List list);
    Value(Map map);

    static Value makeList() { return Value(List{}); }
    static Value makeMap() { return Value(Map{}); }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInt() const { return m_type == Type::Int; }
    bool isDouble() const { return m_type == Type::Double; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Double; }
    bool isString() const { return m_type == Type::String; }
    bool isList() const { return m_type == Type::List; }
    bool isMap() const { return m_type == Type::Map; }
    bool isScalar() const { return m_type != Type::List && m_type != Type::Map; }

    bool toBool() const { return m_type == Type::Bool ? m_bool : false; }
    qint64 toInt() const;
    double toDouble() const;
    // Text of a scalar (numbers and bools as written in YAML); empty for lists and maps.
    QString toString() const;

    const List &list() const { return m_list; }
    List &list() { return m_list; }
    const Map &map() const { return m_map; }
    Map &map() { return m_map; }

    // Map access. find() returns nullptr when absent or when this is not a map.
    const Value *find(QStringView key) const;
    Value *find(QStringView key);
    bool contains(QStringView key) const { return find(key) != nullptr; }
    // Sets (or appends) key; turns a null value into a map first.
    void insert(const QString &key, Value value);
    bool remove(QStringView key);
    QStringList keys() const;
    // List append; turns a null value into a list first.
    void append(Value value);
    qsizetype size() const;

    // Conversion to and from QVariant (QVariantMap/QVariantList/QString/qint64/double/bool).
    // toVariant() loses key order (QVariantMap sorts); use it for runtime data, not for saving.
    QVariant toVariant() const;
    static Value fromVariant(const QVariant &v);

    // Equality ignores SourcePos.
    bool operator==(const Value &other) const;
    bool operator!=(const Value &other) const { return !(*this == other); }

    SourcePos pos;    // where this value started in the file (0 when made in memory)
    SourcePos keyPos; // for a map entry's value: where its key started

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    qint64 m_int = 0;
    double m_double = 0.0;
    QString m_string;
    List m_list;
    Map m_map;
};

} // namespace Flow
