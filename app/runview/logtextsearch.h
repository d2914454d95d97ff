#pragma once

#include <QByteArray>
#include <QString>

#include <array>

namespace Flow {

// A case-insensitive substring search prepared once for a million lines. Most log text is stored
// as Latin-1 (LogModel); in those lines the needle is searched as case-folded bytes with
// Boyer-Moore-Horspool (memchr for one character), about twice as fast as
// QLatin1StringView::contains(), which also misses matches such as KELVIN SIGN for 'k' in Qt 6.4.
// UTF-16 lines go through Qt. Both give the answer of QString::contains(Qt::CaseInsensitive).
class LogTextSearch
{
public:
    explicit LogTextSearch(const QString &needle = {});

    const QString &needle() const { return m_needle; }
    bool isEmpty() const { return m_needle.isEmpty(); }

    bool inLatin1(const char *text, qsizetype size) const;
    bool inUtf16(QStringView text) const { return text.contains(m_needle, Qt::CaseInsensitive); }

private:
    QString m_needle;
    bool m_latin1Impossible = false;    // a needle character matches no Latin-1 character
    QByteArray m_folded;                // the needle, case-folded Latin-1
    std::array<int, 2> m_first{-1, -1}; // the raw bytes folding to the first needle byte
    std::array<quint32, 256> m_skip{};  // Horspool shift per folded byte
};

} // namespace Flow
