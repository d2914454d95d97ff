#include "yamlscalar.h"

#include <QRegularExpression>

#include <charconv>
#include <cmath>
#include <limits>

namespace Flow::Yaml {
namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool allOf(QStringView s, bool (*pred)(QChar))
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (!pred(c))
            return false;
    }
    return true;
}

bool isHexDigit(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isOctDigit(QChar c)
{
    return c >= u'0' && c <= u'7';
}

std::optional<Value> resolveInt(QStringView s)
{
    if (s.startsWith(u"0x") && allOf(s.mid(2), isHexDigit)) {
        bool ok = false;
        const qint64 v = s.mid(2).toLongLong(&ok, 16);
        return ok ? Value(v) : Value(double(s.mid(2).toULongLong(nullptr, 16)));
    }
    if (s.startsWith(u"0o") && allOf(s.mid(2), isOctDigit)) {
        bool ok = false;
        const qint64 v = s.mid(2).toLongLong(&ok, 8);
        return ok ? Value(v) : Value(s.mid(2).toDouble());
    }
    const QStringView digits = (s.startsWith(u'-') || s.startsWith(u'+')) ? s.mid(1) : s;
    if (!allOf(digits, isDigit))
        return std::nullopt;
    bool ok = false;
    const qint64 v = s.toLongLong(&ok, 10);
    if (ok)
        return Value(v);
    return Value(s.toDouble()); // too big for 64 bits: still a number, not text
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool isCoreFloat(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    if (i < n && (s[i] == u'-' || s[i] == u'+'))
        ++i;
    qsizetype intDigits = 0;
    while (i < n && isDigit(s[i])) {
        ++i;
        ++intDigits;
    }
    qsizetype fracDigits = 0;
    if (i < n && s[i] == u'.') {
        ++i;
        while (i < n && isDigit(s[i])) {
            ++i;
            ++fracDigits;
        }
    }
    if (intDigits == 0 && fracDigits == 0)
        return false;
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < n && (s[i] == u'-' || s[i] == u'+'))
            ++i;
        qsizetype expDigits = 0;
        while (i < n && isDigit(s[i])) {
            ++i;
            ++expDigits;
        }
        if (expDigits == 0)
            return false;
    }
    return i == n;
}

std::optional<Value> resolveFloat(QStringView s)
{
    static const QStringList infinities = {".inf", ".Inf", ".INF"};
    static const QStringList nans = {".nan", ".NaN", ".NAN"};
    const bool negative = s.startsWith(u'-');
    const QStringView unsigned_ = (negative || s.startsWith(u'+')) ? s.mid(1) : s;
    for (const QString &inf : infinities) {
        if (unsigned_ == inf)
            return Value(negative ? -std::numeric_limits<double>::infinity()
                                  : std::numeric_limits<double>::infinity());
    }
    for (const QString &nan : nans) {
        if (s == nan)
            return Value(std::numeric_limits<double>::quiet_NaN());
    }
    if (!isCoreFloat(s))
        return std::nullopt;
    const QByteArray latin = s.toLatin1();
    double d = 0.0;
    const char *begin = latin.constData() + (latin.startsWith('+') ? 1 : 0);
    const auto result = std::from_chars(begin, latin.constData() + latin.size(), d);
    if (result.ec == std::errc::result_out_of_range)
        return Value(negative ? -std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::infinity());
    return Value(d);
}

// The plain scalars PyYAML (YAML 1.1) reads as something other than a string.
bool isYaml11Special(QStringView s)
{
    static const QRegularExpression special(QStringLiteral(
        R"(^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|=|<<)$)"
        R"(|^[-+]?(?:0b[0-1_]+|0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|0x[0-9a-fA-F_]+)$)"
        R"(|^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$)"
        R"(|^[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?$)"
        R"(|^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?)"));
    return special.match(s).hasMatch();
}

bool isIndicator(QChar c)
{
    return QStringView(u"-?:,[]{}#&*!|>'\"%@`").contains(c);
}

bool isPrintable(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
        return false;
    return u != 0x2028 && u != 0x2029 && u != 0xfeff && u != 0xfffe && u != 0xffff;
}

} // namespace

Value resolvePlain(const QString &text)
{
    if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
        return {};
    if (text == u"true" || text == u"True" || text == u"TRUE")
        return Value(true);
    if (text == u"false" || text == u"False" || text == u"FALSE")
        return Value(false);
    const QChar first = text.front();
    if (isDigit(first) || first == u'-' || first == u'+' || first == u'.') {
        if (auto v = resolveInt(text))
            return *v;
        if (auto v = resolveFloat(text))
            return *v;
    }
    return Value(text);
}

bool isPlainSafe(QStringView text, bool inFlow)
{
    if (text.isEmpty() || isIndicator(text.front()))
        return false;
    const QChar first = text.front();
    const QChar last = text.back();
    if (first == u' ' || first == u'\t' || last == u' ' || last == u'\t' || last == u':')
        return false;
    if (text.contains(u": ") || text.contains(u" #") || text.contains(u"${{"))
        return false;
    for (QChar c : text) {
        if (!isPrintable(c) || c == u'\t')
            return false;
        // yaml-cpp ends a plain scalar at '?' inside [] and {}, though YAML allows it there.
        if (inFlow && QStringView(u",[]{}?").contains(c))
            return false;
    }
    if (!resolvePlain(text.toString()).isString())
        return false;
    return !isYaml11Special(text);
}

QString doubleQuoted(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += u"\\\"";
            break;
        case u'\\':
            out += u"\\\\";
            break;
        case u'\n':
            out += u"\\n";
            break;
        case u'\t':
            out += u"\\t";
            break;
        case u'\r':
            out += u"\\r";
            break;
        case 0:
            out += u"\\0";
            break;
        case 0x85:
            out += u"\\N";
            break;
        case 0x2028:
            out += u"\\L";
            break;
        case 0x2029:
            out += u"\\P";
            break;
        default:
            if (isPrintable(c))
                out += c;
            else if (u < 0x100)
                out += u"\\x" + QString::number(u, 16).toUpper().rightJustified(2, u'0');
            else
                out += u"\\u" + QString::number(u, 16).toUpper().rightJustified(4, u'0');
        }
    }
    out += u'"';
    return out;
}

QString formatDouble(double d)
{
    if (std::isnan(d))
        return QStringLiteral(".nan");
    if (std::isinf(d))
        return d < 0 ? QStringLiteral("-.inf") : QStringLiteral(".inf");
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, d);
    QString text = QString::fromLatin1(buf, result.ptr - buf);
    if (text.contains(u'.'))
        return text;
    const qsizetype e = text.indexOf(u'e');
    if (e < 0)
        return text + u".0";
    return text.left(e) + u".0"
           + text.mid(e); // 1e+20 -> 1.0e+20, which YAML 1.1 readers take as a number too
}

QString scalarText(const Value &value, bool inFlow)
{
    switch (value.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Type::Int:
        return QString::number(value.toInt());
    case Value::Type::Double:
        return formatDouble(value.toDouble());
    case Value::Type::String: {
        const QString s = value.toString();
        return isPlainSafe(s, inFlow) ? s : doubleQuoted(s);
    }
    case Value::Type::List:
        return QStringLiteral("[]");
    case Value::Type::Map:
        return QStringLiteral("{}");
    }
    return {};
}

} // namespace Flow::Yaml
