#include "logtextsearch.h"

#include <algorithm>
#include <cstring>

namespace Flow {

namespace {

// Latin-1 byte -> its case folding, where that is Latin-1 too. The one exception, MICRO SIGN (folds
// to Greek mu), stays itself: neither a Latin-1 needle nor a Latin-1 line can hold a mu, so the
// answers do not change.
const std::array<quint8, 256> &foldTable()
{
    static const std::array<quint8, 256> table = [] {
        std::array<quint8, 256> t{};
        for (int c = 0; c < 256; ++c) {
            const char16_t folded = QChar(c).toCaseFolded().unicode();
            t[size_t(c)] = quint8(folded < 256 ? folded : c);
        }
        return t;
    }();
    return table;
}

} // namespace

LogTextSearch::LogTextSearch(const QString &needle)
    : m_needle(needle)
{
    // Needle character c matches line character h when both fold alike. For a Latin-1 h that fold
    // is foldTable()[h], or MU for MICRO SIGN; so c maps to one folded byte, or matches no Latin-1
    // character at all (then no Latin-1 line can hold the needle).
    m_folded.reserve(needle.size());
    for (QChar c : needle) {
        const char16_t folded = c.toCaseFolded().unicode();
        if (folded < 0x100)
            m_folded.append(char(foldTable()[folded]));
        else if (folded == 0x3bc) // GREEK SMALL LETTER MU
            m_folded.append(char(0xb5));
        else
            m_latin1Impossible = true;
    }
    const auto m = quint32(m_folded.size());
    m_skip.fill(m);
    for (quint32 i = 0; i + 1 < m; ++i)
        m_skip[quint8(m_folded[i])] = m - 1 - i;
    if (m > 0) { // the raw bytes that fold to the first needle byte (at most two in Latin-1)
        for (int c = 0; c < 256; ++c) {
            if (foldTable()[size_t(c)] == quint8(m_folded[0]))
                (m_first[0] < 0 ? m_first[0] : m_first[1]) = c;
        }
    }
}

bool LogTextSearch::inLatin1(const char *text, qsizetype size) const
{
    if (m_needle.isEmpty())
        return true;
    if (m_latin1Impossible)
        return false;
    const qsizetype m = m_folded.size();
    if (m == 1) { // one character: memchr beats any loop
        return std::memchr(text, m_first[0], size_t(size))
               || (m_first[1] >= 0 && std::memchr(text, m_first[1], size_t(size)));
    }
    // Boyer-Moore-Horspool over folded bytes.
    const auto &fold = foldTable();
    const auto *h = reinterpret_cast<const quint8 *>(text);
    const auto *n = reinterpret_cast<const quint8 *>(m_folded.constData());
    const quint8 last = n[m - 1];
    for (qsizetype i = 0; i + m <= size;) {
        const quint8 c = fold[h[i + m - 1]];
        if (c == last) {
            qsizetype j = 0;
            while (j < m - 1 && fold[h[i + j]] == n[j])
                ++j;
            if (j == m - 1)
                return true;
        }
        i += m_skip[c];
    }
    return false;
}

} // namespace Flow
