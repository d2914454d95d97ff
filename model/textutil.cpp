#include "textutil.h"

#include <QCoreApplication>

#include <algorithm>
#include <vector>

namespace Flow::Text {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::Text", text);
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
int editDistance(QStringView a, QStringView b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

} // namespace

QString closestMatch(QStringView word, const QStringList &candidates)
{
    if (word.isEmpty() || word.size() > 64)
        return {};
    const QString lower = word.toString().toLower();
    const int allowed = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
    QString best;
    int bestDistance = allowed + 1;
    for (const QString &candidate : candidates) {
        if (candidate == word || candidate.size() > 64)
            continue;
        const int distance = editDistance(lower, candidate.toLower());
        if (distance < bestDistance && distance < candidate.size()) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QString didYouMean(QStringView word, const QStringList &candidates)
{
    const QString match = closestMatch(word, candidates);
    return match.isEmpty() ? QString() : tr(" (did you mean '%1'?)").arg(match);
}

QString quoted(QStringView text)
{
    constexpr qsizetype limit = 40;
    QString shown = text.toString();
    shown.replace(u'\n', QStringLiteral("\\n"));
    if (shown.size() > limit)
        shown = shown.left(limit - 1) + u'…';
    return u'\'' + shown + u'\'';
}

QString describe(const Value &value)
{
    switch (value.type()) {
    case Value::Type::Null:
        return tr("an empty value");
    case Value::Type::List:
        return tr("a list");
    case Value::Type::Map:
        return tr("a map");
    default:
        return quoted(value.toString());
    }
}

} // namespace Flow::Text
