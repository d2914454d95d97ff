#include "durationtext.h"

#include <QCoreApplication>
#include <QLocale>

namespace Flow {

namespace {

QString minutesAndMore(qint64 seconds)
{
    if (seconds < 3600)
        return QCoreApplication::translate("Flow::Duration", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60);
    return QCoreApplication::translate("Flow::Duration", "%1 h %2 min")
        .arg(seconds / 3600)
        .arg(seconds % 3600 / 60);
}

} // namespace

QString durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return QCoreApplication::translate("Flow::Duration", "%1 ms").arg(ms);
    if (ms < 10000)
        return QCoreApplication::translate("Flow::Duration", "%1 s")
            .arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return elapsedText(ms);
}

QString elapsedText(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("Flow::Duration", "%1 s").arg(s);
    return minutesAndMore(s);
}

QString clockText(qint64 ms)
{
    const qint64 total = qMax<qint64>(0, ms) / 1000;
    if (total < 3600)
        return QStringLiteral("%1:%2")
            .arg(total / 60, 2, 10, QChar(u'0'))
            .arg(total % 60, 2, 10, QChar(u'0'));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg(total / 60 % 60, 2, 10, QChar(u'0'))
        .arg(total % 60, 2, 10, QChar(u'0'));
}

} // namespace Flow
