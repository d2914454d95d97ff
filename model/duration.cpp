#include "duration.h"

#include <cmath>

namespace Flow {

std::optional<Millis> parseDuration(QStringView text)
{
    text = text.trimmed();
    struct Unit { QStringView suffix; double factor; };
    static const Unit units[] = {{u"ms", 1.0}, {u"s", 1000.0}, {u"m", 60000.0}, {u"h", 3600000.0}};
    for (const Unit &unit : units) {
        if (!text.endsWith(unit.suffix))
            continue;
        const QStringView number = text.chopped(unit.suffix.size());
        if (number.isEmpty() || number.startsWith(u'-') || number.startsWith(u'+'))
            return std::nullopt;
        for (QChar c : number) {
            if (!c.isDigit() && c != u'.')
                return std::nullopt;
        }
        bool ok = false;
        const double value = number.toDouble(&ok);
        if (!ok || !std::isfinite(value) || value * unit.factor > 1e15)
            return std::nullopt;
        return Millis(qint64(std::llround(value * unit.factor)));
    }
    return std::nullopt;
}

QString formatDuration(Millis d)
{
    const qint64 ms = d.count();
    if (ms != 0 && ms % 3600000 == 0)
        return QString::number(ms / 3600000) + u'h';
    if (ms != 0 && ms % 60000 == 0)
        return QString::number(ms / 60000) + u'm';
    if (ms != 0 && ms % 1000 == 0)
        return QString::number(ms / 1000) + u's';
    return QString::number(ms) + u"ms";
}

} // namespace Flow
