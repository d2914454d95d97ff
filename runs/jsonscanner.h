#pragma once

// Internal to runs/eventjson.cpp: the cursor over compact JSON that the fast event reader is made of,
// in a header of its own so that it stays inline (it is the client's hot path) and the event logic
// stays readable.

#include <QByteArray>
#include <QString>
#include <QStringDecoder>
#include <QVariant>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace Flow::EventJson::Detail {

// The nesting that `data` may have here; deeper values go the slow way.
constexpr int MaxDepth = 32;
// Integers of up to 15 digits are exact in every reading Qt may make of them (qint64 or double).
constexpr int MaxIntegerDigits = 15;

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The same short strings come in every event of a frame (node ids, "stream", "stdout", "line"):
// handed out as shared copies of one QString instead of one allocation each. Direct-mapped, so a
// miss costs one hash and a compare.
class Interner
{
public:
    QString get(QByteArrayView ascii)
    {
        if (ascii.size() > MaxLength)
            return QString::fromLatin1(ascii);
        size_t h = 2166136261u; // FNV-1a
        for (const char c : ascii)
            h = (h ^ uchar(c)) * 16777619u;
        QString &slot = m_slots[h % m_slots.size()];
        // A miss costs what no interning would (one QString) plus the compare: unique values (log
        // lines) do not pay for the repeated ones.
        if (slot.size() != ascii.size() || QLatin1StringView(ascii) != slot)
            slot = QString::fromLatin1(ascii);
        return slot;
    }

private:
    static constexpr qsizetype MaxLength = 32;
    std::array<QString, 64> m_slots;
};

// A cursor over compact JSON. Every read returns false for "not sure", never guesses.
class Scanner
{
public:
    Scanner(const char *begin, const char *end, Interner *interner = nullptr)
        : m_p(begin)
        , m_end(end)
        , m_interner(interner)
    {}

    const char *position() const { return m_p; }
    bool atEnd() const { return m_p == m_end; }
    bool peek(char c) const { return m_p != m_end && *m_p == c; }
    bool take(char c)
    {
        if (!peek(c))
            return false;
        ++m_p;
        return true;
    }
    bool take(const char *literal)
    {
        const size_t n = std::strlen(literal);
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, literal, n) != 0)
            return false;
        m_p += n;
        return true;
    }

    // The raw bytes of a string without escapes (keys, kinds, times), quotes consumed.
    bool rawString(QByteArrayView *out)
    {
        if (!take('"'))
            return false;
        const char *start = m_p;
        while (m_p != m_end && *m_p != '"') {
            const auto c = uchar(*m_p);
            if (c == '\\' || c < 0x20 || c >= 0x80)
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        *out = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }

    bool string(QString *out)
    {
        if (!take('"'))
            return false;
        const char *start = m_p;
        // Up to the closing quote in one memchr, then one branch-free pass over it (the compiler
        // vectorises it): most strings have no escape, no control and no non-ASCII character.
        if (const auto *quote = static_cast<const char *>(std::memchr(m_p, '"', size_t(m_end - m_p)))) {
            unsigned special = 0;
            unsigned high = 0;
            for (const char *q = m_p; q != quote; ++q) {
                const auto c = uchar(*q);
                special |= unsigned(c < 0x20) | unsigned(c == '\\');
                high |= c;
            }
            if (!special) {
                const QByteArrayView bytes(start, quote - start);
                m_p = quote + 1;
                if (high & 0x80)
                    return utf8(bytes, out);
                *out = m_interner ? m_interner->get(bytes) : QString::fromLatin1(bytes);
                return true;
            }
        }
        bool ascii = true;
        while (m_p != m_end && *m_p != '"' && *m_p != '\\') {
            const auto c = uchar(*m_p);
            if (c < 0x20)
                return false;
            ascii = ascii && c < 0x80;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        if (*m_p == '"') { // the usual case: no escapes
            const QByteArrayView bytes(start, m_p - start);
            ++m_p;
            if (!ascii)
                return utf8(bytes, out);
            *out = m_interner ? m_interner->get(bytes) : QString::fromLatin1(bytes);
            return true;
        }
        QByteArray unescaped(start, m_p - start);
        return escapedRest(&unescaped) && utf8(unescaped, out);
    }

    // A JSON integer of at most MaxIntegerDigits digits; "-0" and anything with a fraction or an
    // exponent are left to the slow path.
    bool integer(qint64 *out)
    {
        const char *start = m_p;
        take('-');
        const char *digits = m_p;
        while (m_p != m_end && isDigit(*m_p))
            ++m_p;
        const qsizetype n = m_p - digits;
        if (n == 0 || n > MaxIntegerDigits || (n > 1 && *digits == '0') || peek('.') || peek('e') || peek('E')
            || (*start == '-' && n == 1 && *digits == '0'))
            return false;
        return std::from_chars(start, m_p, *out).ec == std::errc();
    }

    bool value(QVariant *out, int depth)
    {
        if (m_p == m_end || depth > MaxDepth)
            return false;
        switch (*m_p) {
        case '"': {
            QString s;
            if (!string(&s))
                return false;
            *out = std::move(s);
            return true;
        }
        case '{': {
            QVariantMap map;
            if (!object(&map, depth + 1))
                return false;
            *out = std::move(map);
            return true;
        }
        case '[': {
            QVariantList list;
            if (!array(&list, depth + 1))
                return false;
            *out = std::move(list);
            return true;
        }
        case 't':
            return take("true") && (*out = true, true);
        case 'f':
            return take("false") && (*out = false, true);
        case 'n':
            return take("null") && (*out = QVariant::fromValue(nullptr), true);
        default:
            return number(out);
        }
    }

    bool object(QVariantMap *out, int depth)
    {
        if (!take('{'))
            return false;
        if (take('}'))
            return true;
        do {
            QString key;
            QVariant v;
            if (!string(&key) || !take(':') || !value(&v, depth) || out->contains(key))
                return false;
            out->insert(key, std::move(v));
        } while (take(','));
        return take('}');
    }

private:
    bool array(QVariantList *out, int depth)
    {
        if (!take('['))
            return false;
        if (take(']'))
            return true;
        do {
            QVariant v;
            if (!value(&v, depth))
                return false;
            out->append(std::move(v));
        } while (take(','));
        return take(']');
    }

    // Qt reads an integer literal as qint64 and anything else as a double, correctly rounded, as
    // from_chars does.
    bool number(QVariant *out)
    {
        const char *start = m_p;
        qint64 i = 0;
        if (integer(&i)) {
            *out = QVariant::fromValue(i);
            return true;
        }
        m_p = start;
        take('-');
        const char *intStart = m_p;
        while (m_p != m_end && isDigit(*m_p))
            ++m_p;
        const qsizetype intDigits = m_p - intStart;
        if (intDigits == 0 || (intDigits > 1 && *intStart == '0') || !take('.'))
            return false;
        const char *fraction = m_p;
        while (m_p != m_end && isDigit(*m_p))
            ++m_p;
        // No exponent, and few enough digits that any correct rounding agrees.
        if (m_p == fraction || peek('e') || peek('E') || (m_p - intStart) > 17)
            return false;
        double d = 0;
        if (std::from_chars(start, m_p, d).ec != std::errc())
            return false;
        // Qt hands out an integral double (5.0, -0.0) as a qint64: so here (below 1e17, it fits).
        if (d == std::trunc(d))
            *out = QVariant::fromValue(qint64(d));
        else
            *out = d;
        return true;
    }

    // After the first backslash: the rest of the string, unescaped into `bytes` (UTF-8).
    bool escapedRest(QByteArray *bytes)
    {
        while (m_p != m_end) {
            const char c = *m_p++;
            if (c == '"')
                return true;
            if (uchar(c) < 0x20)
                return false;
            if (c != '\\') {
                bytes->append(c);
                continue;
            }
            if (m_p == m_end)
                return false;
            switch (*m_p++) {
            case '"':
                bytes->append('"');
                break;
            case '\\':
                bytes->append('\\');
                break;
            case '/':
                bytes->append('/');
                break;
            case 'b':
                bytes->append('\b');
                break;
            case 'f':
                bytes->append('\f');
                break;
            case 'n':
                bytes->append('\n');
                break;
            case 'r':
                bytes->append('\r');
                break;
            case 't':
                bytes->append('\t');
                break;
            case 'u': {
                if (m_end - m_p < 4)
                    return false;
                int code = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(*m_p++);
                    if (h < 0)
                        return false;
                    code = code * 16 + h;
                }
                // Surrogates (pairs or lone ones) and NUL: the slow path's business.
                if (code == 0 || (code >= 0xD800 && code <= 0xDFFF))
                    return false;
                bytes->append(QString(QChar(char16_t(code))).toUtf8());
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }

    static bool utf8(QByteArrayView bytes, QString *out)
    {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString s = decoder(bytes);
        if (decoder.hasError())
            return false;
        *out = std::move(s);
        return true;
    }

    const char *m_p;
    const char *m_end;
    Interner *m_interner;
};

} // namespace Flow::EventJson::Detail
